import { bytesSource, formatOf, type ByteSource, type SourceFile } from '../file-kinds';
import { headerOf, routeOf, sniffHead, HEAD_ROWS, type FileRoute, type ParquetColumnsReader } from '../file-route';
import { convertToCsv, type ParquetDecoder } from '../read-input';
import { planImports, type ImportPlan } from './batch';
import { sniffText, type Sniff } from './decode';
import { buildPreset, detectPreset, type PresetMatch } from './presets';
import type { MappingSpec } from './spec';
import { exportLike } from './export-like';

/**
 * A folder of files planned for one batch (the CLI's `analyze`): which files load as canonical
 * tables, which through the user's mappings, which through a preset detected from their
 * content, which are not used, and what is still open. Each file is routed by routeOf (the
 * page's decision too): a canonical name counts only when the header fits the table.
 *
 * Without mappings every readable text file is detected by content; with mappings, only the
 * files named like a canonical table whose header does not fit are (the others the mappings
 * do not name stay unused, as the user chose). A Parquet or JSON file named like a table is
 * routed the same way (its columns read first: the footer's schema, the first records' keys);
 * one whose columns do not fit is converted to CSV text and detected like any export. A detected preset with a question open, or an
 * export no preset fits, is an open question: the folder does not run until it is answered.
 */

export interface DetectedImport {
  file: string;
  preset: PresetMatch;
}

export interface FolderPlan extends ImportPlan {
  /** Files loaded as canonical tables (their header fits their name's table). */
  canonicalFiles: string[];
  /** Files read through a preset detected from their content (their mapping is in `imports`). */
  detected: DetectedImport[];
  /** What stops the folder from running, one line each ("file: question"). */
  questions: string[];
}

/** How Parquet files are read here: their columns (footer) and their rows (to detect an export's preset). */
export interface ParquetReaders {
  parquetColumns?: ParquetColumnsReader;
  decodeParquet?: ParquetDecoder;
}

export async function planFolder(files: readonly SourceFile[], mappings: readonly MappingSpec[] = [], readers: ParquetReaders = {}): Promise<FolderPlan> {
  const names = files.map((f) => f.name);
  const given = planImports(names, mappings);
  const claimed = new Set([...given.imports.map((i) => i.file), ...given.lookupOnly]);
  const canonical: string[] = [];
  const toDetect: { file: string; s: Sniff; namedLike?: { table: string; missing: string } }[] = [];
  const unused: string[] = [];
  const questions: string[] = [];
  for (const f of files) {
    if (claimed.has(f.name)) continue;
    const byName = routeOf(f.name);
    const text = formatOf(f.name) === 'csv' || formatOf(f.name) === 'tsv';
    if (byName.kind === 'unsupported' || (!text && byName.kind !== 'canonical')) {
      unused.push(f.name);
      continue;
    }
    if (byName.kind === 'mapping' && mappings.length > 0) {
      unused.push(f.name);
      continue;
    }
    let s: Sniff;
    let route: FileRoute;
    try {
      if (text) {
        s = await sniffHead(sourceOf(f), f.name);
        route = routeOf(f.name, s.header);
      } else {
        // Parquet or JSON named like a table: its columns decide, as a CSV's header does.
        route = routeOf(f.name, await headerOf(f.name, sourceOf(f), readers.parquetColumns).catch(() => null));
        if (route.kind === 'canonical') {
          canonical.push(f.name);
          continue;
        }
        s = await convertedSniff(f, readers.decodeParquet);
      }
    } catch (e) {
      questions.push(`${f.name}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (route.kind === 'canonical') canonical.push(f.name);
    else toDetect.push({ file: f.name, s, namedLike: route.kind === 'mapping' ? route.namedLike : undefined });
  }
  // A Shopify returns file's refunds are the orders export's refunds: not counted twice (the page's withRefundsRule).
  const matches = toDetect.map((d) => ({ ...d, match: detectPreset(d.s) }));
  const refundsAsReturns = !matches.some((m) => m.match?.id === 'shopify_returns');
  const detected: DetectedImport[] = [];
  const detectedMappings: MappingSpec[] = [];
  for (const { file, s, match, namedLike } of matches) {
    if (!match) {
      // A file named like a table is meant to be loaded: never silently unused.
      if (namedLike || exportLike(s, file)) {
        const named = namedLike ? `named like the ${namedLike.table} table, but ${namedLike.missing}, and ` : '';
        questions.push(`${file}: ${named}no preset fits its columns (${s.header.slice(0, 8).map((h) => `"${h}"`).join(', ')}${s.header.length > 8 ? ' ...' : ''}); `
          + `say how to read it with a mapping (returns-insight import-check ${shellWord(file)} --out mapping.json, then analyze --mapping mapping.json) or move it out of the folder`);
      } else unused.push(file);
      continue;
    }
    let built;
    try {
      built = buildPreset(match.id, s, { refundsAsReturns });
    } catch (e) {
      questions.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const q of built.questions) {
      const options = q.options.map((o) => (typeof o === 'string' ? o : `decimal "${o.decimal}" thousands "${o.thousands}"`)).join(' | ');
      questions.push(`${file} (${match.label}): ${q.text} (options: ${options}; answer it in a mapping: returns-insight import-check ${shellWord(file)} --out mapping.json)`);
    }
    if (built.questions.length > 0) continue;
    detected.push({ file, preset: match });
    detectedMappings.push({ ...built.mapping, files: [file] });
  }
  const plan = planImports(names, [...mappings, ...detectedMappings]);
  const loaded = new Set([...canonical, ...plan.imports.map((i) => i.file), ...plan.lookupOnly]);
  return {
    ...plan,
    unused: names.filter((n) => !loaded.has(n) && (unused.includes(n) || plan.unused.includes(n)) && !questions.some((q) => q.startsWith(`${n}:`) || q.startsWith(`${n} (`))),
    canonicalFiles: canonical, detected, questions,
  };
}

/** A file name as typed in a shell: quoted when it holds spaces or shell characters. */
const shellWord = (name: string) => (/^[\w.@%+=:,/-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`);

/** A Parquet or JSON file as the CSV text the loader reads it as, sniffed (as the page's mapping step does). */
async function convertedSniff(f: SourceFile, decodeParquet?: ParquetDecoder): Promise<Sniff> {
  const format = formatOf(f.name) === 'parquet' ? 'parquet' : 'json';
  const converted = await convertToCsv(f, format, decodeParquet);
  return sniffText(converted.head, f.name, HEAD_ROWS, { encoding: 'utf-8', bom: null, why: `converted from ${format}` });
}

function sourceOf(f: SourceFile): ByteSource {
  return f.source ?? bytesSource(f.bytes ?? new TextEncoder().encode(f.text ?? ''));
}
