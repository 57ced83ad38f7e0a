/**
 * Splits a SQL script on top-level semicolons (not inside strings or comments), because
 * the schema files hold several statements and each is run and reported on its own.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === "'" || ch === '"') {
      i += 1;
      while (i < script.length && !(script[i] === ch && script[i + 1] !== ch)) i += script[i] === ch ? 2 : 1;
      i += 1;
    } else if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
    } else if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 2;
    } else if (ch === ';') {
      out.push(script.slice(start, i));
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  out.push(script.slice(start));
  return out.filter((s) => stripComments(s).trim() !== '');
}

function stripComments(s: string): string {
  return s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
