/**
 * Deterministic pseudo-random numbers for sampling pairs and generating test data.
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, fast and
 * identical on every JavaScript engine, which keeps sampled calibrations reproducible.
 */

/** A seeded generator of uniform numbers in [0, 1). */
export interface Rng {
  /** Next uniform double in [0, 1) (32 bits of randomness). */
  next(): number;
  /** Next integer in [0, n) for n ≤ 2^32. */
  nextInt(n: number): number;
  /** Next standard normal deviate (Box–Muller, mean 0, sd 1). */
  nextNormal(): number;
}

/** mulberry32 generator; the same seed (any integer, default 1) always yields the same stream. */
export function mulberry32(seed = 1): Rng {
  let state = seed >>> 0;
  let spare = 0;
  let hasSpare = false;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    nextInt: (n: number): number => Math.floor(next() * n),
    nextNormal: (): number => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
