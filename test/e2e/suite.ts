/**
 * Every end-to-end file in one process, on the build in dist/ (`npm run test:e2e` builds it
 * first): one Chromium and one `vite preview` shared by all (harness.ts), each file in a fresh
 * browser context or, where it needs one, a profile of its own. Each file still runs alone with
 * `npx tsx test/e2e/<name>.e2e.ts`, and some of them together with
 * `npx tsx test/e2e/suite.ts smoke words`. A failing file does not stop the others; the suite ends with
 * a line per file and exits non-zero when any check failed or a file did not finish.
 */
import { closeShared, type SuiteHook } from './harness';

const FILES = [
  'smoke', 'dashboard', 'import', 'excel', 'shared-data', 'presets', 'persist', 'datasets',
  'offline', 'wasm-cache', 'a11y', 'first-screen', 'finance', 'products-views', 'words', 'parquet-rows',
];
/** A file that neither finishes nor fails in this long has hung (the longest takes ~2.5 min here). */
const FILE_TIMEOUT_MS = 15 * 60_000;

interface Outcome {
  file: string;
  passed: number;
  failed: number;
  seconds: number;
  problem?: string;
}

/** Runs one file: resolves when it calls Checks.finish, or throws, or hangs past the timeout. */
async function runFile(file: string): Promise<Outcome> {
  const started = Date.now();
  const outcome = (o: Omit<Outcome, 'file' | 'seconds'>): Outcome => ({ file, seconds: Math.round((Date.now() - started) / 1000), ...o });
  let crash: (e: unknown) => void = () => undefined;
  const crashed = new Promise<Outcome>((resolve) => {
    crash = (e) => {
      console.error(e instanceof Error ? e.stack : e);
      resolve(outcome({ passed: 0, failed: 1, problem: `stopped: ${e instanceof Error ? e.message : String(e)}` }));
    };
  });
  const finished = new Promise<Outcome>((resolve) => {
    // A file that finishes without a single check ran nothing it claims: that fails too.
    const hook: SuiteHook = {
      finished: (_label, passed, failures) =>
        resolve(outcome(passed + failures.length === 0 ? { passed, failed: 1, problem: 'no check ran' } : { passed, failed: failures.length })),
    };
    (globalThis as { __riE2eSuite?: SuiteHook }).__riE2eSuite = hook;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve(outcome({ passed: 0, failed: 1, problem: `did not finish in ${FILE_TIMEOUT_MS / 60_000} min` })), FILE_TIMEOUT_MS);
  });
  process.on('unhandledRejection', crash);
  process.on('uncaughtException', crash);
  try {
    // A file's checks run when it is imported (its top-level code); each ends by calling finish.
    import(`./${file}.e2e.ts`).catch((e: unknown) => crash(e));
    return await Promise.race([finished, crashed, hung]);
  } finally {
    clearTimeout(timer);
    process.off('unhandledRejection', crash);
    process.off('uncaughtException', crash);
  }
}

const asked = process.argv.slice(2);
const results: Outcome[] = [];
for (const file of asked.length > 0 ? asked : FILES) {
  console.log(`\n=== ${file}.e2e.ts`);
  results.push(await runFile(file));
}
await closeShared();

console.log('\ne2e suite:');
for (const r of results) console.log(`  ${r.file.padEnd(15)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed, ${r.seconds} s${r.problem ? ` (${r.problem})` : ''}`);
const failed = results.filter((r) => r.failed > 0);
const total = results.reduce((s, r) => s + r.seconds, 0);
console.log(`e2e suite: ${results.length - failed.length} of ${results.length} files passed in ${Math.round(total / 60)} min${failed.length ? `; failed: ${failed.map((r) => r.file).join(', ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
