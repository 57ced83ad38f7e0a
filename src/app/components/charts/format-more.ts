/** Display formats the shared format.ts does not have; missing values show as its em dash. */
import { displayLocale, MISSING } from '../../format';
import { numberFormat } from '../../intl-formats';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A mean star rating: "3.4 ★". */
export function formatStars(v: unknown, locale = displayLocale()): string {
  return isNum(v) ? `${numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} ★` : MISSING;
}

/** The one date formatter (format.ts), under the name the panels import. */
export { formatDate as formatDay } from '../../format';
