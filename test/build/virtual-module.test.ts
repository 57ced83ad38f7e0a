import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { buildTimeModule } from '../../src/build/virtual-module';

/** The one helper behind virtual:demo-snapshot and virtual:demo-database (src/build/virtual-module.ts). */
type Hooks = {
  configResolved: (config: { command: 'build' | 'serve' }) => void;
  resolveId: (source: string) => string | null;
  load: (this: Rollup.PluginContext, id: string) => string | null;
};

function pluginFor(command: 'build' | 'serve', build: () => string) {
  const plugin = buildTimeModule('virtual:thing', 'test:thing', build) as unknown as Hooks;
  plugin.configResolved({ command });
  return plugin;
}

describe('a module the build computes', () => {
  it('resolves its id only, and gives what the build computed in a build', () => {
    let calls = 0;
    const plugin = pluginFor('build', () => (calls++, 'export default 42;'));
    const id = plugin.resolveId('virtual:thing');
    expect(id).toBe('\0virtual:thing');
    expect(plugin.resolveId('virtual:other')).toBeNull();
    expect(plugin.load.call({} as Rollup.PluginContext, 'virtual:other')).toBeNull();
    expect(plugin.load.call({} as Rollup.PluginContext, id!)).toBe('export default 42;');
    expect(calls).toBe(1);
  });

  it('gives null on the dev server, without computing anything', () => {
    let calls = 0;
    const plugin = pluginFor('serve', () => (calls++, 'export default 42;'));
    expect(plugin.load.call({} as Rollup.PluginContext, plugin.resolveId('virtual:thing')!)).toBe('export default null;');
    expect(calls).toBe(0);
  });
});
