import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath, chromiumPlan, findChromium, INSTALL_COMMAND } from '../src/bench/chromium-path';

/**
 * A fresh machine (issue 13): `npm test` failed in its e2e step where Chromium was not
 * installed yet. The lookup is tried on fake folders and environments (no Chromium is
 * removed): CHROMIUM_PATH, the standard path, `chromium` on PATH; then install or stop.
 */
const root = mkdtempSync(path.join(tmpdir(), 'ri-chromium-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file at root/rel, executable or not. */
function fake(rel: string, executable = true): string {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '#!/bin/sh\necho Chromium 1.0\n');
  chmodSync(p, executable ? 0o755 : 0o644);
  return p;
}

const standard = fake('usr/bin/chromium');
const onPath = fake('bin2/chromium');
const notExecutable = fake('bin1/chromium', false);
const emptyDir = path.join(root, 'empty');
mkdirSync(emptyDir, { recursive: true });
const PATH = [path.dirname(notExecutable), path.dirname(onPath)].join(path.delimiter);
const nowhere = [path.join(root, 'usr/bin/nothing')];

describe('finding Chromium for the browser tests and the bench', () => {
  it('CHROMIUM_PATH first, then the standard path, then the first executable `chromium` on PATH', () => {
    const given = fake('opt/chrome/chrome');
    expect(findChromium({ env: { CHROMIUM_PATH: given, PATH }, standard: [standard] })).toEqual({ path: given });
    expect(findChromium({ env: { PATH }, standard: [standard] })).toEqual({ path: standard });
    expect(findChromium({ env: { PATH }, standard: nowhere })).toEqual({ path: onPath }); // bin1's is not executable
  });

  it('a wrong CHROMIUM_PATH is an error, not a reason to take another one', () => {
    const found = findChromium({ env: { CHROMIUM_PATH: notExecutable, PATH }, standard: [standard] });
    expect(found).toEqual({ path: null, why: `CHROMIUM_PATH is ${notExecutable}, which is not an executable file` });
    expect(() => chromiumPath({ env: { CHROMIUM_PATH: emptyDir }, standard: [standard] })).toThrow(/CHROMIUM_PATH is .*empty, which is not an executable file\. Point CHROMIUM_PATH/);
  });

  it('none found: root with apt installs Debian\'s package; anyone else stops with the one command', () => {
    const lookup = { env: { PATH: emptyDir }, standard: nowhere };
    expect(chromiumPlan(lookup, { isRoot: true, hasApt: true })).toEqual({ do: 'install', command: INSTALL_COMMAND });
    const stop = chromiumPlan(lookup, { isRoot: false, hasApt: true });
    expect(stop.do).toBe('stop');
    expect(stop.do === 'stop' && stop.message).toMatch(/need Chromium: no Chromium found .*\n\n {2}sudo apt-get update && sudo apt-get install -y chromium\n$/);
    const noApt = chromiumPlan(lookup, { isRoot: true, hasApt: false });
    expect(noApt.do === 'stop' && noApt.message).toMatch(/set CHROMIUM_PATH to a Chromium or Chrome binary/);
    expect(chromiumPlan({ env: { PATH }, standard: nowhere }, { isRoot: false, hasApt: true })).toEqual({ do: 'use', path: onPath });
    expect(() => chromiumPath(lookup)).toThrow(/no Chromium found/);
  });
});
