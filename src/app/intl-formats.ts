/**
 * The Intl formatters the page draws with, made once per locale and options. Making one costs
 * tens of microseconds, and a table or chart formats thousands of cells per drawing: made on
 * every call, they took ~80 ms of main-thread time per filter change on the Overview at 1M
 * order lines (a CPU profile of the production build), time every panel waited for.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The NumberFormat for this locale and these options (throws as Intl does, e.g. on an unknown currency). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** The DateTimeFormat for this locale and these options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
