import { describe, expect, it } from 'vitest';
import { QueryQueue } from '../../src/runner/query-queue';
import type { Row } from '../../src/engine/types';

/** A fake query: resolves when released, counting how often it ran and in which order. */
function fakeQueries() {
  const log: string[] = [];
  const releases: (() => void)[] = [];
  const query = (name: string, rows: Row[] = [{ name }]) => () => {
    log.push(name);
    return new Promise<Row[]>((resolve) => releases.push(() => resolve(rows)));
  };
  const releaseAll = async () => {
    // Each release lets the next queued query start; drain until nothing is left.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 0));
      releases.splice(0).forEach((r) => r());
    }
  };
  return { log, query, releaseAll };
}

describe('QueryQueue', () => {
  it('runs queries one at a time, in the order asked', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    const b = q.run('b', f.query('b'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a']); // b waits for a
    await f.releaseAll();
    expect(await a).toEqual([{ name: 'a' }]);
    expect(await b).toEqual([{ name: 'b' }]);
    expect(f.log).toEqual(['a', 'b']);
  });

  it('runs the same key once for callers waiting together and reuses the answer later', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const first = q.run('k', f.query('k'));
    const second = q.run('k', f.query('k-again'));
    await f.releaseAll();
    expect(await first).toBe(await second);
    expect(await q.run('k', f.query('k-third'))).toEqual([{ name: 'k' }]);
    expect(f.log).toEqual(['k']);
  });

  it('asks again after invalidate, and does not keep an answer computed across it', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const old = q.run('k', f.query('before'));
    await new Promise((r) => setTimeout(r, 0));
    q.invalidate(); // the data changed while "before" was running
    await f.releaseAll();
    expect(await old).toEqual([{ name: 'before' }]); // its caller still gets its answer
    const fresh = q.run('k', f.query('after'));
    await f.releaseAll();
    expect(await fresh).toEqual([{ name: 'after' }]);
    expect(f.log).toEqual(['before', 'after']);
  });

  it('never sends a query whose callers all gave up before its turn', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const busy = q.run('busy', f.query('busy'));
    const gone = new AbortController();
    const skipped = q.run('old-filter', f.query('old-filter'), gone.signal).catch((e: unknown) => e);
    const kept = new AbortController();
    const shared1 = q.run('shared', f.query('shared'), gone.signal);
    const shared2 = q.run('shared', f.query('shared'), kept.signal);
    gone.abort();
    await f.releaseAll();
    await busy;
    expect(await skipped).toMatchObject({ name: 'AbortError' });
    // One caller still wants "shared": it runs, and both callers get the answer.
    expect(await shared2).toEqual([{ name: 'shared' }]);
    expect(await shared1).toEqual([{ name: 'shared' }]);
    expect(f.log).toEqual(['busy', 'shared']);
  });

  it('passes errors to every caller and does not keep them', async () => {
    const q = new QueryQueue();
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('boom'));
    };
    await expect(q.run('x', failing)).rejects.toThrow('boom');
    await expect(q.run('x', failing)).rejects.toThrow('boom');
    expect(calls).toBe(2);
  });

  it('forgets the least recently used answer beyond its size', async () => {
    const q = new QueryQueue(2);
    const f = fakeQueries();
    for (const k of ['a', 'b']) {
      const p = q.run(k, f.query(k));
      await f.releaseAll();
      await p;
    }
    await q.run('a', f.query('a2')); // a is now the most recent
    const c = q.run('c', f.query('c')); // evicts b
    await f.releaseAll();
    await c;
    const b = q.run('b', f.query('b2'));
    await f.releaseAll();
    expect(await b).toEqual([{ name: 'b2' }]);
    expect(f.log).toEqual(['a', 'b', 'c', 'b2']);
  });
});

