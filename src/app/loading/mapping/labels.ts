import { CANONICAL_TABLES, CONTRACT, type CanonicalTable } from '../../../data-model/contract';
import type { ColumnProfile, MappingSpec, PresetMatch } from '../../../loader/import';
import type { MappingDraft } from './draft';

/** Texts the mapping step shows: source columns, preview cells, table and preset choices. */

/** "order-id — e.g. 111-0000001-0000001, 111-0000002-0000002" for the source select. */
export function sourceLabel(p: ColumnProfile): string {
  const ex = p.examples.slice(0, 2).map((e) => (e.length > 24 ? `${e.slice(0, 23)}…` : e));
  return ex.length > 0 ? `${p.name} — e.g. ${ex.join(', ')}` : `${p.name} — empty in the sample`;
}
/** The columns a preview table shows for a target: the mapped ones, in contract order. */
export function previewColumns(m: MappingSpec, table: CanonicalTable): string[] {
  const t = m.targets.find((x) => x.table === table);
  if (!t) return [];
  return CONTRACT[table].columns.map((c) => c.name).filter((c) => t.columns[c] !== undefined);
}

/** A stored value as the preview shows it: dates as 2025-06-05 (with the time when it has one). */
export function previewCell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Tables a custom mapping can target, the suggested ones first. */
export function tableOptions(draft: MappingDraft): { table: CanonicalTable; label: string }[] {
  const scored = new Map(draft.tables.map((t) => [t.table, t]));
  const ordered = [...draft.tables.map((t) => t.table), ...CANONICAL_TABLES.filter((t) => !scored.has(t))];
  return ordered.map((table) => {
    const s = scored.get(table);
    const miss = s && s.missingRequired.length > 0 ? ` — not found: ${s.missingRequired.join(', ')}` : '';
    return { table, label: `${table}${s ? ` (${Math.round(s.score * 100)}% fit)` : ''}${miss}` };
  });
}

/** Label of a preset in the choice list: name, confidence, what it lacks. */
export function presetLabel(p: PresetMatch): string {
  return `${p.label} — ${Math.round(p.confidence * 100)}% match${p.usable ? '' : ` (the file lacks ${p.missing.join(', ')})`}`;
}
