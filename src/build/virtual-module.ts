import type { Plugin, Rollup } from 'vite';

/**
 * A virtual module (`import x from 'virtual:…'`) whose default export a build computes (the
 * demo snapshot, the demo database's URLs): `build` returns the module's code, with the plugin
 * context to emit files. The dev server gets `export default null;` (the page then does without).
 */
export function buildTimeModule(id: string, name: string, build: (ctx: Rollup.PluginContext) => string): Plugin {
  const resolved = `\0${id}`;
  let building = false;
  return {
    name,
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId: (source) => (source === id ? resolved : null),
    load(requested) {
      if (requested !== resolved) return null;
      return building ? build(this) : 'export default null;';
    },
  };
}
