import initParquet, { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
// Served from the app's own build (no CDN), fetched only when a Parquet file is first written
// or read (the loader's src/loader/parquet-browser.ts initialises the same module).
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetWriter } from './parquet';

let ready: Promise<unknown> | null = null;

/** parquet-wasm's browser build, initialised lazily once per page: Arrow IPC stream → Parquet (Snappy). */
export const writeParquetBrowser: ParquetWriter = async (ipc, metadata) => {
  ready ??= initParquet({ module_or_path: parquetWasmUrl }).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  await ready;
  let builder = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY);
  if (metadata) builder = builder.setKeyValueMetadata(new Map(Object.entries(metadata)));
  const props = builder.build();
  return writeParquet(Table.fromIPCStream(ipc), props);
};
