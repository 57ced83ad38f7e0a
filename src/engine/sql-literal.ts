/**
 * A SQL string literal for text that cannot be a bound parameter (file names in read_csv,
 * COPY ... TO, SET): quotes doubled. Only for names the app makes or paths of the machine,
 * never for values a user typed into the dashboard (those are always bound).
 */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
