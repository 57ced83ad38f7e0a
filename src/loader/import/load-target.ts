import { CONTRACT } from '../../data-model/contract';
import { ident } from '../../data-model/schema-ddl';
import type { Engine } from '../../engine/types';
import type { ApplyOptions, ImportReport, TableAccount } from './apply-types';
import { Params, TargetSql, targetSelect } from './sql-build';
import type { LookupMiss } from './lookups';
import type { MappingSpec, TargetSpec } from './spec';
import { isoTimestamp } from './stage';

/** One target table of a mapping: values read, per-row and cross-table checks, the insert, the accounting. */

/** What one target of a mapping is loaded with (see loadTarget). */
export interface TargetLoad {
  engine: Engine;
  /** The import's number: its temp tables are imp<id>_... */
  id: number;
  /** The target's position in the mapping (its table imp<id>_t<index>). */
  index: number;
  /** SQL condition on imp<id>_routed for the rows this target takes. */
  takenBy: string;
  target: TargetSpec;
  mapping: MappingSpec;
  /** Source column name → staged column. */
  resolver: (name: string) => string;
  /** Lookups whose missing keys reject this target's rows. */
  misses: LookupMiss[];
  /** Products are loaded: unknown SKUs can be checked. */
  hasProducts: boolean;
  options: ApplyOptions;
  report: ImportReport;
  /** The target table's accounting, added to. */
  account: TableAccount;
}

