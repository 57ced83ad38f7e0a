import type { Sniff } from '../decode';
import { normalizeName } from '../suggest';
import { FBA } from './amazon-fba';
import { FLAT_SALES } from './flat-sales';
import { AMAZON_SELLER } from './amazon-seller';
import type { PresetBuild, PresetDef, PresetId, PresetInfo, PresetMatch, PresetOptions, Role } from './define';
import { INVOICE } from './invoice-credit-notes';
import { RETURNED_ORDERS } from './returned-orders';
import { REVIEWS } from './reviews';
import { SHOPIFY_ORDERS } from './shopify-orders';
import { SHOPIFY_RETURNS } from './shopify-returns';

/**
 * Presets: mappings for exports whose shape is known, recognised from the header. Each
 * preset reports a confidence (share of its known columns found, weighted by how distinctive
 * they are); the user can override the choice. A preset builds an ordinary MappingSpec
 * (with `preset` set), so what it does is visible and editable, and can be saved as JSON.
 */

export type { PresetBuild, PresetId, PresetInfo, PresetMatch, PresetOptions } from './define';
export { FBA_CONDITION, FBA_DISPOSITION, FBA_STATUS_DISPOSITION } from './amazon-fba';
export { AMAZON_SELLER_CANCELLED, AMAZON_SELLER_REFUSED, AMAZON_SELLER_RESOLUTION } from './amazon-seller';
export { NON_PRODUCT_CODES } from './invoice-credit-notes';
export { RETURNED_WORDS } from './returned-orders';

const PRESETS: PresetDef[] = [FBA, AMAZON_SELLER, SHOPIFY_ORDERS, SHOPIFY_RETURNS, INVOICE, RETURNED_ORDERS, REVIEWS, FLAT_SALES];

export const PRESET_LIST: PresetInfo[] = PRESETS.map(({ id, label, description }) => ({ id, label, description }));

function matchRoles(header: string[], roles: Record<string, Role>): { matched: Record<string, string>; score: number; missing: string[] } {
  const matched: Record<string, string> = {};
  let got = 0;
  let total = 0;
  for (const [key, r] of Object.entries(roles)) {
    total += r.weight;
    const hit = header.find((h) => r.names.includes(normalizeName(h)));
    if (hit !== undefined) {
      matched[key] = hit;
      got += r.weight;
    }
  }
  const missing = Object.entries(roles).filter(([k, r]) => r.required && !matched[k]).map(([k]) => k);
  return { matched, score: total === 0 ? 0 : got / total, missing };
}

/** Presets that fit the file's header, best first (confidence > 0). */
export function detectPresets(s: Sniff): PresetMatch[] {
  return PRESETS.map((p) => {
    const { matched, score, missing } = matchRoles(s.header, p.roles);
    const bonus = p.valueBonus && missing.length === 0 ? p.valueBonus(s, matched) : 1;
    const confidence = Math.round(score * bonus * (missing.length > 0 ? 0.5 : 1) * 100) / 100;
    return { id: p.id, label: p.label, description: p.description, confidence, matched, missing, usable: missing.length === 0 };
  })
    .filter((m) => m.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence);
}

/** The best preset when it is usable and confident enough (≥ 0.6), else null. */
export function detectPreset(s: Sniff, minConfidence = 0.6): PresetMatch | null {
  const best = detectPresets(s)[0];
  return best && best.usable && best.confidence >= minConfidence ? best : null;
}

/** Builds the preset's mapping for this file (the user may pick a preset detection did not). */
export function buildPreset(id: PresetId, s: Sniff, options: PresetOptions = {}): PresetBuild {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((x) => x.id).join(', ')})`);
  const { matched, missing } = matchRoles(s.header, p.roles);
  if (missing.length > 0) {
    throw new Error(`${p.label}: the file has no column for ${missing.join(', ')} (looked for ${missing.map((k) => p.roles[k]!.names.map((n) => `"${n}"`).join(' or ')).join('; ')})`);
  }
  return p.build(s, matched, options);
}
