import { useEffect, useRef, useState } from 'react';
import { stringifyMapping } from '../../../loader/import';
import { previewMapping, type MappingPreview } from '../../../loader/replace-data';
import { getSession } from '../../session';
import { lookupFilesFor } from '../import-store';
import type { MappingDraft } from '../mapping-step';

/** Records of the file the preview reads, and rows it shows per table. */
export const PREVIEW_RECORDS = 200;
const PREVIEW_ROWS = 10;

export type PreviewState = { state: 'idle' | 'running' | 'done'; preview: MappingPreview | null; error: string | null };

/** The first records through the mapping, re-run (debounced) after every change; older answers are dropped. */
export function usePreview(id: number, draft: MappingDraft, ready: boolean): { state: 'idle' | 'running' | 'done'; preview: MappingPreview | null; error: string | null } {
  const [out, setOut] = useState<{ state: 'idle' | 'running' | 'done'; preview: MappingPreview | null; error: string | null }>({ state: 'idle', preview: null, error: null });
  const seq = useRef(0);
  const key = ready ? `${draft.fileName}\u0000${stringifyMapping(draft.mapping)}` : null;
  const text = draft.sniff.text;
  const name = draft.fileName;
  const mapping = draft.mapping;
  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) {
      setOut({ state: 'idle', preview: null, error: null });
      return;
    }
    setOut((o) => ({ ...o, state: 'running' }));
    const timer = window.setTimeout(() => {
      Promise.all([getSession(), mapping.lookups?.length ? lookupFilesFor(id, mapping) : Promise.resolve(undefined)])
        .then(([s, lookupFiles]) => previewMapping(s.runner, { name, text }, mapping, { maxRecords: PREVIEW_RECORDS, previewRows: PREVIEW_ROWS, lookupFiles }))
        .then(
          (preview) => mine === seq.current && setOut({ state: 'done', preview, error: null }),
          (e: unknown) => mine === seq.current && setOut({ state: 'done', preview: null, error: e instanceof Error ? e.message : String(e) }),
        );
    }, 300);
    return () => window.clearTimeout(timer);
    // `key` stands for the mapping and the file name; the text changes only with a new sniff.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, text]);
  return out;
}
