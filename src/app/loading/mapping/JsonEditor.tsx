import { useMemo, useState } from 'react';
import { Button } from '@tremor/react';
import { applyMappingJson, checkMappingJson, mappingJson, type MappingDraft } from '../mapping-step';
import { inputClass, muted, type Change } from './ui';

/**
 * "Edit as JSON": the whole mapping as text, checked as it is typed (every problem with its
 * path); Apply replaces the draft's mapping. While the text is not edited it follows the draft.
 */
export function JsonEditor({ draft, change }: { draft: MappingDraft; change: Change }) {
  const current = mappingJson(draft);
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? current;
  const check = useMemo(() => checkMappingJson(text), [text]);
  return (
    <details className="rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border" data-testid="mapping-json">
      <summary className="cursor-pointer text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="mapping-json-toggle">
        Edit as JSON
      </summary>
      <p className={`${muted} mt-2`}>The same file “Download mapping” saves and the CLI reads (--mapping). Anything the controls above cannot say can be written here.</p>
      <textarea
        className={`${inputClass} mt-2 h-96 w-full font-mono text-xs`}
        spellCheck={false}
        aria-label="The mapping as JSON"
        value={text}
        onChange={(e) => setEdited(e.target.value)}
        data-testid="mapping-json-text"
      />
      {!check.ok && (
        <ul className="mt-2 list-disc pl-5 text-tremor-default text-rose-700 dark:text-rose-400" data-testid="mapping-json-errors">
          {check.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <div className="mt-2 flex gap-2">
        <Button
          size="xs"
          disabled={!check.ok || edited === null}
          onClick={() => {
            if (!check.ok) return;
            const mapping = check.mapping;
            change((d) => applyMappingJson(d, mapping));
            setEdited(null);
          }}
          data-testid="mapping-json-apply"
        >
          Apply
        </Button>
        <Button size="xs" variant="secondary" disabled={edited === null} onClick={() => setEdited(null)} data-testid="mapping-json-reset">
          Undo my edits
        </Button>
        {edited !== null && check.ok && <span className={`${muted} self-center`}>Valid: Apply replaces the mapping above.</span>}
      </div>
    </details>
  );
}
