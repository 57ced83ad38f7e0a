import { FillDownEditor } from './FillDownEditor';
import { LookupsEditor } from './LookupsEditor';
import { Section, type TargetContext } from './ui';

/** What the mapping says about the whole file: fill-down and lookups into other files. */
export function FileRulesSection({ base, files }: { base: Omit<TargetContext, 'target'>; files: readonly { name: string; header: readonly string[] }[] }) {
  return (
    <Section title="Rules for the whole file" testId="mapping-file-rules">
      <div className="space-y-3">
        <FillDownEditor ctx={base} />
        <LookupsEditor ctx={base} files={files} />
      </div>
    </Section>
  );
}
