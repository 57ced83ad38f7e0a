import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of eslint.config.js, run through ESLint's own API on small snippets placed (by
// file path only, nothing is written) in each layer: a wrong-way import must fail the lint.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages ESLint gives `code` as if it were the file `file` (relative to the repo). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers import one way (eslint.config.js)', () => {
  const wrongWay: [string, string, string][] = [
    ['engine imports the loader', 'src/engine/x.ts', "import { loadCanonicalFiles } from '../loader/load-canonical';"],
    ['engine imports the runner', 'src/engine/x.ts', "import { Runner } from '../runner/runner';"],
    ['data-model imports the engine', 'src/data-model/x.ts', "import type { Row } from '../engine/types';"],
    ['runner imports the loader (type only)', 'src/runner/x.ts', "import type { FileLoadReport } from '../loader/load-canonical';"],
    ['runner re-exports from the loader', 'src/runner/x.ts', "export { replaceData } from '../loader/replace-data';"],
    ['the loader imports the app', 'src/loader/import/x.ts', "import { getSession } from '../../app/session';"],
    ['the loader imports a host module', 'src/loader/x.ts', "import { createNodeRunner } from '../host/node';"],
    ['export imports the loader', 'src/export/x.ts', "import { formatOf } from '../loader/file-kinds';"],
    ['a host module imports the app', 'src/host/x.ts', "import { getSession } from '../app/session';"],
    ['the build imports the app', 'src/build/x.ts', "import { getSession } from '../app/session';"],
    ['the app imports the CLI', 'src/app/loading/x.ts', "import { main } from '../../cli/main';"],
    ['the bench imports the app', 'src/bench/page/x.ts', "import { App } from '../../app/App';"],
    ['the CLI imports the bench', 'src/cli/x.ts', "import { ROOT } from '../bench/paths';"],
    ['product code imports a test', 'src/bench/x.ts', "import { launch } from '../../test/e2e/harness';"],
    ['the app entry imports a test', 'src/main.tsx', "import { csv } from '../test/helpers/csv';"],
  ];
  it.each(wrongWay)('%s: fails', async (_what, file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/layers import one way|never imports tests/);
  });

  const rightWay: [string, string, string][] = [
    ['the engine imports the data model', 'src/engine/x.ts', "import { csvCell } from '../data-model/csv-text';"],
    ['the engine imports itself', 'src/engine/x.ts', "import type { Row } from './types';"],
    ['the runner imports the engine', 'src/runner/x.ts', "import type { Engine } from '../engine/types';"],
    ['the loader imports the runner', 'src/loader/import/x.ts', "import { Runner } from '../../runner/runner';"],
    ['a host module imports the loader', 'src/host/x.ts', "import { loadCanonicalFiles } from '../loader/load-canonical';"],
    ['the app imports the loader and export', 'src/app/x.ts', "import { replaceData } from '../loader/replace-data';\nimport { toCsv } from '../export/csv';"],
    ['the CLI imports a host module', 'src/cli/x.ts', "import { createNodeRunner } from '../host/node';"],
    ['the bench imports the generator', 'src/bench/x.ts', "import { CARRIERS } from '../generator/catalog';"],
    // A file named like a layer folder (src/generator/cli.ts) is not that layer.
    ['the generator imports its own cli.ts', 'src/generator/x.ts', "import { main } from './cli';"],
    ['a test imports any layer', 'test/x.test.ts', "import { launch } from '../src/bench/chromium';\nimport { getSession } from '../src/app/session';"],
  ];
  it.each(rightWay)('%s: passes', async (_what, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  // A new folder in src/ without a line in LAYERS would be checked by nothing.
  it.each(readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name))(
    'src/%s has a layer rule',
    async (folder) => {
      expect(await layerErrors(`src/${folder}/x.ts`, "import { x } from '../../test/helpers/x';")).toHaveLength(1);
    },
  );
});
