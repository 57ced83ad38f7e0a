#!/usr/bin/env node
// Entry for `npx returns-insight`: runs the TypeScript CLI through tsx, so the CLI uses the
// very same runner and SQL files as the browser without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
