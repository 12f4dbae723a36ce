/**
 * Hierarchical agglomerative clustering of samples into a scipy-compatible linkage matrix: (n−1)×4 rows of
 * [cluster a, cluster b, height, size], sorted by height, clusters numbered as scipy.cluster.hierarchy.linkage
 * numbers them (samples 0…n−1, the cluster formed by row k is n + k). The linkage is chosen per data set by the
 * highest cophenetic correlation (see cophenetic.ts).
 */
import { condensedLength, samplesFromCondensedLength } from './condensed';
import { mstSingleMerges } from './mst-single';
import { nnChainMerges, type ChainMethod } from './nn-chain';
import type { ProgressCallback } from './util/abort';

/** Linkage methods. */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'ward';

/** Every method, in the order the comparison table lists them. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = ['average', 'complete', 'single', 'weighted', 'ward'];

/** Default memory budget: 2 GiB, what an Electron renderer worker or a browser tab can count on holding. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

export interface LinkageOptions {
  /** Bytes the clustering may use, distances included; default 2 GiB. */
  readonly maxBytes?: number;
  /** Let complete/average/weighted/ward overwrite `dists` instead of copying it (halves memory). Default false. */
  readonly inPlace?: boolean;
  /** A condensed-length buffer to reuse as the working copy (not counted again in the budget). */
  readonly work?: Float64Array;
  /** The caller has shown every distance finite (autoProfile: distances of bounded values); default false: checked here. */
  readonly finiteChecked?: boolean;
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/** Refusal raised before allocating when a clustering would exceed its memory budget. */
export class ClusteringTooLargeError extends Error {
  constructor(
    readonly samples: number,
    readonly neededBytes: number,
    readonly availableBytes: number,
  ) {
    super(
      `Clustering ${samples.toLocaleString('en-US')} samples needs about ${formatBytes(neededBytes)} ` +
        `(${neededBytes.toLocaleString('en-US')} bytes) but only ${formatBytes(availableBytes)} ` +
        `(${availableBytes.toLocaleString('en-US')} bytes) are available. ` +
        'Cluster fewer samples (e.g. one drug, period or region at a time) or use single linkage, which needs no working copy.',
    );
    this.name = 'ClusteringTooLargeError';
  }
}