describe('QueryQueue, large answers', () => {
  it('does not keep answers longer than its row bound', async () => {
    const q = new QueryQueue(10, 2);
    let calls = 0;
    const three = () => {
      calls++;
      return Promise.resolve([{ a: 1 }, { a: 2 }, { a: 3 }]);
    };
    await q.run('big', three);
    await q.run('big', three);
    expect(calls).toBe(2);
  });
});

describe('QueryQueue, paused', () => {
  it('neither reuses nor keeps answers while paused, and forgets the old ones on resume', async () => {
    const q = new QueryQueue();
    let n = 0;
    const count = () => Promise.resolve([{ n: ++n }]);
    expect(await q.run('k', count)).toEqual([{ n: 1 }]);
    const resume = q.pause();
    expect(await q.run('k', count)).toEqual([{ n: 2 }]); // the other schema: asked again
    expect(await q.run('k', count)).toEqual([{ n: 3 }]); // and not kept
    resume();
    expect(await q.run('k', count)).toEqual([{ n: 4 }]); // the data may have changed meanwhile
    expect(await q.run('k', count)).toEqual([{ n: 4 }]); // reused again
  });

  it('hold: waits for the query in progress, holds later ones until released, still gives kept answers', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    await Promise.all([q.run('kept', f.query('kept')), f.releaseAll()]);
    const running = q.run('a', f.query('a'));
    let held = false;
    const holding = q.hold().then((release) => {
      held = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(held).toBe(false); // a is still in progress
    const later = q.run('b', f.query('b'));
    await f.releaseAll();
    await running;
    const release = await holding;
    expect(held).toBe(true);
    expect(f.log).toEqual(['kept', 'a']); // b waits for the release
    expect(await q.run('kept', f.query('kept again'))).toEqual([{ name: 'kept' }]);
    release();
    await f.releaseAll();
    expect(await later).toEqual([{ name: 'b' }]);
    expect(f.log).toEqual(['kept', 'a', 'b']);
  });

  it('sends the next query once the one before is with the database, before its answer is in', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    // "a" is handed over at once (sent), its answer comes later; "b" never says it was sent.
    let sentA!: () => void;
    const a = q.run('a', (sent) => ((sentA = sent), f.query('a')()));
    const b = q.run('b', f.query('b'));
    const c = q.run('c', f.query('c'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a']); // not before a is sent
    sentA();
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a', 'b']); // b goes while a's answer is awaited
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a', 'b']); // c waits for b's answer: b never said it was sent
    await f.releaseAll();
    expect([await a, await b, await c]).toEqual([[{ name: 'a' }], [{ name: 'b' }], [{ name: 'c' }]]);
    expect(f.log).toEqual(['a', 'b', 'c']);
  });

  it('hold: waits for the answers of queries already sent, not only for their sending', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const running = q.run('a', (sent) => (sent(), f.query('a')()));
    let held = false;
    const holding = q.hold().then((release) => ((held = true), release));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a']);
    expect(held).toBe(false); // a was sent; its answer is not in
    await f.releaseAll();
    await running;
    (await holding)();
    expect(held).toBe(true);
  });

  it('does not send a query given up on while the one before it was running, once that one is sent', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    let sentA!: () => void;
    const a = q.run('a', (sent) => ((sentA = sent), f.query('a')()));
    const gaveUp = new AbortController();
    const b = q.run('b', f.query('b'), gaveUp.signal);
    const bGivenUp = expect(b).rejects.toThrow(/Superseded/);
    await new Promise((r) => setTimeout(r, 0));
    gaveUp.abort(); // while a runs, before it is sent
    sentA();
    await f.releaseAll();
    await a;
    await bGivenUp;
    expect(f.log).toEqual(['a']);
  });

  it('runs work ahead only while nothing is asked for, newest first, and keeps its answers', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const pending: number[] = [];
    q.onIdleWork = (n) => pending.push(n);
    const a = q.run('a', f.query('a'));
    q.runWhenIdle([{ key: 'old', execute: f.query('old') }]);
    q.runWhenIdle([{ key: 'new', execute: f.query('new') }, { key: 'new2', execute: f.query('new2') }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a']); // nothing ahead while 'a' is asked for
    await f.releaseAll();
    await a;
    expect(f.log).toEqual(['a', 'new', 'new2', 'old']); // newest batch first, in its order
    expect(pending.at(-1)).toBe(0);
    // Kept: asking for them later runs nothing.
    expect(await q.run('new', f.query('new-again'))).toEqual([{ name: 'new' }]);
    expect(q.peek('old')).toEqual([{ name: 'old' }]);
    expect(f.log).toEqual(['a', 'new', 'new2', 'old']);
  });

  it('an asked query waits at most for the one query ahead already running', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    q.runWhenIdle([{ key: 'ahead1', execute: f.query('ahead1') }]);
    q.runWhenIdle([{ key: 'ahead2', execute: f.query('ahead2') }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['ahead2']);
    const asked = q.run('asked', f.query('asked'));
    await f.releaseAll();
    await asked;
    expect(f.log).toEqual(['ahead2', 'asked', 'ahead1']);
  });

  it('with workAheadAfterMs, starts work ahead only once no query was asked for during that long', async () => {
    const q = new QueryQueue();
    q.workAheadAfterMs = 300;
    const f = fakeQueries();
    const startedAt: Record<string, number> = {};
    const timed = (name: string) => () => ((startedAt[name] = Date.now()), f.query(name)());
    const a = q.run('a', timed('a'));
    q.runWhenIdle([{ key: 'ahead', execute: timed('ahead') }]);
    await f.releaseAll();
    await a;
    expect(f.log).toEqual(['a']); // not at once
    // A click meanwhile runs at once, and puts the work ahead off again.
    await new Promise((r) => setTimeout(r, 100));
    let bDone = 0;
    const b = q.run('b', timed('b')).then(() => (bDone = Date.now()));
    await f.releaseAll();
    await b;
    for (let i = 0; i < 100 && !f.log.includes('ahead'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(f.log).toEqual(['a', 'b', 'ahead']);
    // Timed from the end of 'b', not of 'a' (a slow machine only makes the gap longer).
    expect(startedAt.ahead! - bDone).toBeGreaterThanOrEqual(300 - 10);
    await f.releaseAll();
    expect(q.peek('ahead')).toEqual([{ name: 'ahead' }]);
  });

  it('with workAheadAfterMs, counts the end of a hold (a load) as asked-for work', async () => {
    const q = new QueryQueue();
    q.workAheadAfterMs = 300;
    const f = fakeQueries();
    const startedAt: Record<string, number> = {};
    // Nothing asked for since long before the hold: only the hold's end can put the work off.
    await new Promise((r) => setTimeout(r, 350));
    const release = await q.hold();
    q.runWhenIdle([{ key: 'ahead', execute: () => ((startedAt.ahead = Date.now()), f.query('ahead')()) }]);
    await new Promise((r) => setTimeout(r, 50));
    const released = Date.now();
    release();
    for (let i = 0; i < 100 && !f.log.includes('ahead'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(f.log).toEqual(['ahead']);
    expect(startedAt.ahead! - released).toBeGreaterThanOrEqual(300 - 10);
    await f.releaseAll();
  });

  it('with workAheadAfterMs, runs background work only once no query was asked for during that long', async () => {
    const q = new QueryQueue();
    q.workAheadAfterMs = 300;
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    const askedEnd = Date.now(); // 'a' ends after this
    await f.releaseAll();
    await a;
    let startedAt = 0;
    const slice = q.inBackground(() => ((startedAt = Date.now()), f.query('slice')()));
    for (let i = 0; i < 100 && !f.log.includes('slice'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(f.log).toEqual(['a', 'slice']);
    expect(startedAt - askedEnd).toBeGreaterThanOrEqual(300 - 10);
    await f.releaseAll();
    await slice;
  });

  it('past its room, drops the oldest work ahead and keeps the newest batch whole', async () => {
    const q = new QueryQueue(300, 5000, 50_000, 3);
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    q.runWhenIdle([{ key: 'v1-x', execute: f.query('v1-x') }, { key: 'v1-y', execute: f.query('v1-y') }]);
    q.runWhenIdle([{ key: 'v2-x', execute: f.query('v2-x') }, { key: 'v2-y', execute: f.query('v2-y') }]);
    expect(q.idleWork).toBe(3);
    await f.releaseAll();
    await a;
    expect(f.log).toEqual(['a', 'v2-x', 'v2-y', 'v1-x']);
  });

  it('drops the work ahead of a view left behind when work for another view comes', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    q.runWhenIdle([{ key: 'v1-x', execute: f.query('v1-x') }], 'v1');
    q.runWhenIdle([{ key: 'v1-y', execute: f.query('v1-y') }], 'v1');
    expect(q.idleWork).toBe(2); // one view's panels add up
    q.runWhenIdle([{ key: 'v2-x', execute: f.query('v2-x') }], 'v2');
    expect(q.idleWork).toBe(1);
    await f.releaseAll();
    await a;
    expect(f.log).toEqual(['a', 'v2-x']);
  });

  it('drops work ahead when the data changes', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    q.runWhenIdle([{ key: 'ahead', execute: f.query('ahead') }]);
    expect(q.idleWork).toBe(1);
    q.invalidate();
    expect(q.idleWork).toBe(0);
    await f.releaseAll();
    await a;
    expect(f.log).toEqual(['a']);
  });
});

describe('QueryQueue, background work', () => {
  it('runs each piece only while no query is asked for, before work ahead, and gives its result', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const a = q.run('a', f.query('a'));
    q.runWhenIdle([{ key: 'ahead', execute: f.query('ahead') }]);
    const slice1 = q.inBackground(f.query('slice1'));
    const slice2 = q.inBackground(f.query('slice2'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['a']); // nothing in the background while 'a' is asked for
    await f.releaseAll();
    expect(await a).toEqual([{ name: 'a' }]);
    expect(await slice1).toEqual([{ name: 'slice1' }]);
    await slice2;
    expect(f.log).toEqual(['a', 'slice1', 'slice2', 'ahead']);
    expect(q.peek('slice1')).toBeUndefined(); // not an answer: nothing kept
  });

  it('a click asked during a piece runs right after it, before the next piece', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const pieces = [q.inBackground(f.query('p1')), q.inBackground(f.query('p2'))];
    await new Promise((r) => setTimeout(r, 0));
    expect(f.log).toEqual(['p1']);
    const click = q.run('click', f.query('click'));
    await f.releaseAll();
    await Promise.all([click, ...pieces]);
    expect(f.log).toEqual(['p1', 'click', 'p2']);
  });

  it('goes on while answer reuse is paused (the benchmark), and passes a failure to its caller only', async () => {
    const q = new QueryQueue();
    const f = fakeQueries();
    const resume = q.pause();
    const failed = q.inBackground(() => Promise.reject(new Error('disk full')));
    const next = q.inBackground(f.query('next'));
    await expect(failed).rejects.toThrow('disk full');
    await f.releaseAll();
    expect(await next).toEqual([{ name: 'next' }]);
    resume();
  });
});

describe('QueryQueue memory', () => {
  it('forgets the oldest answers once the kept rows pass the limit', async () => {
    const q = new QueryQueue(300, 5000, 50_000, 60, 10);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));
    await q.run('a', async () => rows(4));
    await q.run('b', async () => rows(4));
    expect(q.peek('a')).toHaveLength(4);
    await q.run('c', async () => rows(4)); // 12 rows > 10: the least recently used ('b') goes
    expect(q.peek('b')).toBeUndefined();
    expect(q.peek('a')).toHaveLength(4);
    expect(q.peek('c')).toHaveLength(4);
  });
});
