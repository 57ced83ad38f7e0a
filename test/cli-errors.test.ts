import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CliError, EXIT, reportError } from '../src/cli/errors';
import { HELP } from '../src/cli/help';
import { main } from '../src/cli/main';

/**
 * Every user mistake ends in one line on stderr and a documented exit code, never a stack
 * trace; a bad --param is refused before any data is loaded, with the parameter named.
 * (Regression: an unreadable folder, an unwritable --out and `--param change_date=2025-02-31`
 * ended in raw stack traces or a DuckDB conversion error.)
 */

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'data/demo');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-cli-errors-'));
const aFile = path.join(tmp, 'a-file.txt');
writeFileSync(aFile, 'not a folder\n');
const noLines = path.join(tmp, 'no-order-lines');
mkdirSync(noLines);
copyFileSync(path.join(DEMO, 'products.csv'), path.join(noLines, 'products.csv'));
const foreign = path.join(tmp, 'foreign-out');
mkdirSync(foreign);
writeFileSync(path.join(foreign, 'summary.json'), '{"my": "own summary"}\n');

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs main() in-process; what it printed to stderr, line by line. */
async function runCli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const code = await main(args);
    return { code, lines: err.mock.calls.map((c) => c.map(String).join(' ')).join('\n').split('\n') };
  } finally {
    err.mockRestore();
    log.mockRestore();
  }
}

const out = path.join(tmp, 'out');
const CASES: { mistake: string; args: string[]; code: number; message: string | RegExp }[] = [
  { mistake: 'unknown option', args: ['analyze', DEMO, '--out', out, '--frobnicate'], code: EXIT.usage, message: 'Unknown option --frobnicate. Try --help.' },
  { mistake: 'unknown command', args: ['analyse', DEMO], code: EXIT.usage, message: 'Unknown command "analyse". Try --help.' },
  { mistake: 'no --out', args: ['analyze', DEMO], code: EXIT.usage, message: '--out <dir> is required. Try --help.' },
  { mistake: 'no data folder', args: ['analyze', '--out', out], code: EXIT.usage, message: 'analyze needs the data folder first: analyze <folder> --out <dir>' },
  { mistake: 'import-check without a file', args: ['import-check'], code: EXIT.usage, message: 'import-check needs the file first: import-check <file>' },
  { mistake: 'data folder missing', args: ['analyze', path.join(tmp, 'nope'), '--out', out], code: EXIT.usage, message: `${path.join(tmp, 'nope')}: no such folder` },
  { mistake: 'data folder is a file', args: ['analyze', aFile, '--out', out], code: EXIT.usage, message: `${aFile} is not a folder` },
  {
    mistake: '--out under a file',
    args: ['analyze', DEMO, '--out', path.join(aFile, 'out')],
    code: EXIT.usage,
    message: `--out ${path.join(aFile, 'out')}: cannot create the folder: a part of the path is a file, not a folder (ENOTDIR)`,
  },
  { mistake: '--out is a file', args: ['analyze', DEMO, '--out', aFile], code: EXIT.usage, message: `--out ${aFile}: cannot create the folder: a file of that name is in the way (EEXIST)` },
  {
    mistake: '--out holds a summary.json the CLI did not write',
    args: ['analyze', DEMO, '--out', foreign],
    code: EXIT.usage,
    message: `--out ${foreign}: holds a summary.json that returns-insight did not write; choose another folder`,
  },
  {
    mistake: 'a date that is not on the calendar (Date.parse rolls it to 3 March)',
    args: ['analyze', DEMO, '--out', out, '--param', 'change_date=2025-02-31'],
    code: EXIT.usage,
    message: '--param change_date=2025-02-31: must be a date like 2025-01-31: 2025-02 has no day 31',
  },
  {
    mistake: 'month 13',
    args: ['analyze', DEMO, '--out', out, '--param', 'change_date=2025-13-01'],
    code: EXIT.usage,
    message: '--param change_date=2025-13-01: must be a date like 2025-01-31: there is no month 13',
  },
  { mistake: 'not a date at all', args: ['analyze', DEMO, '--out', out, '--param', 'change_date=01/02/2025'], code: EXIT.usage, message: '--param change_date=01/02/2025: must be a date like 2025-01-31' },
  { mistake: 'a value the enum does not have', args: ['analyze', DEMO, '--out', out, '--param', 'grain=year'], code: EXIT.usage, message: '--param grain=year: must be one of month, week' },
  { mistake: 'not a number', args: ['analyze', DEMO, '--out', out, '--param', 'window_days=0x1e'], code: EXIT.usage, message: '--param window_days=0x1e: must be a number' },
  { mistake: 'not true or false', args: ['analyze', DEMO, '--out', out, '--param', 'paid_returns=yes'], code: EXIT.usage, message: '--param paid_returns=yes: must be true or false' },
  { mistake: 'an empty value', args: ['analyze', DEMO, '--out', out, '--param', 'grain='], code: EXIT.usage, message: "--param grain=: give a value, or leave the option out for the model's default" },
  { mistake: 'a parameter no model takes', args: ['analyze', DEMO, '--out', out, '--param', 'change_dat=2025-01-01'], code: EXIT.usage, message: /^--param change_dat: no model takes a parameter of that name \(known: .*change_date.*\)$/ },
  { mistake: 'a page filter', args: ['analyze', DEMO, '--out', out, '--param', 'date_from=2025-01-01'], code: EXIT.usage, message: /^--param date_from: the CLI analyzes all the data/ },
  { mistake: 'the dimension', args: ['analyze', DEMO, '--out', out, '--param', 'dim=sku'], code: EXIT.usage, message: /^--param dim: not settable/ },
  { mistake: 'a folder without order_lines', args: ['analyze', noLines, '--out', out, '--quiet'], code: EXIT.failed, message: `${noLines} has no readable order_lines file; nothing to analyze.` },
];

