import { useEffect, useState } from 'react';
import type { FileLoadReport } from '../../loader/load-file';
import { getSession, onDataChanged } from '../session';
import type { StoredEntry } from '../storage/stored-index';

export interface DataSource {
  label: string | null;
  reports: FileLoadReport[];
  version: number;
  /** The kept data set shown (null: the demo, or loaded data not kept yet; undefined: not known yet). */
  dataSet: StoredEntry | null | undefined;
}

/** The current data's source label, per-file load reports and kept data set, following replacements. */
export function useDataSource(): DataSource {
  const [source, setSource] = useState<DataSource>({ label: null, reports: [], version: 0, dataSet: undefined });
  useEffect(() => {
    let live = true;
    getSession().then(
      (s) => live && setSource((prev) => (prev.label === null ? { label: s.sourceLabel, reports: s.reports, version: prev.version, dataSet: s.dataSet } : prev)),
      () => undefined,
    );
    const off = onDataChanged((c) => live && setSource({ label: c.sourceLabel, reports: c.reports, version: c.version, dataSet: c.dataSet }));
    return () => {
      live = false;
      off();
    };
  }, []);
  return source;
}
