import type { Engine } from '../../engine/types';
import type { ParserReject } from '../stage-delimited';
import { LOOKUP_TABLE_PREFIX, type LookupReport } from './apply-types';
import { lookupColumn, type PreparedText } from './prepare';
import { columnsUsed, lookupRef, type LookupSpec, type MappingSpec, type SourceFormat, type TargetSpec } from './spec';
import { isoTimestamp, stage, type StagedCells } from './stage';

/** A mapping's lookups: the files they read, staged as one list per lookup, accounted for once per batch. */

/** One file read for a lookup. */
export interface LookupPart extends PreparedText {
  file: string;
  /** Column number in the lookup's first file → the same column's number in this file. */
  columnMap: Map<number, number>;
}

export interface PreparedLookup extends PreparedText {
  /** 1-based: its columns are staged as l<index>_c<k>. */
  index: number;
  spec: LookupSpec;
  /** The first file's name (its columns name the lookup's). */
  file: string;
  source: SourceFormat;
  /** Column numbers (k of c<k>) the mapping reads, the key included. */
  needed: Set<number>;
  /** The files read as one list, in order (the first one included). */
  parts: LookupPart[];
  /** Files matching the pattern that lack a column the mapping reads: not looked up in, only counted (see accountUnusedParts). */
  unused: (LookupPart & { reason: string })[];
}

/**
 * Splits a lookup's files into those read (every column the mapping reads found by name) and
 * those left out, and fills each part's column map.
 */
export function matchLookupParts(lk: PreparedLookup): void {
  const used: LookupPart[] = [];
  for (const part of lk.parts) {
    const missing: string[] = [];
    for (const k of lk.needed) {
      const c = lookupColumn(part, lk.header[k - 1]!);
      if (c) part.columnMap.set(k, Number(c.slice(1)));
      else missing.push(lk.header[k - 1]!);
    }
    if (missing.length === 0) used.push(part);
    else lk.unused.push(Object.assign(part, { reason: `it has no ${missing.map((n) => `"${n}"`).join(', ')} column, which the mapping reads` }));
  }
  lk.parts = used;
}

/** A lookup whose missing keys reject a target's rows (reason: chk_lookup_miss in queries/import/row_checks.sql). */
export interface LookupMiss {
  index: number;
  keyCol: string;
  files: string;
  lookup: string;
}

/** How a lookup is named in messages: its files, joined. */
export const lookupFileNames = (lk: PreparedLookup) => lk.parts.map((p) => p.file).join(', ');

/**
 * Where every column name the mapping uses is staged: c<k> for the file's own columns,
 * l<j>_c<k> for lookup j's. Lists the names that are found nowhere.
 */
export function resolveColumns(
  mapping: MappingSpec,
  main: PreparedText,
  lookups: PreparedLookup[],
): { resolve: (name: string) => string } | { error: string } {
  const resolve = (name: string): string | undefined => {
    const own = lookupColumn(main, name);
    if (own) return own;
    const ref = lookupRef(mapping, name, main.header);
    if (!ref) return undefined;
    const lk = lookups.find((l) => l.spec === ref.lookup)!;
    const c = lookupColumn(lk, ref.column);
    if (!c) return undefined;
    lk.needed.add(Number(c.slice(1)));
    return `l${lk.index}_${c}`;
  };
  const missingOwn: string[] = [];
  const missingLookup = new Map<PreparedLookup, string[]>();
  for (const name of columnsUsed(mapping)) {
    if (resolve(name)) continue;
    const ref = lookupRef(mapping, name, main.header);
    if (ref) {
      const lk = lookups.find((l) => l.spec === ref.lookup)!;
      missingLookup.set(lk, [...(missingLookup.get(lk) ?? []), ref.column]);
    } else missingOwn.push(name);
  }
  for (const lk of lookups) {
    const key = lookupColumn(lk, lk.spec.key);
    if (key) lk.needed.add(Number(key.slice(1)));
    else missingLookup.set(lk, [lk.spec.key, ...(missingLookup.get(lk) ?? [])]);
  }
  const list = (names: string[]) => `column${names.length > 1 ? 's' : ''} ${names.map((m) => `"${m}"`).join(', ')}`;
  const problems: string[] = [];
  if (missingOwn.length > 0) {
    problems.push(`the file has no ${list(missingOwn)} (its columns: ${main.header.map((n) => `"${n}"`).join(', ')})`);
  }
  for (const [lk, names] of missingLookup) {
    problems.push(`${lk.file} (lookup ${lk.spec.name}) has no ${list(names)} (its columns: ${lk.header.map((n) => `"${n}"`).join(', ')})`);
  }
  if (problems.length > 0) return { error: problems.join('; ') };
  return { resolve: (name) => resolve(name)! };
}

