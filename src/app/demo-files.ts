import type { InputFile } from '../loader/file-kinds';

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
