/**
 * Prints the demo snapshot (JSON, see src/loader/seed-json.ts): the bundled demo data loaded
 * by the app's own loader on the browser's DuckDB-WASM build, and every page's default view with
 * the Overview's filter indexes (src/build/first-screen.ts) answered by the same SQL files. `vite build` runs this and ships
 * the result, so the first dashboard shows while DuckDB starts in the page, like
 * Evidence's build-time query results; the page then loads the same data and answers
 * everything else live.
 *
 *   npx tsx src/build/demo-snapshot.ts [data/demo]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAnswers } from './first-screen';
import { createNodeRunner, loadFolder } from '../host/node';
import { snapshotToJson } from '../loader/seed-json';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function demoSnapshotJson(dir = path.join(root, 'data/demo')): Promise<string> {
  const runner = await createNodeRunner();
  try {
    const reports = (await loadFolder(runner, dir)).result.reports;
    return snapshotToJson({ seed: await runner.snapshot(buildAnswers(runner)), reports });
  } finally {
    await runner.engine.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(await demoSnapshotJson(process.argv[2]));
}
