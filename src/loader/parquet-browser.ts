import { tableFromIPC } from 'apache-arrow';
import initParquet, { readParquet, readSchema } from 'parquet-wasm/esm';
// Served from the app's own build (no CDN), fetched only when a Parquet file is first read.
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetColumnsReader } from './file-route';
import type { ParquetDecoder } from './read-input';

let ready: Promise<unknown> | null = null;

/** parquet-wasm's browser build, initialised lazily, once per page. */
function parquetWasm(): Promise<unknown> {
  ready ??= initParquet({ module_or_path: parquetWasmUrl }).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

export const decodeParquetBrowser: ParquetDecoder = async (bytes) => {
  await parquetWasm();
  return readParquet(bytes).intoIPCStream();
};

/** A Parquet file's column names from its footer (see headerOf). */
export const parquetColumnsBrowser: ParquetColumnsReader = async (footer) => {
  await parquetWasm();
  return tableFromIPC(readSchema(footer).intoIPCStream()).schema.fields.map((f) => f.name);
};
