import type { Engine } from './types';

/**
 * An engine usable before it exists: each call waits for `engine`. Lets the app hand out its
 * runner (with answers computed ahead, see Runner.seed) while DuckDB is still starting.
 */
export function deferredEngine(engine: Promise<Engine>): Engine {
  return {
    query: async (sql, params, options) => (await engine).query(sql, params, options),
    exec: async (sql) => (await engine).exec(sql),
    registerFile: async (name, bytes) => (await engine).registerFile(name, bytes),
    dropFile: async (name) => (await engine).dropFile(name),
    insertArrowIPC: async (table, ipc, create) => (await engine).insertArrowIPC(table, ipc, create),
    arrowToCells: async (ipc, table) => {
      const e = await engine;
      if (!e.arrowToCells) throw new Error('This engine cannot take Arrow data');
      return e.arrowToCells(ipc, table);
    },
    queryArrowIPC: async (sql) => {
      const e = await engine;
      if (!e.queryArrowIPC) throw new Error('This engine cannot give results as Arrow data');
      return e.queryArrowIPC(sql);
    },
    registerBlob: async (name, blob) => {
      const e = await engine;
      if (!e.registerBlob) throw new Error('This engine cannot read files piece by piece');
      return e.registerBlob(name, blob);
    },
    close: async () => (await engine).close(),
  };
}
