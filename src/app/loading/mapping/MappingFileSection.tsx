import { useRef, useState } from 'react';
import { Button, Callout } from '@tremor/react';
import { downloadText } from '../../download';
import { applySavedMapping, mappingFileName, mappingJson, type MappingDraft } from '../mapping-step';
import { inputClass, labelClass, muted, Section, type Change } from './ui';

/** The mapping's name, "Download mapping" and "Use a saved mapping". */
export function MappingFileSection({ draft, ready, change }: { draft: MappingDraft; ready: boolean; change: Change }) {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const readSavedMapping = async (file: File) => {
    const result = applySavedMapping(draft, await file.text(), file.name);
    if (result.ok) {
      setErrors([]);
      setLoaded(file.name);
      change(() => result.draft);
    } else {
      setLoaded(null);
      setErrors(result.errors);
    }
  };
  return (
    <Section title="Mapping file">
      <div className="flex flex-wrap items-end gap-3">
        <label className={labelClass}>
          Name
          <input
            className={`${inputClass} w-72`}
            value={draft.mapping.name}
            onChange={(e) => {
              const name = e.target.value;
              change((d) => ({ ...d, mapping: { ...d.mapping, name } }));
            }}
            data-testid="mapping-name"
          />
        </label>
        <Button
          variant="secondary"
          disabled={!ready}
          title={ready ? 'Save this mapping as JSON: use it for next month’s export, here or with the CLI (--mapping)' : 'Answer the questions and map the required columns first'}
          onClick={() => downloadText(mappingFileName(draft.fileName), mappingJson(draft), 'application/json')}
          data-testid="mapping-download"
        >
          Download mapping
        </Button>
        <Button variant="secondary" onClick={() => input.current?.click()} data-testid="mapping-use-saved">
          Use a saved mapping
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void readSavedMapping(f);
          }}
          data-testid="mapping-file-input"
        />
      </div>
      {loaded && <p className={`${muted} mt-2`}>Using {loaded}.</p>}
      {errors.length > 0 && (
        <Callout color="rose" title="This mapping cannot be used for this file" className="mt-3" data-testid="mapping-file-errors">
          <ul className="list-disc pl-5">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Callout>
      )}
    </Section>
  );
}

