/**
 * Generated collections of the sample generator's model (samples/generator/world.ts: sources → cases → seizures →
 * samples) as signature matrices with their truth, for the accuracy checks: each source one production batch, so
 * that the true classes are the sources; seizure-level variation on.
 */
import { MARKERS, UNKNOWN_PEAK } from '../../../samples/generator/chemistry';
import { generateWorld } from '../../../samples/generator/world';
import { DEFAULT_NON_DETECT_RULE } from '../../../shared/profiling/non-detects';
import { signatureMatrixFromRows, withNonDetectRule, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { cutAtDistance } from '../../../shared/profiling/cut-tree';
import { linkage } from '../../../shared/profiling/linkage';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { thresholdAtFpr } from '../../../shared/profiling/roc';
import { condensedDistances } from '../../../shared/profiling/scores';
import { adjustedRandIndex } from './cluster-metrics';
import type { ResultRow, SampleRow } from './make-workspace';

export interface CollectionOptions {
  sources: number;
  seed: number;
  /** log10 sd between seizures of a source and between samples of a seizure. */
  seizure: number;
  sample: number;
  /** Detection limit, counts. */
  lodArea: number;
  /** Cases per source; default 4. */
  casesPerSource?: number;
}

export interface Collection {
  matrix: SignatureMatrix;
  seizure: string[];
  caseId: string[];
  source: string[];
  /** The same samples as workspace rows (make-workspace.ts addRows): metadata, and one result per compound. */
  rows: { samples: SampleRow[]; results: ResultRow[] };
}

/** The production signature (route markers and the unknown peak) of a generated collection. */
export function worldCollection(o: CollectionOptions): Collection {
  const w = generateWorld(o.seed, {
    cases: Math.round(o.sources * (o.casesPerSource ?? 4)),
    quebecShare: 0,
    sources: o.sources,
    batchesPerSource: 1,
    spread: { seizure: o.seizure, sample: o.sample },
    lodArea: o.lodArea,
  });
  const compounds = [...MARKERS.map((m) => m.name), UNKNOWN_PEAK.name];
  const rows = w.map((s) => compounds.map((c) => s.peaks.find((p) => p.name === c)?.area ?? null));
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return {
    matrix: signatureMatrixFromRows(w.map((s) => s.sampleId), compounds, rows),
    seizure: w.map((s) => s.seizureId),
    caseId: w.map((s) => s.caseId),
    source: w.map((s) => s.source),
    rows: {
      samples: w.map((s) => ({ sample_id: s.sampleId, seizure_id: s.seizureId, case_id: s.caseId, seized_on: iso(s.seizedOn), region: s.place.region, city: s.place.city, main_drug: 'fentanyl' })),
      results: w.flatMap((s, i) => compounds.map((c, k) => ({ sample_id: s.sampleId, compound_raw: c, area: rows[i][k] }))),
    },
  };
}

/**
 * The collection's matrix as a new calibration or class run in the workspace reads it: non-detects under the default
 * rule (LOD/2, shared/profiling/non-detects.ts), the collection read as one results batch. `matrix` keeps them at 0.
 */
export function workspaceMatrix(c: Collection): SignatureMatrix {
  return withNonDetectRule(c.matrix, DEFAULT_NON_DETECT_RULE);
}

/**
 * The textbook pipeline's ARI against the sources: N^1/4 + Pearson, average linkage, 2.5 % FPR on different-case
 * pairs (Popovic et al.), on the matrix the workspace would read (workspaceMatrix).
 */
export function textbookAri(c: Collection): number {
  const pairs = buildPairs(simplePopulation(c.seizure, c.caseId));
  const x = pretreat(workspaceMatrix(c), 'fourth-root');
  const t = thresholdAtFpr(pairDistances(x, 'pearson', pairs.linked), pairDistances(x, 'pearson', pairs.unlinked), 0.025).threshold;
  return adjustedRandIndex(cutAtDistance(linkage(condensedDistances(x, 'pearson'), 'average'), t), c.source);
}
