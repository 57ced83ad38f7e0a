import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import appConfig from '../../../vite.config';

/**
 * The bench page's own build (`vite build --config src/bench/page/vite.config.ts`): the app's
 * Vite settings, this folder as the root, served under /__bench/ next to the app's build in
 * test-artifacts/bench/dist. The app's bundle never contains it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default mergeConfig(
  appConfig,
  defineConfig({
    root: here,
    base: '/__bench/',
    logLevel: 'warn',
    build: { outDir: path.resolve(here, '../../../test-artifacts/bench/dist/__bench'), emptyOutDir: true },
  }),
);
