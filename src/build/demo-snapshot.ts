/**
 * Prints the demo snapshots (JSON, see src/loader/seed-json.ts): the bundled demo data loaded
 * by the app's own loader on the browser's DuckDB-WASM build, and answered by the same SQL files:
 * `first`, every page's default view with the Overview's filter indexes (src/build/first-screen.ts);
 * `presets`, the Overview under each date preset, a chunk fetched only by a link with a preset.
 * `vite build` runs this and ships the result, so the first dashboard shows while DuckDB starts
 * in the page, like Evidence's build-time query results; the page then loads the same data and
 * answers everything else live.
 *
 *   npx tsx src/build/demo-snapshot.ts [data/demo]   → {"first": "<json>", "presets": "<json>"}
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAnswers, presetAnswers } from './first-screen';
import { createNodeRunner, loadFolder } from '../host/node';
import { snapshotToJson } from '../loader/seed-json';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoSnapshots {
  first: string;
  presets: string;
}

export async function demoSnapshotJson(dir = path.join(root, 'data/demo')): Promise<DemoSnapshots> {
  const runner = await createNodeRunner();
  try {
    const reports = (await loadFolder(runner, dir)).result.reports;
    const first = snapshotToJson({ seed: await runner.snapshot(buildAnswers(runner)), reports });
    // Not the first screen's presence again: the page takes it from `first`.
    const presets = await runner.snapshot(await presetAnswers(runner));
    return { first, presets: snapshotToJson({ seed: { presence: [], answers: presets.answers }, reports: [] }) };
  } finally {
    await runner.engine.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await demoSnapshotJson(process.argv[2])));
}
