/** Softmax and argmax over the rows of small row-major score matrices. */

/** Replaces each row of a row-major n×g matrix by its softmax (max-subtracted, so no overflow). O(n·g). */
export function softmaxRows(x: Float64Array, n: number, g: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * g;
    let max = -Infinity;
    for (let k = 0; k < g; k++) if (x[o + k] > max) max = x[o + k];
    let s = 0;
    for (let k = 0; k < g; k++) {
      x[o + k] = Math.exp(x[o + k] - max);
      s += x[o + k];
    }
    for (let k = 0; k < g; k++) x[o + k] /= s;
  }
}

/** Index of the largest entry of row i (the first one on a tie, as numpy.argmax). O(g). */
export function argmaxRow(x: ArrayLike<number>, i: number, g: number): number {
  let best = 0;
  for (let k = 1; k < g; k++) if (x[i * g + k] > x[i * g + best]) best = k;
  return best;
}
