declare module 'virtual:demo-snapshot' {
  /** The demo snapshot as JSON text (src/loader/seed-json.ts), or null in the dev server. */
  const json: string | null;
  export default json;
}