export async function loadTarget(load: TargetLoad): Promise<void> {
  const { engine, id, index, takenBy, target, mapping, resolver, misses, hasProducts, options, report, account } = load;
  const table = target.table;
  const spec = CONTRACT[table];
  const params = new Params();
  const builder = new TargetSql(params, resolver);
  const routed = `(SELECT * FROM imp${id}_routed WHERE ${takenBy})`;
  const lookupReject = misses.length === 0
    ? null
    : `CASE ${misses.map((m) => `WHEN s.__miss${m.index} THEN chk_lookup_miss(${params.p(m.keyCol)}, ${params.p(m.files)}, ${params.p(m.lookup)}, s.__on${m.index})`).join(' ')} END`;
  const { sql: select, checks, columns } = targetSelect(target, builder, params, routed, lookupReject);
  const t = `imp${id}_t${index}`;
  const issues = `imp${id}_issues`;
  const file = report.file;
  // Values read, exclusions and per-row checks in one statement (all parameters bound).
  await engine.query(
    `CREATE TEMP TABLE ${t} AS SELECT *, CASE WHEN __exclude IS NOT NULL THEN NULL ${checks.join(' ')} END AS __reject,
       CAST(NULL AS VARCHAR) AS __merge
     FROM (${select})`,
    params.values,
  );

  // Cross-row and cross-table checks, on the rows that passed the per-row checks.
  const opts = mapping.checks ?? {};
  const mapped = new Set(columns.map((c) => c.name));
  // A row goes on only while nothing excluded, rejected or merged it.
  const eligible = `__exclude IS NULL AND __reject IS NULL AND __merge IS NULL`;
  const ok = (alias: string) => `${alias}.__exclude IS NULL AND ${alias}.__reject IS NULL AND ${alias}.__merge IS NULL`;
  const expand = target.expandToOrderLines === true;
  if (spec.key.every((k) => mapped.has(k))) {
    const key = spec.key.map(ident).join(', ');
    const keyText = (alias: string) => spec.key.map((k) => `${alias}.${ident(k)}`).join(` || ' + ' || `);
    const keep = target.duplicates === 'first';
    // 'first': later rows are merged into the key's first row (a product repeated on every
    // order line is one product, not an error), else rejected as duplicates.
    const column = keep ? '__merge' : '__reject';
    const keyCols = spec.key.join(' + ');
    // Within the file: the first occurrence loads, later ones are rejected (or merged). Keys
    // are counted by their hashes first (an integer each): only a file where two rows may share
    // a key pays for the window over every row.
    const [h] = await engine.query(`SELECT count(DISTINCT hash(${key})) < count(*) AS maybe FROM ${t} WHERE ${eligible}`);
    if (h!.maybe) await engine.query(
      `UPDATE ${t} SET ${column} = ${keep ? 'chk_repeated' : 'chk_duplicate'}($1, ${keyText(t)}, d.first_line)
       FROM (SELECT __line AS l, min(__line) OVER (PARTITION BY ${key}) AS first_line FROM ${t} WHERE ${eligible}) d
       WHERE ${t}.__line = d.l AND d.l > d.first_line`,
      [keyCols],
    );
    // Already in the table (loaded from an earlier file).
    await engine.query(
      `UPDATE ${t} SET ${column} = ${keep ? 'chk_repeated_loaded' : 'chk_already_loaded'}($1, ${keyText(t)})
       FROM (SELECT DISTINCT ${key} FROM ${table}) e
       WHERE ${spec.key.map((k) => `e.${ident(k)} = ${t}.${ident(k)}`).join(' AND ')} AND ${ok(t)}`,
      [keyCols],
    );
  }
  if (expand) {
    // A returned order: its lines must be loaded, and none of its expanded returns yet.
    await engine.exec(
      `UPDATE ${t} SET __reject = chk_order_without_lines(order_id)
       WHERE ${eligible} AND order_id NOT IN (SELECT order_id FROM order_lines)`,
    );
    await engine.exec(
      `UPDATE ${t} SET __reject = chk_already_loaded('return_id', ${t}.return_id || '|' || d.line_id)
       FROM (SELECT x.__line AS l, min(ol.line_id) AS line_id FROM ${t} x JOIN order_lines ol USING (order_id)
             JOIN returns r ON r.return_id = x.return_id || '|' || ol.line_id GROUP BY x.__line) d
       WHERE ${t}.__line = d.l AND ${ok(t)}`,
    );
  }
  const warnings: { sql: string; params: (string | number | boolean | null)[] }[] = [];
  // Default warn: a sale of a SKU the product file lacks happened (the catalogue is incomplete);
  // it loads, is listed, and join_coverage counts it. A mapping may say reject.
  const unknownSku = opts.unknownSku ?? 'warn';
  if (hasProducts && mapped.has('sku') && table !== 'products' && table !== 'shipments' && unknownSku !== 'ignore' && !expand) {
    const msg = 'chk_unknown_sku(sku)';
    const cond = `sku IS NOT NULL AND sku NOT IN (SELECT sku FROM products WHERE sku IS NOT NULL)`;
    if (unknownSku === 'reject') await engine.exec(`UPDATE ${t} SET __reject = ${msg} WHERE ${eligible} AND ${cond}`);
    else warnings.push({ sql: `SELECT __line, ${msg} AS msg FROM ${t} WHERE ${eligible} AND ${cond}`, params: [] });
  }
  if (table === 'returns' && mapped.has('order_id')) {
    const dates = ['requested_at', 'received_at', 'refunded_at'].filter((c) => mapped.has(c));
    if (dates.length > 0) {
      const rd = (alias: string) => `CAST(coalesce(${dates.map((c) => `${alias}.${ident(c)}`).join(', ')}) AS DATE)`;
      const orders = `(SELECT order_id, min(order_date) AS od FROM order_lines GROUP BY order_id)`;
      const before = (alias: string) => `chk_return_before_order(${rd(alias)}, o.od)`;
      if ((opts.returnBeforeOrder ?? 'reject') === 'reject') {
        await engine.exec(
          `UPDATE ${t} SET __reject = ${before(t)} FROM ${orders} o
           WHERE o.order_id = ${t}.order_id AND ${rd(t)} < o.od AND ${ok(t)}`,
        );
      } else {
        warnings.push({ sql: `SELECT r.__line, ${before('r')} AS msg FROM ${t} r JOIN ${orders} o USING (order_id) WHERE ${ok('r')} AND ${rd('r')} < o.od`, params: [] });
      }
      warnings.push({
        sql: `SELECT r.__line, chk_late_return(date_diff('day', o.od, ${rd('r')}), ${rd('r')}, o.od) AS msg
              FROM ${t} r JOIN ${orders} o USING (order_id) WHERE ${ok('r')} AND date_diff('day', o.od, ${rd('r')}) > $1`,
        params: [opts.lateReturnDays ?? 730],
      });
    }
  }
  const now = isoTimestamp(options.now ?? new Date());
  for (const c of columns.filter((x) => x.type === 'DATE' || x.type === 'TIMESTAMP')) {
    warnings.push({
      sql: `SELECT __line, chk_future($1, ${ident(c.name)}) AS msg FROM ${t}
            WHERE ${eligible} AND chk_is_future(${ident(c.name)}, $2, $3)`,
      params: [c.name, now, opts.futureDays ?? 1],
    });
  }

  // Write: the rows, their issues, the accounting.
  const names = columns.map((c) => ident(c.name)).join(', ');
  if (expand) {
    // One return per order line of the returned order; the line gives sku and quantity
    // (unless the row has its own) and the line id.
    const cols = [...new Set([...columns.map((c) => c.name), 'line_id', 'sku', 'quantity'])];
    const value = (c: string) => {
      if (c === 'return_id') return `x.return_id || '|' || ol.line_id`;
      if (c === 'line_id') return 'ol.line_id';
      if (c === 'sku' || c === 'quantity') return mapped.has(c) ? `coalesce(x.${c}, ol.${c})` : `ol.${c}`;
      return `x.${ident(c)}`;
    };
    const written = await engine.query(
      `INSERT INTO ${table} (${cols.map(ident).join(', ')}) SELECT ${cols.map(value).join(', ')}
       FROM ${t} x JOIN order_lines ol USING (order_id) WHERE ${ok('x')} ORDER BY x.__line, ol.line_id RETURNING 1`,
    );
    account.rowsExpandedTo = (account.rowsExpandedTo ?? 0) + written.length;
  } else {
    // File order without a sort: the staged rows are in __line order and DuckDB keeps insertion
    // order (preserve_insertion_order, on by default). An ORDER BY __line here sorted every
    // column of every row: the order lines' memory peak (524 vs 717 MB of wasm heap at 1M).
    await engine.exec(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${t} WHERE ${eligible}`);
  }
  await engine.query(
    `INSERT INTO ${issues} SELECT $1, $2, __line,
       CASE WHEN __exclude IS NOT NULL THEN 'excluded' WHEN __reject IS NOT NULL THEN 'rejected' ELSE 'merged' END,
       coalesce(__exclude, __reject, __merge), NULL FROM ${t} WHERE __exclude IS NOT NULL OR __reject IS NOT NULL OR __merge IS NOT NULL`,
    [table, file],
  );
  const warnedLines = new Set<number>();
  for (const w of warnings) {
    const k = w.params.length;
    const rows = await engine.query(
      `INSERT INTO ${issues} SELECT $${k + 1}, $${k + 2}, __line, 'warning', msg, NULL FROM (${w.sql}) RETURNING line_number`,
      [...w.params, table, file],
    );
    rows.forEach((r) => warnedLines.add(Number(r.line_number)));
  }
  const counts = (await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __exclude IS NOT NULL) AS excluded,
            count(*) FILTER (WHERE __exclude IS NULL AND __reject IS NOT NULL) AS rejected,
            count(*) FILTER (WHERE __exclude IS NULL AND __reject IS NULL AND __merge IS NOT NULL) AS merged FROM ${t}`,
  ))[0]!;
  const read = Number(counts.n);
  const excluded = Number(counts.excluded);
  const rejected = Number(counts.rejected);
  const merged = Number(counts.merged);
  account.rowsRead += read;
  account.rowsExcluded += excluded;
  account.rowsRejected += rejected;
  account.rowsMerged += merged;
  account.rowsLoaded += read - excluded - rejected - merged;
  account.rowsWarned += warnedLines.size;

  if (table === 'returns' && mapped.has('reason_raw')) {
    const unmapped = await engine.query(
      `SELECT reason_raw, count(*) AS n FROM ${t} r WHERE ${ok('r')} AND reason_raw IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM reason_map m WHERE (m.match_kind = 'exact'
               AND m.pattern = trim(regexp_replace(lower(trim(r.reason_raw)), '[^a-z0-9]+', '_', 'g'), '_'))
            OR (m.match_kind = 'regex' AND regexp_matches(lower(r.reason_raw), m.pattern)))
       GROUP BY reason_raw ORDER BY n DESC, reason_raw`,
    );
    report.unmappedReasons.push(...unmapped.map((r) => ({ reasonRaw: String(r.reason_raw), rows: Number(r.n) })));
  }
  if (options.dryRun) {
    report.preview ??= {};
    report.preview[table] = await engine.query(
      `SELECT __line AS line, ${names} FROM ${t} WHERE ${eligible} ORDER BY __line LIMIT $1`,
      [options.previewRows ?? 20],
    );
  }
}
