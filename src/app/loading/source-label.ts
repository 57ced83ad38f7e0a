/**
 * The header's name for the loaded data: the files' names ("order_lines.csv, returns.csv"),
 * shortened past three ("order_lines.csv, returns.csv +3 more").
 */
export function sourceLabelFor(files: readonly string[]): string {
  const names = files.map((f) => f.split(/[\\/]/).pop() ?? f);
  if (names.length === 0) return 'No files';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} +${names.length - 2} more`;
}
