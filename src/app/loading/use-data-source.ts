import { useEffect, useState } from 'react';
import type { FileLoadReport } from '../../loader/load-file';
import { getSession, onDataChanged } from '../session';

/** The current data's source label and per-file load reports, following replacements. */
export function useDataSource(): { label: string | null; reports: FileLoadReport[]; version: number } {
  const [source, setSource] = useState<{ label: string | null; reports: FileLoadReport[]; version: number }>({
    label: null,
    reports: [],
    version: 0,
  });
  useEffect(() => {
    let live = true;
    getSession().then(
      (s) => live && setSource((prev) => (prev.label === null ? { label: s.sourceLabel, reports: s.reports, version: prev.version } : prev)),
      () => undefined,
    );
    const off = onDataChanged((c) => live && setSource({ label: c.sourceLabel, reports: c.reports, version: c.version }));
    return () => {
      live = false;
      off();
    };
  }, []);
  return source;
}
