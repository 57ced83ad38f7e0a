import type { CanonicalTable } from '../../data-model/contract';
import { fileMatches, type MappingSpec } from './spec';

/**
 * Several files and several mappings at once (a folder of exports + the user's saved
 * mappings): which file loads through which mapping (`files` patterns), in an order where
 * what a file checks against is loaded first (products, then order lines, then shipments,
 * returns, reviews), and which files only serve the mappings' lookups. The CLI hands the plan
 * to replaceData as one batch, like the page.
 */

const ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

export interface PlannedImport {
  file: string;
  mapping: MappingSpec;
}

export interface ImportPlan {
  /** In load order. A file named by two mappings loads through both. */
  imports: PlannedImport[];
  /** Files no mapping loads but some planned mapping reads as a lookup. */
  lookupOnly: string[];
  /** Files neither loaded nor read. */
  unused: string[];
}

/**
 * Load order of a mapping: by the first canonical table it fills (products first); among
 * equals, mappings filling fewer tables first (a product file before an orders export that
 * also lists products), then mappings that expand returned orders to lines last.
 */
function rank(m: MappingSpec): [number, number, number] {
  return [
    Math.min(...m.targets.map((t) => ORDER.indexOf(t.table))),
    m.targets.length,
    m.targets.some((t) => t.expandToOrderLines) ? 1 : 0,
  ];
}

export function planImports(fileNames: readonly string[], mappings: readonly MappingSpec[]): ImportPlan {
  const imports: (PlannedImport & { key: [number, number, number]; m: number })[] = [];
  mappings.forEach((mapping, m) => {
    for (const file of fileNames) {
      if ((mapping.files ?? []).some((p) => fileMatches(file, p))) imports.push({ file, mapping, key: rank(mapping), m });
    }
  });
  imports.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.m - b.m || a.file.localeCompare(b.file));
  const loaded = new Set(imports.map((i) => i.file));
  const used = [...new Set(imports.map((i) => i.mapping))];
  const lookupOnly = fileNames.filter((f) => !loaded.has(f) && used.some((m) => (m.lookups ?? []).some((l) => fileMatches(f, l.file))));
  const unused = fileNames.filter((f) => !loaded.has(f) && !lookupOnly.includes(f));
  return { imports: imports.map(({ file, mapping }) => ({ file, mapping })), lookupOnly, unused };
}
