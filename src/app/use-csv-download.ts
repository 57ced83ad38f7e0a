import { useState } from 'react';
import type { Row } from '../engine/types';
import { toCsv } from '../export/csv';
import { downloadText } from './download';

export interface CsvDownload {
  busy: boolean;
  error: string | null;
  /** Gets the rows (e.g. every row of a model) and saves them as CSV, formula-like cells neutralised. */
  save: (fileName: string, columns: string[], rows: () => Promise<Row[]> | Row[]) => Promise<void>;
}

/** A "download as CSV" button's work and state: busy while the rows are listed, the error if it fails. */
export function useCsvDownload(): CsvDownload {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const save: CsvDownload['save'] = async (fileName, columns, rows) => {
    setState({ busy: true, error: null });
    try {
      downloadText(fileName, toCsv(await rows(), columns, { neutralizeFormulas: true }));
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return { ...state, save };
}
