/**
 * Condensed distance storage, in scipy.spatial.distance.pdist order: pairs (0,1), (0,2) … (0,n−1), (1,2) …
 * Only the n(n−1)/2 upper-triangle entries are kept, in one Float64Array, never an n×n matrix.
 */

/** Number of pairs n(n−1)/2 among n samples. */
export function condensedLength(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Position of pair (i, j), i ≠ j, in the condensed array (scipy's condensed_index). O(1). */
export function condensedIndex(n: number, i: number, j: number): number {
  if (i < j) return n * i - (i * (i + 1)) / 2 + (j - i - 1);
  if (i > j) return n * j - (j * (j + 1)) / 2 + (i - j - 1);
  throw new RangeError('a sample has no distance to itself in condensed form');
}

/** Number of samples n for a condensed array of length m (scipy's num_obs_y); throws if m is not n(n−1)/2. */
export function samplesFromCondensedLength(m: number): number {
  const n = Math.round((1 + Math.sqrt(1 + 8 * m)) / 2);
  if ((n * (n - 1)) / 2 !== m) throw new RangeError(`${m} is not the length of a condensed distance array`);
  return n;
}

/**
 * Row offsets such that the pair (i, j) with i < j sits at `offsets[i] + j`; lets hot loops find an entry with
 * one addition. O(n) time and memory.
 */
export function condensedRowOffsets(n: number): Float64Array {
  const off = new Float64Array(n);
  for (let i = 0; i < n; i++) off[i] = n * i - (i * (i + 1)) / 2 - i - 1;
  return off;
}
