import type { QuerySources } from './query-sources';

const files = import.meta.glob('../../queries/**/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The SQL files under queries/, bundled into the app at build time. */
export function bundledQuerySources(): QuerySources {
  const sources: QuerySources = {};
  for (const [file, text] of Object.entries(files)) {
    const key = file.replace(/^.*\/queries\//, '').replace(/\.sql$/, '');
    sources[key] = text;
  }
  return sources;
}