describe('returns-insight: user mistakes', () => {
  it.each(CASES)('$mistake: exit $code, one line', async ({ args, code, message }) => {
    const r = await runCli(args);
    expect(r.lines).toHaveLength(1);
    if (typeof message === 'string') expect(r.lines[0]).toBe(message);
    else expect(r.lines[0]).toMatch(message);
    expect(r.code).toBe(code);
  }, 60_000);

  it('refuses a bad --param before loading or writing anything; creates no --out for nothing', async () => {
    const fresh = path.join(tmp, 'fresh-out');
    expect((await runCli(['analyze', DEMO, '--out', fresh, '--param', 'change_date=2025-02-31'])).code).toBe(EXIT.usage);
    expect(existsSync(fresh)).toBe(false);
    // Nor does a run that finds nothing to analyze leave an empty --out behind.
    expect((await runCli(['analyze', noLines, '--out', fresh, '--quiet'])).code).toBe(EXIT.failed);
    expect(existsSync(fresh)).toBe(false);
  }, 60_000);

  it('documents every exit code in --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--help'])).toBe(EXIT.ok);
    log.mockRestore();
    for (const code of Object.values(EXIT)) expect(HELP).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    expect(HELP).toMatch(/ 3 {2}a file of the folder could not be used, so nothing was analyzed[^]*--allow-partial/);
  });

  it('an unexpected error is one line with the --debug hint; --debug adds the stack', () => {
    const lines: string[] = [];
    const bug = new Error('Binder Error: something the CLI did not expect\nLINE 1: SELECT ...');
    expect(reportError(bug, false, (s) => lines.push(s))).toBe(EXIT.internal);
    expect(lines).toEqual(['internal error: Binder Error: something the CLI did not expect (rerun with --debug to see where it happened)']);
    lines.length = 0;
    expect(reportError(bug, true, (s) => lines.push(s))).toBe(EXIT.internal);
    expect(lines[0]).toBe('internal error: Binder Error: something the CLI did not expect');
    expect(lines[1]).toMatch(/\n\s+at /);
    // A user's mistake never shows a stack, even with --debug it is the message first.
    lines.length = 0;
    expect(reportError(new CliError('--param grain=year: must be one of month, week', EXIT.usage), false, (s) => lines.push(s))).toBe(EXIT.usage);
    expect(lines).toEqual(['--param grain=year: must be one of month, week']);
  });

  it('a data problem that stops the run is one line, not a stack trace', async () => {
    // Order dates DuckDB cannot turn into months: whatever the loader makes of them, the CLI
    // ends in one line with an exit code, never a stack.
    const data = path.join(tmp, 'odd-dates');
    mkdirSync(data);
    writeFileSync(
      path.join(data, 'order_lines.csv'),
      'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region\n' +
        'O1,1,2024-01-02,S1,1,10,EUR,web,C1,DE\nO2,1,epoch,S1,1,10,EUR,web,C1,DE\nO3,1,infinity,S1,1,10,EUR,web,C1,DE\n',
    );
    const r = await runCli(['analyze', data, '--out', path.join(tmp, 'odd-out'), '--quiet']);
    expect(r.lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    if (r.code !== EXIT.ok) expect(r.lines).toHaveLength(1);
  }, 120_000);
});

/**
 * An unreadable data folder and an --out without write permission: permissions do not bind
 * root, so as root the CLI runs as `nobody` in a child process (same code, through bin.mjs).
 */
describe('returns-insight: folders it may not read or write', () => {
  const asRoot = process.getuid?.() === 0;
  const locked = path.join(tmp, 'locked');
  mkdirSync(locked);
  copyFileSync(path.join(DEMO, 'order_lines.csv'), path.join(locked, 'order_lines.csv'));
  const readOnly = path.join(tmp, 'read-only');
  mkdirSync(readOnly);

  async function runLocked(args: string[]): Promise<{ code: number; lines: string[] }> {
    if (!asRoot) return runCli(args);
    // nobody has to reach the temp folder to be refused by the locked one inside it.
    chmodSync(tmp, 0o755);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/bin.mjs'), ...args], { cwd: ROOT, uid: 65534, gid: 65534, encoding: 'utf8' });
    return { code: r.status ?? -1, lines: r.stderr.trimEnd().split('\n') };
  }

  it('an unreadable data folder: exit 2, one line', async () => {
    chmodSync(locked, 0o000);
    try {
      const r = await runLocked(['analyze', locked, '--out', path.join(os.tmpdir(), `ri-never-${process.pid}`)]);
      expect(r.lines).toEqual([`${locked}: cannot read the data folder: permission denied (EACCES)`]);
      expect(r.code).toBe(EXIT.usage);
    } finally {
      chmodSync(locked, 0o755);
    }
  }, 60_000);

  it('an --out it may not write in: exit 2, one line, before loading', async () => {
    chmodSync(readOnly, 0o555);
    try {
      const r = await runLocked(['analyze', DEMO, '--out', readOnly]);
      expect(r.lines).toEqual([`--out ${readOnly}: cannot write there: permission denied (EACCES)`]);
      expect(r.code).toBe(EXIT.usage);
      expect(readdirSync(readOnly)).toEqual([]);
    } finally {
      chmodSync(readOnly, 0o755);
    }
  }, 60_000);
});
