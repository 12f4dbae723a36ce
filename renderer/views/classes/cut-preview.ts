/**
 * What a cut of the class run's tree would give, before a run is made: the classes at a height (or into k) as
 * scipy's fcluster would cut them (shared/profiling/cut-tree.ts), counted and sized, and numbered by size as a run
 * numbers its classes (1 = largest), so that the dendrogram can colour its strip by the preview. O(n).
 */
import { cutAtDistance, cutIntoClusters } from '../../../shared/profiling/cut-tree';

export interface CutPreview {
  /** Per sample (matrix order): preview class 1, 2 … by size, 0 for a sample alone. */
  classOf: Int32Array;
  /** Classes of two or more samples. */
  classes: number;
  /** Samples linked to no other. */
  singletons: number;
  /** Sizes of the classes of two or more, largest first. */
  sizes: number[];
}

/** The preview of cutting linkage matrix `z` at `cut` (a height) or into `cut.k` clusters. */
export function previewCut(z: Float64Array, cut: { threshold: number } | { k: number }): CutPreview {
  const labels = 'threshold' in cut ? cutAtDistance(z, cut.threshold) : cutIntoClusters(z, cut.k);
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const ranked = [...counts].filter(([, c]) => c > 1).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rank = new Map(ranked.map(([l], i) => [l, i + 1]));
  const classOf = new Int32Array(labels.length);
  labels.forEach((l, i) => (classOf[i] = rank.get(l) ?? 0));
  return { classOf, classes: ranked.length, singletons: labels.length - ranked.reduce((s, [, c]) => s + c, 0), sizes: ranked.map(([, c]) => c) };
}

/** "48 classes of two or more samples (largest 31, 28, 25, …), 20 samples alone". */
export function previewText(p: CutPreview): string {
  const top = p.sizes.slice(0, 5).join(', ');
  return `${p.classes} class${p.classes === 1 ? '' : 'es'} of two or more samples${p.classes ? ` (largest ${top}${p.sizes.length > 5 ? ', …' : ''})` : ''}, ${p.singletons} sample${p.singletons === 1 ? '' : 's'} alone`;
}
