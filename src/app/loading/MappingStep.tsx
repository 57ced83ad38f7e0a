import { Callout } from '@tremor/react';
import { updateDraft } from './import-store';
import { canLoad, draftProblems, openQuestions, type MappingDraft } from './mapping-step';
import { ChoiceSection } from './mapping/ChoiceSection';
import { ColumnsSection } from './mapping/ColumnsSection';
import { FormatSection } from './mapping/FormatSection';
import { MappingFileSection } from './mapping/MappingFileSection';
import { PreviewSection } from './mapping/PreviewSection';
import { QuestionsCallout } from './mapping/QuestionsCallout';
import { muted } from './mapping/ui';

export { inputClass } from './mapping/ui';

/**
 * The mapping step of one dropped file: how to read it (preset with its confidence, or a custom
 * mapping into a table), its format (encoding, delimiter, numbers), the questions it raises
 * (asked, never guessed), where each canonical column comes from, a preview of the first rows
 * exactly as they will load with the reason of every refused row, and the mapping as a JSON
 * file to download or re-use.
 */
export function MappingStep({ id, draft }: { id: number; draft: MappingDraft }) {
  const change = (fn: (d: MappingDraft) => MappingDraft) => updateDraft(id, fn);
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
      {draft.mapping.targets.map((t, i) => (
        <ColumnsSection key={`${t.table}-${i}`} draft={draft} target={i} change={change} />
      ))}
      <PreviewSection id={id} draft={draft} ready={ready} />
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
