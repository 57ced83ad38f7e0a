/**
 * The data set's money settings: the reporting currency every money figure is in, and the
 * rates the user supplied for the other currencies of the data. They live in the
 * `currency_settings` table (written by Runner.setCurrency with bound values); derive.sql
 * converts each order line and its returns with them once, or leaves the line out of money
 * figures when its currency has no rate. Without a choice the reporting currency is the most
 * common one of the order lines.
 */
export interface CurrencySettings {
  /** ISO 4217 code chosen by the user; null or absent = the most common currency of the data. */
  reporting?: string | null;
  /** Reporting-currency units per one unit of each other currency (USD: 0.92 with EUR reporting). */
  rates?: Record<string, number>;
}

export const CURRENCY_SETTINGS_DDL =
  'CREATE OR REPLACE TABLE currency_settings (currency VARCHAR PRIMARY KEY, reporting BOOLEAN NOT NULL, rate DOUBLE)';

const CODE = /^[A-Z]{3}$/;

/** A currency code as stored ('usd ' → 'USD'), or null when it is not three letters. */
export function currencyCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return CODE.test(code) ? code : null;
}

/** A usable rate: a finite number above zero. */
export function isRate(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** `USD=0.92` (the CLI's --rate) as a code and a rate, or a message saying what is wrong. */
export function parseRate(text: string): { currency: string; rate: number } | { error: string } {
  const eq = text.indexOf('=');
  const currency = eq > 0 ? currencyCode(text.slice(0, eq)) : null;
  const rate = eq > 0 && text.slice(eq + 1).trim() !== '' ? Number(text.slice(eq + 1)) : NaN;
  if (!currency || !isRate(rate)) {
    return { error: `--rate takes CODE=rate with a three-letter currency code and a number above 0 (reporting-currency units per unit), e.g. USD=0.92; got "${text}"` };
  }
  return { currency, rate };
}

/**
 * The rows of currency_settings for these settings: [currency, reporting, rate]. Throws on a
 * code that is not three letters or a rate that is not a number above 0 (nothing is stored).
 * A rate for the reporting currency itself is dropped: it is 1 by definition.
 */
export function currencySettingRows(settings: CurrencySettings): [string, boolean, number | null][] {
  const rows: [string, boolean, number | null][] = [];
  const reporting = settings.reporting == null || settings.reporting === '' ? null : currencyCode(settings.reporting);
  if (settings.reporting != null && settings.reporting !== '' && !reporting) {
    throw new Error(`The reporting currency must be a three-letter code like EUR, got "${settings.reporting}"`);
  }
  if (reporting) rows.push([reporting, true, null]);
  for (const [raw, rate] of Object.entries(settings.rates ?? {})) {
    const code = currencyCode(raw);
    if (!code) throw new Error(`A currency code must have three letters like USD, got "${raw}"`);
    if (!isRate(rate)) throw new Error(`The rate for ${code} must be a number above 0, got "${String(rate)}"`);
    if (code !== reporting && !rows.some((r) => r[0] === code)) rows.push([code, false, rate]);
  }
  return rows;
}

/**
 * The settings in a canonical form (the page keeps them in its URL): valid codes upper-cased,
 * rates above 0 sorted by code, no rate for the reporting currency itself; null when nothing
 * is set. Invalid entries are dropped, never fatal: a hand-edited link still opens.
 */
export function normalizeCurrencySettings(raw: { reporting?: unknown; rates?: unknown } | null | undefined): CurrencySettings | null {
  const reporting = typeof raw?.reporting === 'string' ? currencyCode(raw.reporting) : null;
  const rates: Record<string, number> = {};
  const given = raw?.rates && typeof raw.rates === 'object' ? (raw.rates as Record<string, unknown>) : {};
  for (const key of Object.keys(given).sort()) {
    const code = currencyCode(key);
    const value = given[key];
    const rate = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (code && code !== reporting && isRate(rate) && !(code in rates)) rates[code] = rate;
  }
  if (!reporting && Object.keys(rates).length === 0) return null;
  return { ...(reporting ? { reporting } : {}), ...(Object.keys(rates).length > 0 ? { rates } : {}) };
}
