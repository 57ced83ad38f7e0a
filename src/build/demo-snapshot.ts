/**
 * Prints the demo snapshots (JSON, see src/loader/seed-json.ts): the bundled demo data loaded
 * by the app's own loader on the browser's DuckDB-WASM build, and answered by the same SQL files:
 * `first`, every page's default view with the Overview's filter indexes (src/build/first-screen.ts);
 * `presets`, the Overview under each date preset, a chunk fetched only by a link with a preset;
 * `pages`, per page of PAGES_FILTERED_AHEAD its default view filtered to one value of one
 * dimension, a chunk per page fetched only by such a link.
 * `vite build` runs this and ships the result, so the first dashboard shows while DuckDB starts
 * in the page, like Evidence's build-time query results; the page then loads the same data and
 * answers everything else live.
 *
 *   npx tsx src/build/demo-snapshot.ts [data/demo]   → {"first": "<json>", "presets": "<json>", "pages": {"<page>": "<json>"}}
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAnswers, pageFilterAnswers, presetAnswers } from './first-screen';
import { PAGES_FILTERED_AHEAD } from '../runner/first-screen';
import type { Runner } from '../runner/runner';
import { createNodeRunner, loadFolder } from '../host/node';
import { snapshotToJson } from '../loader/seed-json';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoSnapshots {
  first: string;
  presets: string;
  pages: Record<string, string>;
}

export async function demoSnapshotJson(dir = path.join(root, 'data/demo')): Promise<DemoSnapshots> {
  const runner = await createNodeRunner();
  try {
    const reports = (await loadFolder(runner, dir)).result.reports;
    const first = snapshotToJson({ seed: await runner.snapshot(buildAnswers(runner)), reports });
    const pages: Record<string, string> = {};
    for (const page of PAGES_FILTERED_AHEAD) pages[page] = await answersOnly(runner, await pageFilterAnswers(runner, page));
    return { first, presets: await answersOnly(runner, await presetAnswers(runner)), pages };
  } finally {
    await runner.engine.close();
  }
}

/** The answers to `requests` without presence or reports: the page takes those from `first`. */
async function answersOnly(runner: Runner, requests: Parameters<Runner['snapshot']>[0]): Promise<string> {
  const { answers } = await runner.snapshot(requests);
  return snapshotToJson({ seed: { presence: [], answers }, reports: [] });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await demoSnapshotJson(process.argv[2])));
}
