/** 'size_too_small' → 'Size too small': display names for canonical codes. */
export function humanize(code: unknown): string {
  if (typeof code !== 'string' || code === '') return '(unknown)';
  if (code.startsWith('(')) return code; // '(unknown)' from the models stays as is
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
