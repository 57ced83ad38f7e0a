import initParquet, { readParquet } from 'parquet-wasm/esm';
// Served from the app's own build (no CDN), fetched only when a Parquet file is first read.
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetDecoder } from './read-input';

let ready: Promise<unknown> | null = null;

/** parquet-wasm's browser build: initialised lazily, once per page. */
export const decodeParquetBrowser: ParquetDecoder = async (bytes) => {
  ready ??= initParquet({ module_or_path: parquetWasmUrl }).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  await ready;
  return readParquet(bytes).intoIPCStream();
};
