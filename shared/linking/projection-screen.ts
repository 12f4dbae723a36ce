/**
 * An exact screen for linking unit rows (Pearson, cosine). For unit vectors x, y: ‖x − y‖² = 2(1 − x·y) = 2d, and for
 * any unit direction v, |x·v − y·v| ≤ ‖x − y‖. So a pair can be within the threshold t only if its projections on v
 * differ by at most r = √(2t). Both sides are sorted by their projection on v (the stored profiles' leading principal
 * direction, by power iteration), and each range of stored rows is compared only with the new rows whose projection
 * lies within r of the range's (plus a margin far above rounding, 1e-9). No link is lost; the nearest stored row is
 * exact whenever it is a link, otherwise the nearest among the rows compared.
 *
 * The sorted stored rows are one copy (in a SharedArrayBuffer where there is one, so worker threads read it without
 * another copy). O(stored × p × 12) for the direction and projections, O(stored log stored) to sort.
 */
import type { PreparedRows } from '../profiling/scores';

export interface ProjectionOrder {
  stored: PreparedRows;
  fresh: PreparedRows;
  /** Original index of each sorted row. */
  storedIndex: Int32Array;
  freshIndex: Int32Array;
  /** The sorted new rows [from, to) that may link to sorted stored rows [from, to). */
  freshRange(from: number, to: number): [number, number];
}

const POWER_STEPS = 10;
const MARGIN = 1e-9;

/** The leading principal direction of the rows (uncentred), by power iteration from their mean. */
function direction(rows: PreparedRows): Float64Array {
  const { x, n, p } = rows;
  let v = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) v[c] += x[i * p + c];
  for (let step = 0; step < POWER_STEPS; step++) {
    let norm = 0;
    for (let c = 0; c < p; c++) norm += v[c] * v[c];
    if (!(norm > 0)) v.fill(1);
    norm = Math.sqrt(norm > 0 ? norm : p);
    for (let c = 0; c < p; c++) v[c] /= norm;
    const next = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += x[i * p + c] * v[c];
      for (let c = 0; c < p; c++) next[c] += s * x[i * p + c];
    }
    v = next;
  }
  let norm = 0;
  for (let c = 0; c < p; c++) norm += v[c] * v[c];
  norm = Math.sqrt(norm);
  if (!(norm > 0)) return new Float64Array(p).fill(1 / Math.sqrt(p));
  for (let c = 0; c < p; c++) v[c] /= norm;
  return v;
}

function sorted(rows: PreparedRows, v: Float64Array, shared: boolean): { rows: PreparedRows; index: Int32Array; q: Float64Array } {
  const { x, n, p } = rows;
  const proj = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += x[i * p + c] * v[c];
    proj[i] = s;
  }
  const index = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => proj[a] - proj[b] || a - b);
  const buffer = shared && typeof SharedArrayBuffer !== 'undefined' ? new SharedArrayBuffer(n * p * 8) : new ArrayBuffer(n * p * 8);
  const out = new Float64Array(buffer);
  const degenerate = new Uint8Array(n);
  const q = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = index[k];
    out.set(x.subarray(i * p, i * p + p), k * p);
    degenerate[k] = rows.degenerate[i];
    q[k] = proj[i];
  }
  return { rows: { score: rows.score, n, p, x: out, degenerate }, index, q };
}

/** Lower bound: first k with q[k] ≥ value. */
function lowerBound(q: Float64Array, value: number): number {
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (q[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sorted order of both sides, or null when the screen does not apply: another metric, or degenerate (constant)
 * rows, which are at distance 1 from everything whatever their projection.
 */
export function projectionOrder(stored: PreparedRows, fresh: PreparedRows, threshold: number): ProjectionOrder | null {
  if (stored.score !== 'pearson' && stored.score !== 'cosine') return null;
  if (!(threshold >= 0) || threshold >= 1 || stored.n === 0 || fresh.n === 0) return null;
  if (stored.degenerate.some((d) => d === 1) || fresh.degenerate.some((d) => d === 1)) return null;
  const v = direction(stored);
  const s = sorted(stored, v, true);
  const f = sorted(fresh, v, true);
  const r = Math.sqrt(2 * threshold) + MARGIN;
  return {
    stored: s.rows,
    fresh: f.rows,
    storedIndex: s.index,
    freshIndex: f.index,
    freshRange(from: number, to: number): [number, number] {
      return [lowerBound(f.q, s.q[from] - r), lowerBound(f.q, s.q[to - 1] + r + Number.MIN_VALUE)];
    },
  };
}
