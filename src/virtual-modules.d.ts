declare module 'virtual:demo-snapshot' {
  /** The demo snapshot as JSON text (src/loader/seed-json.ts), or null in the dev server. */
  const json: string | null;
  export default json;
}

declare module 'virtual:demo-presets' {
  /** The Overview under each date preset on the demo data (src/build/demo-snapshot.ts), JSON text like virtual:demo-snapshot, or null in the dev server. */
  const json: string | null;
  export default json;
}

declare module 'virtual:demo-filters-*' {
  /** One page filtered to one value of one dimension on the demo data (src/build/demo-snapshot.ts), JSON text like virtual:demo-snapshot, or null in the dev server. */
  const json: string | null;
  export default json;
}

declare module 'virtual:demo-database' {
  /** URLs of the demo database file and its write-ahead log (src/build/demo-database-plugin.ts), or null in the dev server. */
  const files: { database: string; wal: string | null } | null;
  export default files;
}
