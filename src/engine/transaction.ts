import type { Engine } from './types';

/**
 * Runs `statements` (SQL text, `;`-separated) as one transaction: all of them, or, if any
 * fails, none (rolled back, and the error thrown on).
 */
export async function execInTransaction(engine: Pick<Engine, 'exec'>, statements: string): Promise<void> {
  try {
    await engine.exec(`BEGIN TRANSACTION;\n${statements}\nCOMMIT;`);
  } catch (e) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
