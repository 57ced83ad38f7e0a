import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers import one way only: data-model ← engine ← runner ← loader (ingest) ← app / cli / build / bench.
 * Each folder of src/ lists the folders it may import; anything else is an error. export (rows out
 * as CSV / Parquet) and generator (sample data) are side layers, placed by what they import.
 * src/host/ holds the wiring that joins the layers for one platform, for the top layer to start
 * from. The four top folders do not import each other, and product code never imports test/.
 */
const BELOW_TOP = ['data-model', 'engine', 'runner', 'loader', 'export', 'generator', 'host'];
const LAYERS = {
  'data-model': [],
  engine: ['data-model'],
  runner: ['data-model', 'engine'],
  export: ['data-model', 'engine'],
  generator: ['data-model'],
  loader: ['data-model', 'engine', 'runner'],
  host: BELOW_TOP.filter((f) => f !== 'host'),
  app: BELOW_TOP,
  cli: BELOW_TOP,
  build: BELOW_TOP,
  bench: BELOW_TOP,
};

/** no-restricted-imports for one folder: every other folder it may not import, and test/. */
function layerRule(folder, files) {
  const forbidden = [...Object.keys(LAYERS).filter((f) => f !== folder && !LAYERS[folder].includes(f)), 'test'];
  const patterns = forbidden.map((f) => ({
    group: [`**/${f}/**`],
    message:
      f === 'test'
        ? 'Product code never imports tests: move what it needs into src/ (tests may import src/).'
        : `src/${folder} may not import src/${f}: layers import one way (see LAYERS in eslint.config.js).`,
  }));
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'bench/cache/', '.scratch/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.keys(LAYERS).map((folder) => layerRule(folder, [`src/${folder}/**`])),
  // src/main.tsx is the app's entry point.
  layerRule('app', ['src/*.{ts,tsx}']),
);
