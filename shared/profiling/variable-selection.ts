/**
 * Which compounds are worth keeping in a signature (harmonised amphetamine profiling, Andersson et al. 2007): present
 * in most samples, varying more between seizures than within one, and not strongly correlated with another
 * (|r| > 0.7 flagged).
 */
import { detectedValues, effectiveValues, type SignatureMatrix } from './signature-matrix';
import { pretreatValues, type Pretreatment } from './pretreatment';
import { columnCorrelation } from './util/stats';

export interface CompoundAssessment {
  readonly compound: string;
  /** Share of samples in which the compound was detected (area > 0 and not flagged nd). */
  readonly presenceRate: number;
  /** Mean relative sd (%) within seizures with ≥ 2 samples and a non-zero mean; NaN if there are none. */
  readonly withinRsd: number;
  /** Relative sd (%) of the seizure means; NaN with fewer than 2 seizures or a zero mean. */
  readonly betweenRsd: number;
  /** betweenRsd / withinRsd: > 1 means the compound tells seizures apart better than it varies within one. */
  readonly discrimination: number;
  /** Compounds correlated with this one beyond the limit. */
  readonly correlatedWith: string[];
  /** Suggested: presence ≥ minPresence and discrimination > 1 (or undefined for lack of replicate seizures). */
  readonly suggested: boolean;
}

export interface CorrelatedPair {
  readonly a: string;
  readonly b: string;
  readonly r: number;
}

export interface VariableSelectionOptions {
  /** Values compared: default 'n' (share of the total target area) so sample amount does not count. */
  readonly pretreatment?: Pretreatment;
  /** Minimal presence rate to suggest a compound; default 0.5 ("present in most samples"). */
  readonly minPresence?: number;
  /** |r| above which a pair is flagged; default 0.7 (Andersson et al. 2007). */
  readonly maxCorrelation?: number;
}

function rsd(sum: number, sumSq: number, count: number): number {
  const m = sum / count;
  if (count < 2 || m === 0) return Number.NaN;
  const v = Math.max(0, (sumSq - count * m * m) / (count - 1));
  return (100 * Math.sqrt(v)) / Math.abs(m);
}

/**
 * Per-compound presence, within- vs between-seizure variation and correlated pairs (|r| > 0.7). `groups` gives the
 * seizure of each sample ('' / null = unknown, left out of the variation figures). O(n·p²).
 */
export function assessVariables(
  matrix: SignatureMatrix,
  groups: ReadonlyArray<string | null | undefined>,
  options: VariableSelectionOptions = {},
): { compounds: CompoundAssessment[]; correlatedPairs: CorrelatedPair[] } {
  const n = matrix.sampleIds.length;
  const p = matrix.compounds.length;
  if (groups.length !== n) throw new RangeError('one seizure per sample is needed');
  const x = pretreatValues(effectiveValues(matrix), n, p, options.pretreatment ?? 'n');
  // Presence is detection: a non-detect's substitute (non-detects.ts) is not a presence.
  const raw = detectedValues(matrix);
  const minPresence = options.minPresence ?? 0.5;
  const maxCorrelation = options.maxCorrelation ?? 0.7;

  const groupIndex = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (g === null || g === undefined || g === '') continue;
    const list = groupIndex.get(g);
    if (list === undefined) groupIndex.set(g, [i]);
    else list.push(i);
  }
  const members = [...groupIndex.values()];

  const correlatedPairs: CorrelatedPair[] = [];
  const correlatedWith: string[][] = Array.from({ length: p }, () => []);
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      const r = columnCorrelation(x, n, p, a, b);
      if (Math.abs(r) > maxCorrelation) {
        correlatedPairs.push({ a: matrix.compounds[a], b: matrix.compounds[b], r });
        correlatedWith[a].push(matrix.compounds[b]);
        correlatedWith[b].push(matrix.compounds[a]);
      }
    }
  }

  const compounds: CompoundAssessment[] = [];
  for (let c = 0; c < p; c++) {
    let present = 0;
    for (let i = 0; i < n; i++) if (raw[i * p + c] > 0) present++;
    let withinSum = 0;
    let withinCount = 0;
    let meanSum = 0;
    let meanSq = 0;
    for (const list of members) {
      let s = 0;
      let ss = 0;
      for (const i of list) {
        const v = x[i * p + c];
        s += v;
        ss += v * v;
      }
      const r = rsd(s, ss, list.length);
      if (!Number.isNaN(r)) {
        withinSum += r;
        withinCount++;
      }
      const m = s / list.length;
      meanSum += m;
      meanSq += m * m;
    }
    const withinRsd = withinCount > 0 ? withinSum / withinCount : Number.NaN;
    const betweenRsd = rsd(meanSum, meanSq, members.length);
    const discrimination = withinRsd > 0 ? betweenRsd / withinRsd : Number.NaN;
    const presenceRate = n > 0 ? present / n : 0;
    compounds.push({
      compound: matrix.compounds[c],
      presenceRate,
      withinRsd,
      betweenRsd,
      discrimination,
      correlatedWith: correlatedWith[c],
      suggested: presenceRate >= minPresence && (Number.isNaN(discrimination) || discrimination > 1),
    });
  }
  return { compounds, correlatedPairs };
}
