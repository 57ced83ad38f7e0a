/** An error's first line: DuckDB's messages go on with context (and its stack) the user does not need. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
