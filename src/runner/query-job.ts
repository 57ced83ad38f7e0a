import type { Row } from '../engine/types';

/** One query and everyone waiting for it; it is skipped only when all of them gave up. */
export class Job {
  private waiters: { signal?: AbortSignal; resolve: (rows: Row[]) => void; reject: (e: unknown) => void }[] = [];

  wait(signal?: AbortSignal): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ signal, resolve, reject });
    });
  }

  allAborted(): boolean {
    return this.waiters.length > 0 && this.waiters.every((w) => w.signal?.aborted === true);
  }

  settle(rows: Row[] | null, error: unknown): void {
    for (const w of this.waiters) {
      if (rows) w.resolve(rows);
      else w.reject(error);
    }
    this.waiters = [];
  }
}

export function abortError(): Error {
  const e = new Error('Superseded before it ran');
  e.name = 'AbortError';
  return e;
}