/**
 * Stages a lookup's files as one list and keeps the first row of each key in imp<id>_lk<j>
 * (__k, l<j>_c<k> ...). Each file's rows are accounted for under 'lookup:<name>' (see the
 * header), unless an earlier import of the batch already did.
 */
export async function stageLookup(
  engine: Engine,
  id: number,
  lk: PreparedLookup,
  issues: string,
  now: Date,
  staged: StagedCells[],
): Promise<Pick<LookupReport, 'rowsRead' | 'rowsUnreadable' | 'keys' | 'duplicateKeyRows' | 'emptyKeyRows'>> {
  const j = lk.index;
  const all = `imp${id}_lk${j}all`;
  const needed = [...lk.needed].sort((a, b) => a - b);
  const key = Number(lookupColumn(lk, lk.spec.key)!.slice(1));
  const unreadable: (ParserReject & { part: number })[] = [];
  const selects: string[] = [];
  for (const [n, part] of lk.parts.entries()) {
    const name = `imp${id}_lk${j}f${n}`;
    const rejects = await stage(engine, name, part, lk.source.nullValues, staged, part.file);
    unreadable.push(...rejects.map((r) => ({ part: n, ...r })));
    const cols = needed.map((k) => `c${part.columnMap.get(k)!} AS l${j}_c${k}`);
    selects.push(`SELECT ${n} AS __f, __line, c${part.columnMap.get(key)!} AS __k, ${cols.join(', ')} FROM ${name}`);
  }
  // __first: where the key was first seen (file number, line); the entry is the row found there.
  await engine.exec(
    `CREATE TEMP TABLE ${all} AS SELECT *, CASE WHEN __k IS NOT NULL THEN
       first_value({f: __f, line: __line}) OVER (PARTITION BY __k ORDER BY __f, __line) END AS __first
     FROM (${selects.join(' UNION ALL ')})`,
  );
  await engine.exec(
    `CREATE TEMP TABLE imp${id}_lk${j} AS SELECT __k, ${needed.map((k) => `l${j}_c${k}`).join(', ')} FROM ${all}
     WHERE __first.f = __f AND __first.line = __line`,
  );
  const table = `${LOOKUP_TABLE_PREFIX}${lk.spec.name}`;
  const names = lk.parts.map((p) => p.file);
  for (const [n, file] of names.entries()) {
    if (await accountedBefore(engine, table, file)) continue;
    const mine = unreadable.filter((r) => r.part === n);
    for (const r of mine) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, file, r.line, r.reason, r.raw]);
    }
    // A row without its key cannot be looked up (rejected); a repeated key is left out by the
    // lookup's rule, the first row wins (excluded), naming where that first row is.
    const flagged = await engine.query(
      `INSERT INTO ${issues}
         SELECT $1, $2, __line,
           CASE WHEN __k IS NULL THEN 'rejected' ELSE 'excluded' END,
           CASE WHEN __k IS NULL THEN $3
             ELSE $4 || __k || '" (first ' || CASE WHEN __first.f = __f THEN '' ELSE 'in ' || string_split($5, chr(31))[__first.f + 1] || ' ' END
                  || 'on line ' || __first.line || ')' END,
           NULL
         FROM ${all} WHERE __f = $6 AND (__k IS NULL OR __first.f <> __f OR __first.line <> __line)
         RETURNING severity`,
      [table, file, `missing ${lk.spec.key} (a lookup row needs its key)`, `${lk.spec.key} repeated (only the first row is used): "`, names.join('\u001f'), n],
    );
    const [r] = await engine.query(`SELECT count(*) AS n FROM ${all} WHERE __f = $1`, [n]);
    const read = Number(r!.n) + mine.length;
    const excluded = flagged.filter((f) => f.severity === 'excluded').length;
    const rejected = flagged.length - excluded + mine.length;
    await logLookupFile(engine, table, file, { read, rejected, excluded }, now);
  }
  const [st] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __k IS NULL) AS empty_keys, count(DISTINCT __k) AS keys FROM ${all}`,
  );
  return {
    rowsRead: Number(st!.n) + unreadable.length, rowsUnreadable: unreadable.length,
    keys: Number(st!.keys), duplicateKeyRows: Number(st!.n) - Number(st!.empty_keys) - Number(st!.keys), emptyKeyRows: Number(st!.empty_keys),
  };
}

/**
 * Files that matched a lookup's pattern but lack a column the mapping reads: each is staged
 * only to count its rows, which are excluded under 'lookup:<name>' with the reason (an
 * unreadable row stays rejected with its own), so the file's rows read still add up. Once per
 * batch, like the used files.
 */
export async function accountUnusedParts(
  engine: Engine,
  id: number,
  lk: PreparedLookup,
  issues: string,
  now: Date,
  stagedCells: StagedCells[],
): Promise<{ file: string; reason: string; rowsRead: number }[]> {
  const table = `${LOOKUP_TABLE_PREFIX}${lk.spec.name}`;
  const out: { file: string; reason: string; rowsRead: number }[] = [];
  for (const [n, part] of lk.unused.entries()) {
    const staged = `imp${id}_lk${lk.index}u${n}`;
    const unreadable = await stage(engine, staged, part, lk.source.nullValues, stagedCells, part.file);
    const [c] = await engine.query(`SELECT count(*) AS n FROM ${staged}`);
    const readable = Number(c!.n);
    out.push({ file: part.file, reason: part.reason, rowsRead: readable + unreadable.length });
    if (await accountedBefore(engine, table, part.file)) continue;
    for (const r of unreadable) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, part.file, r.line, r.reason, r.raw]);
    }
    await engine.query(`INSERT INTO ${issues} SELECT $1, $2, __line, 'excluded', $3, NULL FROM ${staged}`, [
      table, part.file, `lookup file not used: ${part.reason}`,
    ]);
    await logLookupFile(engine, table, part.file, { read: readable + unreadable.length, rejected: unreadable.length, excluded: readable }, now);
  }
  return out;
}

/** A lookup file read by an earlier import of the batch is accounted for once, the first time. */
export async function accountedBefore(engine: Engine, table: string, file: string): Promise<boolean> {
  return (await engine.query('SELECT 1 FROM load_log WHERE table_name = $1 AND source_file = $2 LIMIT 1', [table, file])).length > 0;
}

/** A lookup file's load_log row: its entries count as loaded (read − rejected − excluded). */
export async function logLookupFile(engine: Engine, table: string, file: string, n: { read: number; rejected: number; excluded: number }, now: Date): Promise<void> {
  await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, $4, $5, $6, 0, CAST($7 AS TIMESTAMP), 0)`, [
    table, file, n.read, n.read - n.rejected - n.excluded, n.rejected, n.excluded, isoTimestamp(now),
  ]);
}

/**
 * The lookups whose missing keys reject a target's rows: those it reads a column of (and the
 * lookups those are chained from), unless onMissing is 'empty'. Earlier lookups first.
 */
export function lookupMisses(
  mapping: MappingSpec,
  target: TargetSpec,
  lookups: PreparedLookup[],
  resolver: (name: string) => string,
): LookupMiss[] {
  if (lookups.length === 0) return [];
  const used = new Set<number>();
  const add = (name: string) => {
    const m = /^l(\d+)_c\d+$/.exec(resolver(name));
    if (m && !used.has(Number(m[1]))) {
      used.add(Number(m[1]));
      add(lookups[Number(m[1]) - 1]!.spec.on);
    }
  };
  columnsUsed({ ...mapping, targets: [target], fillDown: undefined, lookups: undefined }).forEach(add);
  return lookups
    .filter((l) => used.has(l.index) && (l.spec.onMissing ?? 'reject') === 'reject')
    .map((l) => ({ index: l.index, keyCol: l.spec.on, files: lookupFileNames(l), lookup: l.spec.name }));
}
