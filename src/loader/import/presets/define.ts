import { CANDIDATE_DATE_FORMATS, detectDateFormat, describeDateFormat } from '../dates';
import type { Sniff } from '../decode';
import { detectNumberFormat } from '../profile';
import { normalizeName, type Question } from '../suggest';
import type { DateTransform, MappingSpec, NumberTransform, RowTest, ValueSource } from '../spec';

// What a preset is (the types the presets and their detection share), and the helpers the
// presets use to read the sampled file.

export type PresetId =
  | 'amazon_fba_returns'
  | 'amazon_seller_returns'
  | 'shopify_orders'
  | 'shopify_returns'
  | 'invoice_credit_notes'
  | 'returned_orders_list'
  | 'flat_sales_export'
  | 'reviews';

/** Choices a preset leaves to the user. */
export interface PresetOptions {
  /**
   * shopify_orders: turn refunded orders into returns (default true). Set false when a
   * line-level returns file (e.g. Shopify returns) is loaded too, so refunds are not counted twice.
   */
  refundsAsReturns?: boolean;
}

export interface PresetInfo {
  id: PresetId;
  label: string;
  description: string;
}

export interface PresetMatch extends PresetInfo {
  /** 0..1 */
  confidence: number;
  /** Known columns found, by their role (e.g. order_id ← "amazon-order-id"). */
  matched: Record<string, string>;
  /** Roles the preset needs that the file lacks: the preset cannot be used while any is missing. */
  missing: string[];
  usable: boolean;
}

export interface PresetBuild {
  mapping: MappingSpec;
  /** To answer before loading (an ambiguous date order ...). */
  questions: Question[];
  notes: string[];
}

export interface Role {
  names: string[];
  weight: number;
  required: boolean;
}

export interface PresetDef extends PresetInfo {
  roles: Record<string, Role>;
  /** Extra confidence from the sampled values (0..1 multiplier of the header score). */
  valueBonus?: (s: Sniff, matched: Record<string, string>) => number;
  build: (s: Sniff, matched: Record<string, string>, options: PresetOptions) => PresetBuild;
}

export const role = (names: string[], weight: number, required = false): Role => ({ names: names.map(normalizeName), weight, required });

/** The sampled values of one column of the file, by its header name. */
export const column = (s: Sniff, name: string): string[] => {
  const i = s.header.indexOf(name);
  return i < 0 ? [] : s.rows.map((r) => r[i] ?? '');
};

/** The source format of a sniffed comma/semicolon/tab file with quotes. */
export const sourceOf = (s: Sniff, nullValues: string[] = []): MappingSpec['source'] => ({
  encoding: s.encoding.encoding, delimiter: s.delimiter.delimiter, quote: '"', skipLines: 0, header: true, nullValues,
});

/**
 * One date format for several columns of the same export (their sampled values together):
 * the format, or null with a question when the sample reads as day-first and month-first.
 */
export function dateFor(
  s: Sniff,
  columns: string[],
  fills: { target: number; column: string }[],
  notes: string[],
  questions: Question[],
  suggested: string | null = null,
  candidates: readonly string[] = CANDIDATE_DATE_FORMATS,
): DateTransform {
  const values = columns.flatMap((c) => column(s, c));
  const guess = detectDateFormat(values, candidates);
  if (guess.ambiguous) {
    questions.push({
      kind: 'date_format', fills, source: columns[0]!, options: guess.fits, suggested: suggested && guess.fits.includes(suggested) ? suggested : null,
      example: guess.example ?? '',
      text: `"${columns[0]}" holds dates like ${guess.example} that read as ${guess.fits.map(describeDateFormat).join(' or as ')}: which is it?`,
    });
    return { kind: 'date', format: null };
  }
  if (guess.format) return { kind: 'date', format: guess.format };
  const format = guess.best?.format ?? 'iso';
  if (guess.sampled === 0) notes.push(`No values in ${columns.map((c) => `"${c}"`).join(', ')} in the sample: ISO 8601 dates assumed.`);
  else notes.push(`Only ${Math.round((guess.best?.share ?? 0) * 100)}% of the sampled ${columns.map((c) => `"${c}"`).join(', ')} values read as ${describeDateFormat(format)}: the others will be rejected.`);
  return { kind: 'date', format };
}

/** The number notation of a column's sampled values (plain '.' decimals when the sample has none). */
export function numberFor(s: Sniff, col: string | undefined, sign: NumberTransform['sign'] = 'keep'): NumberTransform {
  const n = col ? detectNumberFormat(column(s, col).filter((v) => v.trim() !== '')) : null;
  return { kind: 'number', decimal: n?.decimal ?? '.', thousands: n?.thousands ?? '', currency: n?.currency ?? false, sign };
}

export const nonEmpty = (col: string): RowTest => ({ column: col, is: 'empty', not: true });

/** Ship mode values naming a carrier (kept as the carrier); others (Standard Class ...) are kept as the service level. */
const CARRIER_WORDS = '\\b(ups|fedex|dhl|usps|royal mail|dpd|gls|hermes|evri|colissimo|chronopost|postnl|canada post|australia post|purolator|ontrac|amazon logistics|tnt|aramex|la poste|correos)\\b';

/**
 * A ship mode / shipping method column as shipment columns: the carrier when it names one
 * (UPS Ground, DHL Express), else the service level (Standard Class, Same Day, Express).
 */
export function shipModeColumns(col: string): { carrier: ValueSource; service_level: ValueSource } {
  const names = { column: col, is: 'matches' as const, value: CARRIER_WORDS };
  return {
    carrier: { if: names, then: { column: col } },
    service_level: { if: { ...names, not: true }, then: { column: col } },
  };
}
