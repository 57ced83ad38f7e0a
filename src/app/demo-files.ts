import type { InputFile } from '../loader/file-kinds';
import type { PrebuiltFiles } from '../loader/prebuilt-database';

// The demo data set ships inside the app: Vite copies each CSV into the build and gives its URL
// on this origin, so the demo works offline and nothing is fetched from another host. Only
// their URLs and bytes here (the first screen imports this); opening them in the runner is
// src/app/session/open-demo.ts, loaded with the engine.
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
