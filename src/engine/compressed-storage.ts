/**
 * The page's tables are kept compressed. DuckDB stores an in-memory database's tables
 * uncompressed by default; an in-memory catalog attached with COMPRESS stores them as it would
 * on disk (dictionaries, bit-packing, ...), and a bulk write is compressed as it is written.
 * Measured in DuckDB-WASM at 1M generated order lines (README, "Decisions"): the loaded
 * and derived tables take 100 MB instead of 690 MB, and the wasm heap peaks at 711 MB instead of
 * 909 MB during a load. A tab's DuckDB can never use more than 4 GB and cannot spill, so this is
 * what decides how much data a page holds. Both DuckDB-WASM engines (the page's and the one
 * tests and the CLI run in Node) use it, so they keep giving the same answers; native DuckDB
 * has its own database file and spills to disk instead.
 *
 * Every table the app creates without a catalog lands here (USE), and `main.x` names this
 * catalog's main schema. Temporary tables (staging, per-view tables) stay uncompressed.
 */
export const COMPRESSED_STORAGE_SQL = `ATTACH ':memory:' AS store (COMPRESS); USE store;`;

/**
 * The in-memory catalog DuckDB opened with (no path), left behind by USE: uncompressed, for
 * data written once and read once (Arrow data on its way to staging, Engine.arrowToCells).
 */
export const PLAIN_CATALOG = 'memory';