/** Bytes in words: "1.5 MiB", "2.00 GiB". */
export function formatBytes(b: number): string {
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(2)} GiB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MiB`;
  return `${(b / 1024).toFixed(1)} KiB`;
}

/**
 * Bytes needed to cluster n samples: the condensed distances (8·n(n−1)/2), a working copy of the same size for
 * every method but single (unless in place), and O(n) bookkeeping (linkage matrix, lists, union-find).
 */
export function estimateMemory(n: number, method: LinkageMethod = 'average', options: { inPlace?: boolean } = {}): number {
  const condensed = 8 * condensedLength(n);
  const copies = method === 'single' || options.inPlace === true ? 1 : 2;
  const bookkeeping = 32 * n /* Z */ + 32 * n /* merges before sorting + order */ + 48 * n; /* lists, sizes, union-find */
  return copies * condensed + bookkeeping;
}

/** Throws ClusteringTooLargeError when `estimateMemory` exceeds `maxBytes` (default 2 GiB). */
export function assertClusteringFits(
  n: number,
  method: LinkageMethod = 'average',
  maxBytes: number = DEFAULT_MEMORY_BUDGET_BYTES,
  inPlace = false,
): void {
  const needed = estimateMemory(n, method, { inPlace });
  if (needed > maxBytes) throw new ClusteringTooLargeError(n, needed, maxBytes);
}

/**
 * Sorts merges by height (stable, as numpy's mergesort) and renames slot indices to scipy's cluster numbers with
 * a union-find, filling sizes; in place on the unsorted (n−1)×4 merges, returning the sorted copy. O(n log n).
 */
export function labelLinkage(merges: Float64Array, n: number): Float64Array {
  const rows = n - 1;
  const order = new Uint32Array(rows);
  for (let k = 0; k < rows; k++) order[k] = k;
  order.sort((a, b) => merges[a * 4 + 2] - merges[b * 4 + 2] || a - b);
  const z = new Float64Array(rows * 4);
  const parent = new Int32Array(2 * n - 1);
  const size = new Int32Array(2 * n - 1).fill(1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  let nextLabel = n;
  for (let k = 0; k < rows; k++) {
    const src = order[k] * 4;
    const xr = find(parent, merges[src]);
    const yr = find(parent, merges[src + 1]);
    z[k * 4] = xr < yr ? xr : yr;
    z[k * 4 + 1] = xr < yr ? yr : xr;
    z[k * 4 + 2] = merges[src + 2];
    parent[xr] = nextLabel;
    parent[yr] = nextLabel;
    size[nextLabel] = size[xr] + size[yr];
    z[k * 4 + 3] = size[nextLabel];
    nextLabel++;
  }
  return z;
}

function find(parent: Int32Array, start: number): number {
  let x = start;
  while (parent[x] !== x) x = parent[x];
  let p = start;
  while (parent[p] !== x) {
    const up = parent[p];
    parent[p] = x;
    p = up;
  }
  return x;
}

/** NN-chain merges under way (nn-chain.ts): `finish` waits for them; `cancel` stops them. */
export interface PendingMerges {
  finish(onProgress?: ProgressCallback, signal?: AbortSignal): Float64Array;
  cancel(): void;
}

/** Starts nnChainMerges on `work` (overwritten): in this thread at `finish`, or at once on another thread (Node host). */
export type StartChain = (work: Float64Array, n: number, method: ChainMethod) => PendingMerges;

/** nnChainMerges in this thread, when finished. */
export const startChainInThread: StartChain = (work, n, method) => ({ finish: (onProgress, signal) => nnChainMerges(work, n, method, onProgress, signal), cancel() {} });

/** A linkage under way: `finish` gives its linkage matrix. */
export interface PendingLinkage {
  finish(onProgress?: ProgressCallback, signal?: AbortSignal): Float64Array;
  cancel(): void;
}

/**
 * `linkage`, started: the checks and the working copy now, the merges on the thread `startChain` gives (default: this
 * one, at `finish`), so that the caller can work meanwhile. Single linkage runs at `finish`, in this thread.
 */
export function startLinkage(dists: Float64Array, method: LinkageMethod = 'average', options: LinkageOptions & { startChain?: StartChain } = {}): PendingLinkage {
  const n = samplesFromCondensedLength(dists.length);
  if (n < 2) throw new RangeError('clustering needs at least 2 samples');
  const inPlace = options.inPlace === true || options.work !== undefined;
  assertClusteringFits(n, method, options.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES, inPlace);
  if (options.finiteChecked !== true) {
    for (let k = 0; k < dists.length; k++) {
      if (!Number.isFinite(dists[k])) throw new RangeError('the condensed distances must contain only finite values');
    }
  }
  const label = (merges: Float64Array, onProgress?: ProgressCallback): Float64Array => {
    const z = labelLinkage(merges, n);
    if (onProgress !== undefined) onProgress(1);
    return z;
  };
  if (method === 'single') return { finish: (onProgress, signal) => label(mstSingleMerges(dists, n, onProgress, signal), onProgress), cancel() {} };
  let work: Float64Array;
  if (options.work !== undefined) {
    if (options.work.length !== dists.length) throw new RangeError('work buffer must have the condensed length');
    work = options.work;
    work.set(dists);
  } else {
    work = options.inPlace === true ? dists : Float64Array.from(dists);
  }
  const chain = (options.startChain ?? startChainInThread)(work, n, method);
  return { finish: (onProgress, signal) => label(chain.finish(onProgress, signal), onProgress), cancel: () => chain.cancel() };
}

/**
 * Linkage matrix of condensed distances (scipy order), equal to scipy.cluster.hierarchy.linkage(dists, method)
 * on the same input; default method average. Single: Prim's MST, O(n²); others: NN-chain, O(n²) on a working
 * copy (or in place). Never allocates an n×n matrix. Throws ClusteringTooLargeError beyond `maxBytes`.
 */
export function linkage(dists: Float64Array, method: LinkageMethod = 'average', options: LinkageOptions & { startChain?: StartChain } = {}): Float64Array {
  return startLinkage(dists, method, options).finish(options.onProgress, options.signal);
}
