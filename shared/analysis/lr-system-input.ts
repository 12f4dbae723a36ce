/**
 * What the LR system of a calibration is computed from, built from its population rule (pair-population.ts): the
 * cross-validation group of each sample (its value of the first linked-by column: the seizure, or the source when
 * the rule links by source; a sample with none is a group of its own), the linked group of each sample and the test
 * of an unlinked pair, exactly as the calibration pairs are formed.
 */
import { encodePopulation, isUnlinked, type PairPopulation } from '../profiling/pair-population';
import type { PairDistance, PairComparison } from '../profiling/pair-comparison';
import type { PairSet } from '../profiling/pairs';
import { prepareRows, type Score } from '../profiling/scores';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { LrSystemInput } from './lr-system-compute';

type Value = string | null | undefined;

const known = (v: Value): v is string => v !== null && v !== undefined && v !== '';

/** Codes of the tuple of `columns` per sample (−1 when any value is unknown). O(n·k). */
function tupleCodes(columns: ReadonlyArray<ReadonlyArray<Value>>, n: number): Int32Array {
  const out = new Int32Array(n);
  const ids = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (const c of columns) {
      const v = c[i];
      if (!known(v)) break;
      parts.push(v);
    }
    if (parts.length < columns.length) {
      out[i] = -1;
      continue;
    }
    const key = JSON.stringify(parts);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    out[i] = id;
  }
  return out;
}

/**
 * The LR system's input for a pretreated matrix, the chosen score, the calibration pairs and their population.
 * Samples are compared by their rows ('substitute'), unless `censored` gives the censored pair function, by which the
 * `distances` must then have been computed (pair-comparison.ts). O(n·k + n·p).
 */
export function lrSystemInput(
  pretreated: SignatureMatrix,
  score: Score,
  pairs: { linked: PairSet; unlinked: PairSet },
  distances: { linked: Float64Array; unlinked: Float64Array },
  population: PairPopulation,
  censored?: PairDistance,
): LrSystemInput {
  const n = pretreated.sampleIds.length;
  const first = tupleCodes([population.linked[0]], n);
  const cvGroup = new Int32Array(n);
  let own = 0;
  for (let i = 0; i < n; i++) cvGroup[i] = first[i] >= 0 ? first[i] : n + own++;
  const e = encodePopulation(population);
  const comparison: PairComparison = censored ? 'censored' : 'substitute';
  return {
    comparison,
    compare: censored ?? prepareRows(pretreated.values, n, pretreated.compounds.length, score),
    pairs,
    distances,
    cvGroup,
    linkedKey: e.linkedKey,
    unlinkedPair: (i, j) => isUnlinked(e, i, j),
  };
}
