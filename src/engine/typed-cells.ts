import { ident } from '../data-model/schema-ddl';

/**
 * The statement making temp table `table` of a typed relation's cells as text, as a delimited
 * file is staged (src/loader/stage-delimited.ts): __line (the row's number + 1, a CSV file's
 * record number under its header) and c1 ... cn in the order of `columns`, each value as DuckDB
 * casts it to VARCHAR (NULL stays NULL; the CSV writer spells values by the same conversion), rows
 * in the relation's order. Parquet arrives so: as Arrow data in the browser, read where it lies
 * by native DuckDB.
 */
export function typedCellsSql(table: string, columns: readonly string[], from: string): string {
  const cells = columns.map((c, i) => `, CAST(${ident(c)} AS VARCHAR) AS c${i + 1}`).join('');
  return `CREATE TEMP TABLE ${table} AS SELECT CAST(row_number() OVER () + 1 AS BIGINT) AS __line${cells} FROM ${from}`;
}
