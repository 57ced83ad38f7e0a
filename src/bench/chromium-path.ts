import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Which Chromium the browser tests and the bench drive (Debian's package: browser downloads
 * are not possible here). One lookup for all of them, and for `npm test`'s first step
 * (scripts/ensure-chromium.ts), which installs it or says the one command to run.
 */

/** Where Debian and Ubuntu's package puts it. */
export const STANDARD_PATHS: readonly string[] = ['/usr/bin/chromium'];
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

export interface Lookup {
  env?: Record<string, string | undefined>;
  /** Checked after CHROMIUM_PATH and before PATH. */
  standard?: readonly string[];
}

export type Found = { path: string } | { path: null; why: string };

/** CHROMIUM_PATH (when set, it alone: a wrong one is an error, not a reason to pick another), then /usr/bin/chromium, then `chromium` on PATH. */
export function findChromium({ env = process.env, standard = STANDARD_PATHS }: Lookup = {}): Found {
  const given = env.CHROMIUM_PATH;
  if (given) return isExecutable(given) ? { path: given } : { path: null, why: `CHROMIUM_PATH is ${given}, which is not an executable file` };
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'chromium'));
  const found = [...standard, ...onPath].find(isExecutable);
  return found ? { path: found } : { path: null, why: `no Chromium found (CHROMIUM_PATH is not set, nor is there ${[...standard, '`chromium` on PATH'].join(' or ')})` };
}

/** The Chromium to launch, or an error that says what to do. */
export function chromiumPath(lookup?: Lookup): string {
  const found = findChromium(lookup);
  if (found.path === null) throw new Error(`${found.why}. ${advice(found.why)}`);
  return found.path;
}

export interface Machine {
  isRoot: boolean;
  /** apt-get is there (Debian, Ubuntu). */
  hasApt: boolean;
}

export type Plan = { do: 'use'; path: string } | { do: 'install'; command: string } | { do: 'stop'; message: string };

/** What `npm test`'s first step does: use the Chromium found, install Debian's package (root with apt), or stop with the one command to run. */
export function chromiumPlan(lookup: Lookup, machine: Machine): Plan {
  const found = findChromium(lookup);
  if (found.path !== null) return { do: 'use', path: found.path };
  if (!lookup.env?.CHROMIUM_PATH && machine.isRoot && machine.hasApt) return { do: 'install', command: INSTALL_COMMAND };
  return { do: 'stop', message: `The browser tests need Chromium: ${found.why}. ${advice(found.why, machine.hasApt)}` };
}

function advice(why: string, hasApt = true): string {
  if (why.startsWith('CHROMIUM_PATH')) return 'Point CHROMIUM_PATH at a Chromium or Chrome binary, or unset it.';
  return hasApt
    ? 'Run:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n'
    : 'Install Chromium with your system\'s package manager, or set CHROMIUM_PATH to a Chromium or Chrome binary.';
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
