/**
 * The linking kernel: every new profile against a range of stored profiles, keeping the pairs within the link
 * threshold and each new profile's nearest stored one. Both sides are rows prepared for one metric (scores.ts
 * prepareRows). Each pair is summed in compound order with one accumulator, as scores.ts's pair kernels do, so a link
 * found here has the very distance (to the last bit) that the brute-force reference `rowDistance` gives.
 *
 * Self-contained on purpose (no imports, no closures): node/linking/link-pool.ts ships this function's source to
 * worker threads. Blocked 2 new × 4 stored rows for the dot-product metrics (each load shared by eight pairs);
 * O(new × (to − from) × p) time, O(links) extra memory.
 */

/** What one call returns: the links (new index, stored index, distance) and the nearest stored row per new row. */
export interface LinkBlockResult {
  newIndex: number[];
  storedIndex: number[];
  distance: number[];
  /** Per new row: nearest stored row in the range (−1 if none) and its distance (Infinity if none). */
  nearest: Int32Array;
  nearestDistance: Float64Array;
}

/**
 * Links of new rows `fresh` (n × p) against stored rows [from, to) of `stored`, for metric `score` (pearson and
 * cosine on unit rows, flagged rows degenerate: distance 1), keeping d ≤ threshold.
 */
export function linkBlock(
  stored: Float64Array,
  storedDegenerate: Uint8Array,
  fresh: Float64Array,
  freshDegenerate: Uint8Array,
  p: number,
  score: string,
  threshold: number,
  from: number,
  to: number,
): LinkBlockResult {
  const n = fresh.length / p;
  const out: LinkBlockResult = { newIndex: [], storedIndex: [], distance: [], nearest: new Int32Array(n).fill(-1), nearestDistance: new Float64Array(n).fill(Infinity) };
  const keep = (i: number, j: number, d: number): void => {
    if (d <= threshold) {
      out.newIndex.push(i);
      out.storedIndex.push(j);
      out.distance.push(d);
    }
    if (d < out.nearestDistance[i] || (d === out.nearestDistance[i] && j < out.nearest[i])) {
      out.nearestDistance[i] = d;
      out.nearest[i] = j;
    }
  };
  const dot = score === 'pearson' || score === 'cosine';
  const pair = (a: number, b: number): number => {
    let s = 0;
    if (score === 'euclidean') {
      for (let c = 0; c < p; c++) {
        const t = fresh[a + c] - stored[b + c];
        s += t * t;
      }
      return Math.sqrt(s);
    }
    if (score === 'manhattan') {
      for (let c = 0; c < p; c++) s += Math.abs(fresh[a + c] - stored[b + c]);
      return s;
    }
    if (score === 'canberra') {
      for (let c = 0; c < p; c++) {
        const u = fresh[a + c];
        const v = stored[b + c];
        const den = Math.abs(u) + Math.abs(v);
        if (den > 0) s += Math.abs(u - v) / den;
      }
      return s;
    }
    for (let c = 0; c < p; c++) s += fresh[a + c] * stored[b + c];
    return 1 - (s > 1 ? 1 : s < -1 ? -1 : s);
  };
  const nearest = out.nearest;
  const nearestDistance = out.nearestDistance;
  const links = (r: number, j: number, d: number): void => {
    if (d <= threshold) {
      out.newIndex.push(r);
      out.storedIndex.push(j);
      out.distance.push(d);
    }
  };
  let i = 0;
  if (dot) {
    for (; i + 1 < n; i += 2) {
      const a0 = i * p;
      const a1 = a0 + p;
      const deg0 = freshDegenerate[i] === 1;
      const deg1 = freshDegenerate[i + 1] === 1;
      // The nearest so far of rows i and i + 1, in locals: the common case (neither a link nor nearer) costs two compares.
      let best0 = Infinity;
      let best1 = Infinity;
      let at0 = -1;
      let at1 = -1;
      let j = from;
      for (; j + 3 < to; j += 4) {
        const b0 = j * p;
        const b1 = b0 + p;
        const b2 = b1 + p;
        const b3 = b2 + p;
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let c = 0; c < p; c++) {
          const u0 = fresh[a0 + c];
          const u1 = fresh[a1 + c];
          const v0 = stored[b0 + c];
          const v1 = stored[b1 + c];
          const v2 = stored[b2 + c];
          const v3 = stored[b3 + c];
          s00 += u0 * v0;
          s10 += u1 * v0;
          s01 += u0 * v1;
          s11 += u1 * v1;
          s02 += u0 * v2;
          s12 += u1 * v2;
          s03 += u0 * v3;
          s13 += u1 * v3;
        }
        // A pair matters only if 1 − s is within the threshold or below the nearest so far: a cheap screen on s with a
        // margin far above rounding (1e-9), the exact decision on d itself below.
        const lim0 = 1 - (threshold > best0 ? threshold : best0) - 1e-9;
        const lim1 = 1 - (threshold > best1 ? threshold : best1) - 1e-9;
        if (s00 >= lim0 || s01 >= lim0 || s02 >= lim0 || s03 >= lim0 || deg0 || storedDegenerate[j] + storedDegenerate[j + 1] + storedDegenerate[j + 2] + storedDegenerate[j + 3] > 0) {
          const ds = [s00, s01, s02, s03];
          for (let k = 0; k < 4; k++) {
            const sk = ds[k];
            const d = deg0 || storedDegenerate[j + k] === 1 ? 1 : 1 - (sk > 1 ? 1 : sk < -1 ? -1 : sk);
            links(i, j + k, d);
            if (d < best0) {
              best0 = d;
              at0 = j + k;
            }
          }
        }
        if (s10 >= lim1 || s11 >= lim1 || s12 >= lim1 || s13 >= lim1 || deg1 || storedDegenerate[j] + storedDegenerate[j + 1] + storedDegenerate[j + 2] + storedDegenerate[j + 3] > 0) {
          const ds = [s10, s11, s12, s13];
          for (let k = 0; k < 4; k++) {
            const sk = ds[k];
            const d = deg1 || storedDegenerate[j + k] === 1 ? 1 : 1 - (sk > 1 ? 1 : sk < -1 ? -1 : sk);
            links(i + 1, j + k, d);
            if (d < best1) {
              best1 = d;
              at1 = j + k;
            }
          }
        }
      }
      nearest[i] = at0;
      nearestDistance[i] = best0;
      nearest[i + 1] = at1;
      nearestDistance[i + 1] = best1;
      for (; j < to; j++) {
        const degenerateJ = storedDegenerate[j] === 1;
        keep(i, j, deg0 || degenerateJ ? 1 : pair(a0, j * p));
        keep(i + 1, j, deg1 || degenerateJ ? 1 : pair(a1, j * p));
      }
    }
  }
  for (; i < n; i++) {
    for (let j = from; j < to; j++) {
      keep(i, j, dot && (freshDegenerate[i] === 1 || storedDegenerate[j] === 1) ? 1 : pair(i * p, j * p));
    }
  }
  return out;
}
