/**
 * Precursor profile of a chemical class: which precursors its samples hold and in what proportion (shares of the
 * precursors' total area, from each sample's normalised signature, averaged over the members), set beside each
 * route's profile, from the library and, when the lab has them, from its reference samples, by cosine similarity.
 */
import { detectedValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { columnsOf, type CompoundKey } from './compound-match';
import type { DrugLibrary } from './signature-library';

export interface PrecursorFound {
  readonly compound: string;
  /** Share of the class's precursor area (the shares sum to 1, or are all 0 when no precursor was detected). */
  readonly proportion: number;
  /** Members in which it was detected. */
  readonly detectedIn: number;
}

export interface RouteProfileMatch {
  readonly route: string;
  /** Cosine similarity (0 … 1) over the compounds both profiles can speak of; null when either is empty there. */
  readonly similarity: number | null;
  /** Compounds of the route's profile that the signature does not measure (left out of the similarity). */
  readonly notMeasured: readonly string[];
  /** 'library' (its proportions may be assumptions) or 'references' (the mean of the lab's reference samples). */
  readonly origin: 'library' | 'references';
}

export interface PrecursorProfile {
  readonly members: number;
  readonly compounds: readonly PrecursorFound[];
  /** Mean share of the total target area that the precursors make up. */
  readonly precursorFraction: number;
  /** Route profiles, most similar first. */
  readonly routes: readonly RouteProfileMatch[];
}

/** Columns that are precursors: the named precursor compounds and every compound of the drug's route profiles, if measured. */
export function precursorColumns(compounds: readonly string[], precursorNames: readonly string[], drug: DrugLibrary, key?: CompoundKey): Int32Array {
  const names = [...precursorNames, ...drug.routes.flatMap((r) => r.precursors.map((c) => c.compound))];
  return Int32Array.from(new Set(columnsOf(compounds, names, key).filter((c) => c >= 0))).sort();
}

/** Mean precursor shares over `rows` (normalised signatures, restricted to `cols`). O(rows·p). */
export function meanPrecursorShares(values: Float64Array, p: number, rows: ArrayLike<number>, cols: Int32Array): { shares: Float64Array; fraction: number; detected: Int32Array } {
  const acc = new Float64Array(cols.length);
  const detected = new Int32Array(cols.length);
  for (let t = 0; t < rows.length; t++) {
    const o = rows[t] * p;
    let total = 0;
    for (let c = 0; c < p; c++) if (values[o + c] > 0) total += values[o + c];
    if (total <= 0) continue;
    cols.forEach((c, k) => {
      if (values[o + c] > 0) {
        acc[k] += values[o + c] / total / rows.length;
        detected[k]++;
      }
    });
  }
  let fraction = 0;
  for (const v of acc) fraction += v;
  const shares = acc.map((v) => (fraction > 0 ? v / fraction : 0));
  return { shares, fraction, detected };
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : null;
}

/**
 * The precursor profile of the class `members` (matrix rows) beside the drug's library route profiles and the
 * measured reference profiles per route (`referenceRows`: route id → reference rows). O(members·p + routes·p).
 */
export function precursorProfile(
  matrix: SignatureMatrix,
  members: ArrayLike<number>,
  cols: Int32Array,
  drug: DrugLibrary,
  referenceRows: ReadonlyMap<string, ArrayLike<number>> = new Map(),
  key?: CompoundKey,
  values: Float64Array = detectedValues(matrix),
): PrecursorProfile {
  const p = matrix.compounds.length;
  const own = meanPrecursorShares(values, p, members, cols);
  const matches: RouteProfileMatch[] = [];
  for (const r of drug.routes) {
    if (r.precursors.length === 0) continue;
    const at = columnsOf(matrix.compounds, r.precursors.map((c) => c.compound), key);
    const expected = new Float64Array(cols.length);
    const notMeasured: string[] = [];
    r.precursors.forEach((c, k) => {
      const pos = at[k] < 0 ? -1 : cols.indexOf(at[k]);
      if (pos < 0) notMeasured.push(c.compound);
      else expected[pos] += c.proportion;
    });
    matches.push({ route: r.id, similarity: cosine(own.shares, expected), notMeasured, origin: 'library' });
  }
  for (const [route, rows] of referenceRows) {
    if (rows.length === 0) continue;
    matches.push({ route, similarity: cosine(own.shares, meanPrecursorShares(values, p, rows, cols).shares), notMeasured: [], origin: 'references' });
  }
  matches.sort((a, b) => (b.similarity ?? -1) - (a.similarity ?? -1));
  return {
    members: members.length,
    compounds: Array.from(cols, (c, k) => ({ compound: matrix.compounds[c], proportion: own.shares[k], detectedIn: own.detected[k] })),
    precursorFraction: own.fraction,
    routes: matches,
  };
}
