import type { Row } from '../engine/types';

/** Answers of a runner and its column presence, to seed another runner on the same data. */
export interface RunnerSeed {
  presence: [string, number][];
  answers: [string, Row[]][];
}

/**
 * Answers computed ahead of time on the data a runner is loading, given before it has loaded
 * them (see Runner.seed), and the promise of the tables they stand in for.
 */
export class SeededAnswers {
  /** The answers by answer key; null when there are none. */
  private answers: Map<string, Row[]> | null = null;
  /** Until this settles, the tables are not loaded yet: only seeded answers can be given. */
  private ready: Promise<void> = Promise.resolve();
  /** `ready` has settled (answerNow cannot wait for it). */
  private loaded = true;

  get tablesReady(): Promise<void> {
    return this.ready;
  }

  get tablesLoaded(): boolean {
    return this.loaded;
  }

  seed(answers: Iterable<[string, Row[]]>, tablesReady: Promise<void>): void {
    this.answers = new Map(answers);
    this.ready = tablesReady;
    this.loaded = false;
    tablesReady.then(
      () => {
        if (this.ready === tablesReady) this.loaded = true;
      },
      () => undefined,
    );
  }

  /** The seeded answers no longer describe the data (it is being replaced). */
  drop(): void {
    this.answers = null;
  }

  get(key: string): Row[] | undefined {
    return this.answers?.get(key);
  }

  has(key: string): boolean {
    return this.answers?.has(key) ?? false;
  }
}
