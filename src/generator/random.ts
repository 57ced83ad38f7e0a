/**
 * Seeded randomness for the generator. Math.random cannot be seeded, and the data sets must be
 * byte-for-byte reproducible from (orders, seed), so everything draws from these streams.
 */

/** splitmix32 step: spreads a 32-bit state so nearby seeds give unrelated streams. */
function splitmix32(state: number): number {
  let z = state | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Stateless 32-bit hash of an integer, for per-customer traits we do not want to store. */
export function hash32(x: number, salt: number): number {
  return splitmix32((Math.imul(x | 0, 0x9e3779b1) ^ salt) + 0x6d2b79f5);
}

/** hash32 mapped to [0, 1). */
export function hashUnit(x: number, salt: number): number {
  return hash32(x, salt) / 4294967296;
}

/** FNV-1a over the text, so string seeds and stream labels become 32-bit seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h);
}

/**
 * One independent stream per purpose (catalog, plans, orders): changing how many numbers one
 * part draws then does not reshuffle the others.
 */
export function streamSeed(seed: number | string, label: string): number {
  return hashString(`${seed}/${label}`);
}

/** sfc32: 128-bit state, fast in JS (32-bit integer ops only) and statistically solid. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return splitmix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32(); // warm up: the first outputs of sfc32 are weak
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Standard normal (Box-Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.float(); // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Index drawn from a Weighted table. */
  weighted(table: Weighted): number {
    const x = this.float() * table.total;
    const cum = table.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `count` distinct integers from [lo, hi), in random order (Floyd's algorithm, O(count)). */
  distinct(count: number, lo: number, hi: number): number[] {
    const n = hi - lo;
    if (count > n) throw new Error(`cannot draw ${count} distinct values from ${n}`);
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = n - count; j < n; j++) {
      const t = this.int(0, j);
      const v = chosen.has(t) ? j : t;
      chosen.add(v);
      out.push(lo + v);
    }
    return out;
  }
}

/** Cumulative weights for O(log n) weighted picks. */
export interface Weighted {
  cum: Float64Array;
  total: number;
}

export function weightedTable(weights: readonly number[]): Weighted {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i]!);
    cum[i] = total;
  }
  if (total <= 0) throw new Error('weighted table needs a positive weight');
  return { cum, total };
}

/** Picks one key of a {value: weight} record. */
export function pickWeighted<K extends string | number>(rng: Rng, entries: readonly (readonly [K, number])[]): K {
  let total = 0;
  for (const [, w] of entries) total += w;
  let x = rng.float() * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
