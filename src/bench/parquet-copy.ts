import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, transformParquetStream, type RecordBatch } from 'parquet-wasm';
import { CONTRACT, type CanonicalTable } from '../data-model/contract';
import { sqlString } from '../engine/sql-literal';

/**
 * Parquet copies of the generated CSV files, typed as an exporter would write them (contract
 * columns with their contract types: DATE, TIMESTAMP, INTEGER, DOUBLE, BOOLEAN; other columns
 * as DuckDB sniffs them). DuckDB-WASM in Node reads the CSV from disk and streams Arrow record
 * batches; parquet-wasm (the library the app decodes Parquet with) writes them as a stream,
 * Snappy-compressed, so memory stays bounded at 10M rows.
 */
export async function csvToParquet(
  csvPath: string,
  parquetPath: string,
  table: CanonicalTable,
  header: string[],
  /** Instants as UTC-zoned timestamps (pandas and Spark write them so) instead of naive ones. */
  zonedInstants = false,
): Promise<void> {
  const db = await openDb();
  try {
    const name = `src_${table}.csv`;
    db.registerFileURL(name, path.resolve(csvPath), duckdb.DuckDBDataProtocol.NODE_FS, false);
    const types = CONTRACT[table].columns
      .filter((c) => header.includes(c.name))
      .map((c) => `${sqlString(c.name)}: '${zonedInstants && c.type === 'TIMESTAMP' ? 'TIMESTAMPTZ' : c.type}'`)
      .join(', ');
    const conn = db.connect();
    try {
      const sql = `SELECT * FROM read_csv('${name}', header = true, delim = ',', quote = '"', escape = '"', types = {${types}})`;
      // Raw IPC messages straight from DuckDB (its own apache-arrow copy is not the project's,
      // so its RecordBatch objects cannot be re-serialized here): the schema message first,
      // then one message per chunk; schema + chunk + end-of-stream is a valid IPC stream.
      const chunks = conn.useUnsafe((bindings, id) => ipcChunks(bindings, id, sql));
      const source = new ReadableStream<RecordBatch>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else for (const b of WasmTable.fromIPCStream(next.value).recordBatches()) controller.enqueue(b);
        },
      });
      const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(256 * 1024).build();
      const bytes = await transformParquetStream(source, props);
      await bytes.pipeTo(Writable.toWeb(createWriteStream(parquetPath)) as WritableStream<Uint8Array>);
    } finally {
      conn.close();
    }
  } finally {
    db.reset();
  }
}

const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

function* ipcChunks(bindings: duckdb.DuckDBBindings, conn: number, sql: string): Generator<Uint8Array> {
  let header = bindings.startPendingQuery(conn, sql, true);
  while (header === null) header = bindings.pollPendingQuery(conn);
  const schema = header.slice();
  for (;;) {
    let chunk: Uint8Array | null = null;
    do chunk = bindings.fetchQueryResults(conn);
    while (chunk === null);
    if (chunk.length === 0) return;
    const stream = new Uint8Array(schema.length + chunk.length + EOS.length);
    stream.set(schema, 0);
    stream.set(chunk, schema.length);
    stream.set(EOS, schema.length + chunk.length);
    yield stream;
  }
}


async function openDb(): Promise<duckdb.DuckDBBindings> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castDecimalToDouble: true } });
  return db;
}

