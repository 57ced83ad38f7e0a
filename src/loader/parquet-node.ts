import { tableFromIPC } from 'apache-arrow';
import { readParquet, readSchema } from 'parquet-wasm';
import type { ParquetColumnsReader } from './file-route';
import type { ParquetDecoder } from './read-input';

/** parquet-wasm's Node build (initialises synchronously). */
export const decodeParquetNode: ParquetDecoder = async (bytes) => readParquet(bytes).intoIPCStream();

/** A Parquet file's column names from its footer (see headerOf). */
export const parquetColumnsNode: ParquetColumnsReader = async (footer) => tableFromIPC(readSchema(footer).intoIPCStream()).schema.fields.map((f) => f.name);
