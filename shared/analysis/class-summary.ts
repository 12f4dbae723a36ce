/**
 * What an investigator reads about a chemical class: its members, first and last seen, regions, cases, mean
 * signature and how tight it is, plus each sample's distance to its class mean (a sample far from it is the one
 * to look at twice).
 */
import { pretreatValues } from '../profiling/pretreatment';
import { prepareRows, rowDistance, toScore100, type Score } from '../profiling/scores';
import { effectiveValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { mulberry32 } from '../profiling/util/rng';

/** Facts per sample, in matrix order, that class summaries draw on. */
export interface ClassFacts {
  seizureId: (string | null)[];
  caseId: (string | null)[];
  /** ISO dates (YYYY-MM-DD). */
  seizedOn: (string | null)[];
  region: (string | null)[];
}

export interface ClassSummary {
  classId: number;
  size: number;
  /** Sample ids, ascending. */
  members: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** Regions with their sample counts, most samples first. */
  regions: { region: string; samples: number }[];
  cases: string[];
  seizures: number;
  /** Mean share of the total target area per compound (N pretreatment), in matrix column order. */
  meanSignature: number[];
  /** Mean distance between two members, in the score's units. */
  cohesion: number;
  /** The same on the 0–100 scale (toScore100), 0 = identical. */
  cohesion100: number;
  /** The previous run's class whose id this one kept (null: new id), and their Jaccard index. */
  previousClassId: number | null;
  jaccard: number;
}

/** Within-class pairs beyond which cohesion is estimated from a seeded sample of this many pairs. */
export const MAX_COHESION_PAIRS = 2_000_000;

/** Per-sample distance to its class's mean pretreated signature (0 for a class of one). O(n·p). */
export function distancesToClassMean(pre: SignatureMatrix, score: Score, classIds: Int32Array): Float64Array {
  const n = pre.sampleIds.length;
  const p = pre.compounds.length;
  const sums = new Map<number, { sum: Float64Array; size: number }>();
  for (let i = 0; i < n; i++) {
    let s = sums.get(classIds[i]);
    if (!s) sums.set(classIds[i], (s = { sum: new Float64Array(p), size: 0 }));
    for (let c = 0; c < p; c++) s.sum[c] += pre.values[i * p + c];
    s.size++;
  }
  const out = new Float64Array(n);
  const pair = new Float64Array(2 * p);
  for (let i = 0; i < n; i++) {
    const s = sums.get(classIds[i]) as { sum: Float64Array; size: number };
    if (s.size < 2) continue;
    pair.set(pre.values.subarray(i * p, i * p + p));
    for (let c = 0; c < p; c++) pair[p + c] = s.sum[c] / s.size;
    out[i] = rowDistance(prepareRows(pair, 2, p, score), 0, 1);
  }
  return out;
}

function meanPairDistance(rows: ReturnType<typeof prepareRows>, members: number[], seed: number): number {
  const m = members.length;
  const all = (m * (m - 1)) / 2;
  let total = 0;
  if (all <= MAX_COHESION_PAIRS) {
    for (let a = 0; a < m - 1; a++) for (let b = a + 1; b < m; b++) total += rowDistance(rows, members[a], members[b]);
    return total / all;
  }
  const rng = mulberry32(seed);
  for (let k = 0; k < MAX_COHESION_PAIRS; k++) {
    const a = rng.nextInt(m);
    let b = rng.nextInt(m - 1);
    if (b >= a) b++;
    total += rowDistance(rows, members[a], members[b]);
  }
  return total / MAX_COHESION_PAIRS;
}

/**
 * Summaries of every class with at least `minSize` members (default 2: a class of one is an unlinked sample), by
 * class id. Cohesion is exact up to MAX_COHESION_PAIRS pairs per class, else a seeded estimate. O(Σ size²·p).
 */
export function summariseClasses(
  raw: SignatureMatrix,
  pre: SignatureMatrix,
  score: Score,
  classIds: Int32Array,
  facts: ClassFacts,
  referenceDistance: number,
  matches: ReadonlyMap<number, { previousClassId: number | null; jaccard: number }>,
  minSize = 2,
): ClassSummary[] {
  const n = raw.sampleIds.length;
  const p = raw.compounds.length;
  const shares = pretreatValues(effectiveValues(raw), n, p, 'n');
  const rows = prepareRows(pre.values, n, p, score);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(classIds[i]);
    if (list) list.push(i);
    else byClass.set(classIds[i], [i]);
  }
  const out: ClassSummary[] = [];
  for (const id of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(id) as number[];
    if (members.length < minSize) continue;
    const mean = new Array<number>(p).fill(0);
    const regions = new Map<string, number>();
    const cases = new Set<string>();
    const seizures = new Set<string>();
    let first: string | null = null;
    let last: string | null = null;
    for (const i of members) {
      for (let c = 0; c < p; c++) mean[c] += shares[i * p + c] / members.length;
      const r = facts.region[i];
      if (r) regions.set(r, (regions.get(r) ?? 0) + 1);
      if (facts.caseId[i]) cases.add(facts.caseId[i] as string);
      if (facts.seizureId[i]) seizures.add(facts.seizureId[i] as string);
      const d = facts.seizedOn[i];
      if (d && (first === null || d < first)) first = d;
      if (d && (last === null || d > last)) last = d;
    }
    const cohesion = members.length > 1 ? meanPairDistance(rows, members, id) : 0;
    const match = matches.get(id);
    out.push({
      classId: id,
      size: members.length,
      members: members.map((i) => raw.sampleIds[i]),
      firstSeen: first,
      lastSeen: last,
      regions: [...regions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([region, samples]) => ({ region, samples })),
      cases: [...cases].sort(),
      seizures: seizures.size,
      meanSignature: mean,
      cohesion,
      cohesion100: toScore100(cohesion, score, referenceDistance),
      previousClassId: match?.previousClassId ?? null,
      jaccard: match?.jaccard ?? 0,
    });
  }
  return out;
}
