import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedStep, inputsHash, type StepPlace } from '../../src/build/step-cache';

/**
 * The build's step cache (src/build/step-cache.ts): a step's outputs are reused only while
 * every input file is as it was; an edit, a new file, a removed file or a renamed one makes the
 * step run again, and a step that fails leaves nothing to reuse.
 */
let place: StepPlace;
let runs = 0;

beforeEach(() => {
  const root = mkdtempSync(path.join(tmpdir(), 'ri-step-cache-'));
  mkdirSync(path.join(root, 'src/deep'), { recursive: true });
  writeFileSync(path.join(root, 'src/a.ts'), 'a');
  writeFileSync(path.join(root, 'src/deep/b.sql'), 'b');
  writeFileSync(path.join(root, 'lock.json'), '{}');
  writeFileSync(path.join(root, 'not-an-input.md'), 'x');
  place = { root, inputs: ['src', 'lock.json', 'missing-folder'], cache: path.join(root, 'cache') };
  runs = 0;
});

afterEach(() => rmSync(place.root, { recursive: true, force: true }));

/** The step under test: counts its runs and writes what it read. */
function step(): string {
  const dir = cachedStep('answers', (out) => {
    runs++;
    writeFileSync(path.join(out, 'out.txt'), readFileSync(path.join(place.root, 'src/a.ts'), 'utf8'));
  }, place);
  return readFileSync(path.join(dir, 'out.txt'), 'utf8');
}

describe('the build step cache', () => {
  it('runs a step once and reuses its outputs while the inputs stay the same', () => {
    expect(step()).toBe('a');
    expect(step()).toBe('a');
    expect(runs).toBe(1);
    writeFileSync(path.join(place.root, 'not-an-input.md'), 'changed');
    expect(step()).toBe('a');
    expect(runs, 'a file that is not an input changes nothing').toBe(1);
  });

  it.each([
    ['an edited file', (root: string) => writeFileSync(path.join(root, 'src/a.ts'), 'a2')],
    ['a new file', (root: string) => writeFileSync(path.join(root, 'src/deep/c.sql'), '')],
    ['a removed file', (root: string) => rmSync(path.join(root, 'src/deep/b.sql'))],
    ['a renamed file', (root: string) => {
      writeFileSync(path.join(root, 'src/deep/b2.sql'), 'b');
      rmSync(path.join(root, 'src/deep/b.sql'));
    }],
    ['a changed input file at the top', (root: string) => writeFileSync(path.join(root, 'lock.json'), '{"v":2}')],
    ['a missing input that appears', (root: string) => {
      mkdirSync(path.join(root, 'missing-folder'));
      writeFileSync(path.join(root, 'missing-folder/x.sql'), '');
    }],
  ])('runs the step again after %s, and keeps one entry', (_what, change) => {
    const before = inputsHash(place);
    step();
    change(place.root);
    const after = inputsHash(place);
    expect(after).not.toBe(before);
    step();
    expect(runs).toBe(2);
    expect(readdirSync(place.cache)).toEqual([`answers-${after}`]);
  });

  it("two builds of the same sources at once: the one that finishes second keeps the first one's outputs", () => {
    const dir = cachedStep('answers', (out) => {
      writeFileSync(path.join(out, 'out.txt'), 'second');
      expect(step(), 'the other build, finishing first').toBe('a');
    }, place);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('a');
    expect(readdirSync(place.cache)).toEqual([path.basename(dir)]);
  });

  it('keeps nothing from a step that fails, and runs it again next time', () => {
    expect(() => cachedStep('answers', (out) => {
      writeFileSync(path.join(out, 'half.txt'), 'half');
      throw new Error('stopped');
    }, place)).toThrow('stopped');
    expect(readdirSync(place.cache)).toEqual([]);
    expect(step()).toBe('a');
    expect(runs).toBe(1);
  });
});
