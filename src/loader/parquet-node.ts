import { readParquet } from 'parquet-wasm';
import type { ParquetDecoder } from './read-input';

/** parquet-wasm's Node build (initialises synchronously). */
export const decodeParquetNode: ParquetDecoder = async (bytes) => readParquet(bytes).intoIPCStream();
