/**
 * Chemical classes without an n × n matrix, for collections beyond what a full clustering can hold (issue 15).
 *
 * Method: (1) the threshold graph: every pair of samples at distance ≤ t, found block by block (shared/linking:
 * O(n² p) time, O(edges) memory); (2) its connected components, which are exactly the classes of single linkage cut
 * at t; (3) within each component, the chosen linkage on the component's own condensed distances, cut at t.
 *
 * Equivalence: for single, complete, average and weighted linkage the distance between two clusters is never below
 * the smallest distance between their members (a minimum, maximum or weighted mean of member distances), so clusters
 * in different components (every cross pair > t) never merge below t; and the merges below t inside a component
 * depend on its members only. Cutting each component's tree at t therefore gives the classes of the full tree cut at
 * t, up to the order in which exact ties are merged. Not for Ward (its cluster distance can fall below every member
 * distance), which is refused. Memory: the largest component's condensed distances (checked like the full method).
 *
 * Incremental: a new batch only changes the components its samples link to; `extendClasses` re-clusters those and
 * keeps every other class as it was.
 */
import { searchLinks, type LinkRunner } from './link-search';
import { numberClasses } from '../profiling/class-ids';
import { condensedDistances, prepareRows, type Score } from '../profiling/scores';
import { cutAtDistance } from '../profiling/cut-tree';
import { assertClusteringFits, DEFAULT_MEMORY_BUDGET_BYTES, linkage, type LinkageMethod } from '../profiling/linkage';
import { createSignatureMatrix, type SignatureMatrix } from '../profiling/signature-matrix';

/** Linkages whose cut at t is exact on the threshold graph (see the module doc). */
export const SPARSE_LINKAGES: readonly LinkageMethod[] = ['single', 'complete', 'average', 'weighted'];

export interface SparseClasses {
  /** Class label per sample (1 = largest class), as numberClasses numbers a full cut. */
  labels: Int32Array;
  /** Component (of the threshold graph) per sample: the smallest sample index in it. */
  component: Int32Array;
  /** Pairs at distance ≤ t (each counted once) and the largest component's size. */
  edges: number;
  largestComponent: number;
}

export interface SparseOptions {
  runner?: LinkRunner;
  maxBytes?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/** Union-find over index pairs; component id = smallest member. O(pairs α(n)). */
export function unionComponents(n: number, a: ArrayLike<number>, b: ArrayLike<number>, parent = Int32Array.from({ length: n }, (_, i) => i)): Int32Array {
  for (let k = 0; k < a.length; k++) {
    const x = find(parent, a[k]);
    const y = find(parent, b[k]);
    if (x !== y) parent[x < y ? y : x] = x < y ? x : y;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = find(parent, i);
  return out;
}

/** Labels of the chosen linkage cut at t inside each listed component; other samples keep `into`'s labels. */
function clusterComponents(pre: SignatureMatrix, score: Score, method: LinkageMethod, t: number, component: Int32Array, which: Set<number>, into: Float64Array, maxBytes: number): void {
  const members = new Map<number, number[]>();
  component.forEach((c, i) => which.has(c) && members.set(c, [...(members.get(c) ?? []), i]));
  const p = pre.compounds.length;
  for (const [c, idx] of members) {
    if (idx.length === 1) {
      into[idx[0]] = c;
      continue;
    }
    assertClusteringFits(idx.length, method, maxBytes);
    const values = new Float64Array(idx.length * p);
    idx.forEach((r, k) => values.set(pre.values.subarray(r * p, r * p + p), k * p));
    const sub = createSignatureMatrix(idx.map((r) => pre.sampleIds[r]), pre.compounds, values);
    const cut = cutAtDistance(linkage(condensedDistances(sub, score), method, { maxBytes: Infinity }), t);
    // Labels unique across components: the component id, then the label within it.
    idx.forEach((r, k) => (into[r] = c + cut[k] / (idx.length + 1)));
  }
}

function checkMethod(method: LinkageMethod): void {
  if (!SPARSE_LINKAGES.includes(method)) throw new RangeError(`${method} linkage cannot be computed from the threshold graph (only ${SPARSE_LINKAGES.join(', ')}): use the full clustering`);
}

/** Classes of `pre` (pretreated) by `method` cut at distance t, from the threshold graph (see the module doc). */
export async function sparseClasses(pre: SignatureMatrix, score: Score, method: LinkageMethod, t: number, options: SparseOptions = {}): Promise<SparseClasses> {
  checkMethod(method);
  const n = pre.sampleIds.length;
  const rows = prepareRows(pre.values, n, pre.compounds.length, score);
  const g = await searchLinks(rows, rows, t, { runner: options.runner, onProgress: options.onProgress, signal: options.signal });
  const component = unionComponents(n, g.newIndex, g.storedIndex);
  const raw = new Float64Array(n);
  clusterComponents(pre, score, method, t, component, new Set(component), raw, options.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
  return { labels: numberClasses(raw), component, edges: (g.distance.length - n) / 2, largestComponent: largest(component) };
}

function largest(component: Int32Array): number {
  const size = new Map<number, number>();
  for (const c of component) size.set(c, (size.get(c) ?? 0) + 1);
  return Math.max(0, ...size.values());
}

/**
 * Adds samples [from, n) of `pre` to classes computed on [0, from): their links (to the earlier samples and among
 * themselves) join components; only the components they touch are clustered again. Returns labels for all samples
 * (raw: equal labels = one class; pass them through stableClassIds to keep ids).
 */
export async function extendClasses(pre: SignatureMatrix, score: Score, method: LinkageMethod, t: number, previous: SparseClasses, from: number, options: SparseOptions = {}): Promise<SparseClasses & { touched: number }> {
  checkMethod(method);
  const n = pre.sampleIds.length;
  const p = pre.compounds.length;
  const rows = prepareRows(pre.values, n, p, score);
  const part = (a: number, b: number) => ({ score, n: b - a, p, x: rows.x.subarray(a * p, b * p), degenerate: rows.degenerate.subarray(a, b) });
  const fresh = part(from, n);
  // Progress by pairs compared: new × earlier, then new × new.
  const share = from / Math.max(1, from + (n - from) / 2);
  const old = await searchLinks(part(0, from), fresh, t, { runner: options.runner, signal: options.signal, onProgress: (f) => options.onProgress?.(f * share) });
  const own = await searchLinks(fresh, fresh, t, { runner: options.runner, signal: options.signal, onProgress: (f) => options.onProgress?.(share + f * (1 - share)) });
  const parent = new Int32Array(n);
  for (let i = 0; i < from; i++) parent[i] = previous.component[i];
  for (let i = from; i < n; i++) parent[i] = i;
  const a = [...Array.from(old.newIndex, (i) => i + from), ...Array.from(own.newIndex, (i) => i + from)];
  const b = [...old.storedIndex, ...Array.from(own.storedIndex, (j) => j + from)];
  const component = unionComponents(n, a, b, parent);
  const touched = new Set<number>();
  for (let i = from; i < n; i++) touched.add(component[i]);
  const raw = new Float64Array(n);
  // Untouched components keep their classes: their previous labels, moved past any label the re-clustering uses.
  const offset = n + 1;
  for (let i = 0; i < from; i++) if (!touched.has(component[i])) raw[i] = offset + previous.labels[i];
  clusterComponents(pre, score, method, t, component, touched, raw, options.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
  return { labels: numberClasses(raw), component, edges: previous.edges + (old.distance.length + (own.distance.length - (n - from)) / 2), largestComponent: largest(component), touched: touched.size };
}
