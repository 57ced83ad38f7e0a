import { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import type { ParquetWriter } from './parquet';

/** parquet-wasm's Node build (initialises synchronously): Arrow IPC stream → Parquet (Snappy). */
export const writeParquetNode: ParquetWriter = (ipc) => {
  const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build();
  return writeParquet(Table.fromIPCStream(ipc), props);
};
