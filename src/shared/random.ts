/**
 * Seeded random numbers: the same seed gives the same initial weights, synthetic faces, shuffles,
 * flips and test data on every machine and backend (Math.random cannot be seeded, and tfjs's own
 * seeded ops differ between backends).
 *
 * One uniform stream, mulberry32 (32-bit state, period 2^32), under everything:
 * - `mulberry32(seed)`: the bare stream, uniform in [0, 1);
 * - `createRandom(seed)`: the stream with helpers (ranges, integers, coin flips, picks, normals);
 * - `seededGaussian(count, seed)`: a Float32Array of N(mean, std^2) samples in pairs.
 * The three normal samplers are different Box-Muller variants on purpose: each fixes a stream
 * that saved models, the synthetic data set and published tables were made with, so none may
 * change (see each one).
 * `hashSeed` and `hashString` derive seeds from numbers and names.
 */

/** The bare mulberry32 stream: uniform in [0, 1), 2^-32 resolution, fully determined by the seed. */
export function mulberry32(seed: number): () => number {
  return stream(seed).next;
}

/** A seeded generator; every method draws from one mulberry32 stream, in call order. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi); with no arguments the same number as next(). */
  uniform(lo?: number, hi?: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /**
   * Standard normal, unclipped: Box-Muller cosine branch on u = 1 - next() (so the logarithm stays
   * finite), then v = next(); two draws per sample. The weight initialisers' stream.
   */
  normal(): number;
  /**
   * Normal with the given mean and standard deviation, clipped to +-3 sd: Box-Muller cosine branch
   * on u = max(next(), 1e-12), then next(); two draws per sample. The synthetic faces' stream.
   */
  clippedNormal(mean: number, sd: number): number;
  /** The 32-bit state, to continue the same stream later (createRandom(state) resumes it). */
  state(): number;
}

/** A generator for an integer seed (any 32-bit value; taken modulo 2^32). */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new Error(`seed: expected an integer, but got ${seed}`);
  const { next, state } = stream(seed);
  return {
    next,
    state,
    uniform: (lo = 0, hi = 1) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    clippedNormal: (mean, sd) => {
      const u = Math.max(next(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return mean + sd * Math.max(-3, Math.min(3, z));
    },
  };
}

/**
 * `count` deterministic N(mean, std^2) samples as float32: Box-Muller on u1 = max(next(),
 * Number.MIN_VALUE) and u2 = next(), both branches (cosine to even, sine to odd elements). The
 * quantizer tests, benchmarks and the occupancy tables of docs/quantization.md use this stream.
 */
export function seededGaussian(count: number, seed: number, std = 1, mean = 0): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = Math.max(next(), Number.MIN_VALUE);
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = mean + std * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) out[i + 1] = mean + std * r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/** Mixes any number of integers into one 32-bit seed (order matters). */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A 32-bit FNV-1a hash of a string (stable split assignment by file name). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32 with its state exposed. */
function stream(seed: number): { next: () => number; state: () => number } {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, state: () => s };
}
