import { Callout } from '@tremor/react';
import { CONTRACT } from '../../data-model/contract';
import { fileMatches } from '../../loader/import';
import { updateDraft, useImportBatch } from './import-store';
import { canLoad, draftProblems, lookupColumns, openQuestions, type MappingDraft } from './mapping-step';
import { ChoiceSection } from './mapping/ChoiceSection';
import { FileRulesSection } from './mapping/FileRulesSection';
import { FormatSection } from './mapping/FormatSection';
import { JsonEditor } from './mapping/JsonEditor';
import { MappingFileSection } from './mapping/MappingFileSection';
import { PreviewSection } from './mapping/PreviewSection';
import { QuestionsCallout } from './mapping/QuestionsCallout';
import { TargetsSection } from './mapping/TargetsSection';
import { muted } from './mapping/ui';

export { inputClass } from './mapping/ui';

/**
 * The mapping step of one dropped file: how to read it (preset with its confidence, or a custom
 * mapping), its format (encoding, delimiter, numbers), the questions it raises (asked, never
 * guessed), the tables it fills with where each column comes from, the rules for the whole
 * file (fill-down, lookups), a preview of the first rows exactly as they will load with the
 * reason of every refused row, and the mapping as JSON (edit it here, download it, re-use it).
 */
export function MappingStep({ id, draft }: { id: number; draft: MappingDraft }) {
  const change = (fn: (d: MappingDraft) => MappingDraft) => updateDraft(id, fn);
  const batch = useImportBatch();
  // The other files' headers: a lookup's columns are offered as "<lookup>.<column>".
  const files = batch.map((e) => ({
    name: e.name,
    header: e.draft?.sniff.header ?? (e.route.kind === 'canonical' ? CONTRACT[e.route.table].columns.map((c) => c.name) : []),
  }));
  const base = { draft, change, header: draft.sniff.header, lookups: lookupColumns(draft.mapping, files, fileMatches) };
  const open = openQuestions(draft);
  const problems = draftProblems(draft);
  const ready = canLoad(draft);
  return (
    <div className="mt-3 space-y-5 rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border" data-testid="mapping-step" data-file={draft.fileName}>
      <ChoiceSection draft={draft} change={change} />
      <FormatSection draft={draft} change={change} />
      {open.length > 0 && <QuestionsCallout draft={draft} questions={open} change={change} />}
      {problems.length > 0 && (
        <Callout color="rose" title="Before this file can load" data-testid="mapping-problems">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Callout>
      )}
      <TargetsSection base={base} change={change} />
      <FileRulesSection base={base} files={files} />
      <PreviewSection id={id} draft={draft} ready={ready} />
      <JsonEditor draft={draft} change={change} />
      <MappingFileSection draft={draft} ready={ready} change={change} />
      {draft.notes.length > 0 && (
        <details className={muted}>
          <summary className="cursor-pointer">How this mapping reads the file ({draft.notes.length} notes)</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {draft.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
