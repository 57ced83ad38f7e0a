import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every browser test needs: the built app served locally, Chromium, and a record of misbehaviour. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export class Checks {
  passed = 0;
  readonly failures: string[] = [];
  check(ok: boolean, what: string): boolean {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (ok) this.passed++;
    else this.failures.push(what);
    return ok;
  }
  /** The closing line CI reads, then the exit code. */
  finish(label: string): never {
    console.log(`\n${label}: ${this.passed} passed, ${this.failures.length} failed`);
    process.exit(this.failures.length > 0 ? 1 : 0);
  }
}

// Chromium and `vite preview` are started by src/bench/chromium.ts: the benchmark drives the same
// browser, and product code does not import tests.
export { isExpectedAbort, isLocal, launch, startPreview, waitIdle, type Browser } from '../../src/bench/chromium';
