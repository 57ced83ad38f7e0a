import { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import type { ParquetWriter } from './parquet';

/** parquet-wasm's Node build (initialises synchronously): Arrow IPC stream → Parquet (Snappy). */
export const writeParquetNode: ParquetWriter = (ipc, metadata) => {
  let builder = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY);
  if (metadata) builder = builder.setKeyValueMetadata(new Map(Object.entries(metadata)));
  const props = builder.build();
  return writeParquet(Table.fromIPCStream(ipc), props);
};
