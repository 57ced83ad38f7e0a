import type { InputFile } from '../loader/file-kinds';
import { importSqlFrom } from '../loader/import/apply';
import { loadFile, loadOrder, type FileLoadReport } from '../loader/load-file';
import { decodeParquetBrowser } from '../loader/parquet-browser';
import { openPrebuiltDatabase, type PrebuiltFiles } from '../loader/prebuilt-database';
import type { Runner } from '../runner/runner';

// The demo data set ships inside the app: Vite copies each CSV into the build and gives its URL
// on this origin, so the demo works offline and nothing is fetched from another host.
const urls = import.meta.glob('../../data/demo/*.csv', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The bundled demo files, as { name: 'order_lines.csv', url }. */
export function demoFileUrls(): { name: string; url: string }[] {
  return Object.entries(urls)
    .map(([path, url]) => ({ name: path.split('/').pop()!, url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function fetchDemoFile(file: { name: string; url: string }): Promise<InputFile> {
  const res = await fetch(file.url);
  if (!res.ok) throw new Error(`Could not read the demo file ${file.name} (HTTP ${res.status})`);
  return { name: file.name, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/**
 * The demo data as the build loaded and derived it (src/build/demo-database.ts), or null when
 * this build has none (the dev server): then the CSV files above are loaded instead.
 */
export async function fetchDemoDatabase(): Promise<PrebuiltFiles | null> {
  // Imported when asked for, like the snapshot: only a Vite build provides the module.
  const demoDatabaseUrls = (await import('virtual:demo-database')).default;
  if (!demoDatabaseUrls) return null;
  const bytes = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not read the demo database (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const { database, wal } = demoDatabaseUrls;
  const [db, log] = await Promise.all([bytes(database), wal ? bytes(wal) : null]);
  return { database: db, wal: log };
}

/** Loads the demo CSV files through the import pipeline (the caller derives). */
export async function loadDemoFiles(runner: Runner, inputs: InputFile[], progress: (step: string) => void): Promise<FileLoadReport[]> {
  const reports: FileLoadReport[] = [];
  const sql = importSqlFrom(runner.sources);
  for (const i of loadOrder(inputs)) {
    progress(`Loading ${inputs[i]!.name}…`);
    reports.push(await loadFile(runner.engine, sql, inputs[i]!, { decodeParquet: decodeParquetBrowser }));
  }
  return reports;
}

/**
 * Copies in the build's demo database (src/loader/prebuilt-database.ts) and returns its load
 * reports; null without one, or when it cannot be read (the demo CSV files are loaded instead).
 */
export async function openDemoDatabase(runner: Runner, files: PrebuiltFiles | null, progress: (step: string) => void): Promise<FileLoadReport[] | null> {
  if (!files) return null;
  progress('Opening the demo data…');
  try {
    return await openPrebuiltDatabase(runner, 'demo.duckdb', files);
  } catch (e) {
    console.warn('The demo database could not be opened; loading the demo files instead.', e);
    return null;
  }
}
