/**
 * The computing half of a threshold-graph class run (class-run-graph.ts reads the workspace and saves the record):
 * pretreatment, the threshold graph built whole or extended (shared/linking/sparse-classes.ts), class ids carried
 * over from the previous run by the Jaccard rule on the samples both runs hold, and the class summaries. Pure: no workspace, no database, so it runs
 * in the app's engine worker and in the CLI's process alike (engine.ts, request kind 'graph-classes'), with progress
 * and Cancel. O(n² p) time when built whole, O(n · new · p) when extended; O(edges + largest component²) memory.
 */
import { extendClasses, sparseClasses, type SparseClasses } from '../linking/sparse-classes';
import type { LinkRunner } from '../linking/link-search';
import { DEFAULT_CLASS_ID_RULE, stableClassIds } from '../profiling/class-ids';
import type { LinkageMethod } from '../profiling/linkage';
import { pretreat, type ColumnScaling, type Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { PreviousAssignment } from './class-run-compute';
import { distancesToClassMean, summariseClasses, type ClassFacts, type ClassSummary } from './class-summary';

/** The graph run a new one extends: its labels and components over the first `from` rows (its samples, in its order). */
export interface GraphExtension {
  from: number;
  labels: Int32Array;
  component: Int32Array;
  edges: number;
  largestComponent: number;
}

export interface GraphClassesInput {
  /** Raw signatures; when extending, the extended run's samples first, in its order, then the new ones. */
  matrix: SignatureMatrix;
  facts: ClassFacts;
  pretreatment: Pretreatment;
  score: Score;
  linkage: LinkageMethod;
  /** Cut distance, in the score's units. */
  threshold: number;
  logOffset: number;
  /** A calibration's fixed column scaling (N+S, autoscale), else null (fitted on the matrix). */
  scaling: ColumnScaling | null;
  /** Distance that maps to 0 on the 0–100 scale of the summaries' cohesion. */
  referenceDistance: number;
  /** Bytes a component's own clustering may use. */
  maxBytes: number;
  /** Jaccard above which a class keeps the previous run's id. */
  minJaccard: number;
  extend: GraphExtension | null;
  /** The previous run (of either method), for stable ids; null when there is none. */
  previous: PreviousAssignment | null;
}

export interface GraphClassesComputation {
  classIds: Int32Array;
  distanceToMean: Float64Array;
  classes: ClassSummary[];
  retired: number[];
  /** Per retired id: the class ids now holding its samples (class-ids.ts). */
  retiredInto: number[][];
  nextClassId: number;
  classCount: number;
  singletons: number;
  /** Each sample's component: the first sample of it in the matrix's order. */
  component: Int32Array;
  edges: number;
  components: number;
  largestComponent: number;
  /** Components clustered again by the extension (0 when built whole). */
  touched: number;
}

export interface GraphComputeOptions {
  runner?: LinkRunner;
  /** Stage ('threshold graph', 'summaries') and fraction. */
  onProgress?: (stage: string, fraction: number) => void;
  signal?: AbortSignal;
}

/** Classes from the threshold graph (built whole or extended), with ids and summaries; see the module doc. */
export async function computeGraphClasses(input: GraphClassesInput, options: GraphComputeOptions = {}): Promise<GraphClassesComputation> {
  const { matrix, score, linkage, threshold } = input;
  const pre = pretreat(matrix, input.pretreatment, { logOffset: input.logOffset, scaling: input.scaling ?? undefined });
  const sparseOptions = { runner: options.runner, signal: options.signal, maxBytes: input.maxBytes, onProgress: (f: number) => options.onProgress?.('threshold graph', f) };
  const e = input.extend;
  let graph: SparseClasses & { touched?: number };
  if (e !== null) {
    const previous: SparseClasses = { labels: e.labels, component: e.component, edges: e.edges, largestComponent: e.largestComponent };
    graph = await extendClasses(pre, score, linkage, threshold, previous, e.from, sparseOptions);
  } else {
    graph = await sparseClasses(pre, score, linkage, threshold, sparseOptions);
  }
  options.onProgress?.('summaries', 0);

  const current = new Map(matrix.sampleIds.map((id, i) => [id, graph.labels[i]]));
  const prev = input.previous;
  const prevMap = new Map(prev ? prev.sampleIds.map((id, i) => [id, prev.classIds[i]]) : []);
  const stable = stableClassIds(prevMap, current, { minJaccard: input.minJaccard, nextId: prev?.nextClassId, rule: DEFAULT_CLASS_ID_RULE });
  const classIds = Int32Array.from(matrix.sampleIds, (id) => stable.classIds.get(id) ?? 0);
  const matches = new Map(stable.matches.map((m) => [m.classId, { previousClassId: m.previousClassId, jaccard: m.jaccard }]));
  const classes = summariseClasses(matrix, pre, score, classIds, input.facts, input.referenceDistance > 0 ? input.referenceDistance : 1, matches);
  const sizes = new Map<number, number>();
  for (const id of classIds) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  let singletons = 0;
  for (const n of sizes.values()) if (n === 1) singletons++;
  const distanceToMean = distancesToClassMean(pre, score, classIds);
  options.onProgress?.('summaries', 1);
  return {
    classIds,
    distanceToMean,
    classes,
    retired: stable.retired,
    retiredInto: stable.retiredInto,
    nextClassId: stable.nextId,
    classCount: sizes.size,
    singletons,
    component: graph.component,
    edges: graph.edges,
    components: new Set(graph.component).size,
    largestComponent: graph.largestComponent,
    touched: graph.touched ?? 0,
  };
}
