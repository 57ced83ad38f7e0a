import type { Engine } from './types';

/** Rows per slice a table is handed over in: about 50–150 ms of the page's engine at 1M order lines. */
const KEEP_SLICE_ROWS = 65_536;

/**
 * The queries that read `table`'s rows in slices, in their order: the page's engine answers the
 * user's clicks between two slices (one SELECT of a 1M-row table held it for seconds right after
 * every load), and at most one slice's Arrow copy is in the page's memory. A rowid range is read
 * without a scan; rows replaced by a load leave rowids unused, so only slices holding rows are read.
 */
export async function tableSlices(source: Pick<Engine, 'query'>, table: string, rowsPerSlice = KEEP_SLICE_ROWS): Promise<string[]> {
  // Table names of the schema, not user values.
  const slices = await source.query(`SELECT DISTINCT rowid // ${rowsPerSlice} AS slice FROM main.${table} ORDER BY slice`);
  return slices.map(({ slice }) => {
    const from = Number(slice) * rowsPerSlice;
    return `SELECT * FROM main.${table} WHERE rowid >= ${from} AND rowid < ${from + rowsPerSlice}`;
  });
}
