import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where a step's inputs are and where its outputs are kept. */
export interface StepPlace {
  root: string;
  /** Files and folders under `root` whose contents the steps depend on. */
  inputs: string[];
  cache: string;
}

/** The build's: everything its Node steps read (the code they run, the SQL, the demo data, the packages' versions). */
const BUILD: StepPlace = {
  root,
  inputs: ['src', 'queries', 'data/demo', 'package-lock.json'],
  cache: path.join(root, 'node_modules/.cache/returns-insight'),
};
const DONE = '.complete';

/** The files at `p`: itself if a file, every file below it if a folder, sorted by path. */
function filesAt(p: string): string[] {
  const stat = statSync(p, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [p];
  return readdirSync(p).sort().flatMap((name) => filesAt(path.join(p, name)));
}

/** A hash of the contents and paths of every input file: any edit, addition or removal changes it. */
export function inputsHash(place: StepPlace = BUILD): string {
  const hash = createHash('sha256');
  for (const file of place.inputs.flatMap((input) => filesAt(path.join(place.root, input)))) {
    hash.update(path.relative(place.root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The output folder of one build step (the demo snapshot, the demo database: each runs the
 * demo through DuckDB-WASM in Node for 5–20 s), made by `produce` into an empty folder the
 * first time and reused while no input has changed. A rebuild of the same sources, as the
 * offline e2e test makes twice, then skips them. Kept in node_modules/.cache (one entry per
 * step: a new one replaces the old); delete that folder to force the steps to run.
 */
export function cachedStep(step: string, produce: (dir: string) => void, place: StepPlace = BUILD): string {
  const dir = path.join(place.cache, `${step}-${inputsHash(place)}`);
  if (existsSync(path.join(dir, DONE))) return dir;
  mkdirSync(place.cache, { recursive: true });
  // Made beside its place and renamed into it, so a build stopped half way leaves no entry.
  const making = `${dir}.${randomUUID()}.tmp`;
  mkdirSync(making);
  try {
    produce(making);
  } catch (e) {
    rmSync(making, { recursive: true, force: true });
    throw e;
  }
  writeFileSync(path.join(making, DONE), '');
  const stale = (e: string) => e.startsWith(`${step}-`) && !e.endsWith('.tmp') && e !== path.basename(dir);
  for (const old of readdirSync(place.cache).filter(stale)) {
    rmSync(path.join(place.cache, old), { recursive: true, force: true });
  }
  try {
    renameSync(making, dir);
  } catch (e) {
    // Another build of the same sources made it first: theirs is the same; keep it.
    rmSync(making, { recursive: true, force: true });
    if (!existsSync(path.join(dir, DONE))) throw e;
  }
  return dir;
}
