/**
 * Inner kernels of the comparison metrics on row-major Float64Array signatures (definitions in scores.ts).
 * Every pair is summed in compound order with one accumulator, in the pair kernels and the blocked kernels alike,
 * so a single pair and the full condensed array agree bit for bit.
 */

/** 1 − (a·b) for unit rows at offsets a, b, clipped to [0, 2]. O(p). */
export function oneMinusDot(x: Float64Array, a: number, b: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) s += x[a + c] * x[b + c];
  return 1 - (s > 1 ? 1 : s < -1 ? -1 : s);
}

/** Euclidean distance of rows at offsets a, b. O(p). */
export function euclidean(x: Float64Array, a: number, b: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) {
    const d = x[a + c] - x[b + c];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Manhattan (city-block) distance of rows at offsets a, b. O(p). */
export function manhattan(x: Float64Array, a: number, b: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) s += Math.abs(x[a + c] - x[b + c]);
  return s;
}

/** Canberra distance of rows at offsets a, b; 0/0 terms count 0 (as scipy). O(p). */
export function canberra(x: Float64Array, a: number, b: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) {
    const u = x[a + c];
    const v = x[b + c];
    const den = Math.abs(u) + Math.abs(v);
    if (den > 0) s += Math.abs(u - v) / den;
  }
  return s;
}
