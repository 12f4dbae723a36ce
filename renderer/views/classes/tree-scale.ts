/**
 * The dendrogram's height axis. Classes are cut low in the tree, so a linear axis crushes every merge under the cut
 * into the bottom pixels. Zoomed on the cut (the default when the run has a threshold), the lower three quarters of
 * the band show heights 0 … FOCUS_FACTOR × the cut on a linear scale, and the upper quarter the rest of the tree
 * compressed (square root), with a break drawn on the axis; unzoomed, the whole tree on a square-root scale.
 */
import { niceTicks } from '../../components/nice-ticks';

export const TREE_SCALE_DEFAULTS = {
  /** The zoomed part reaches this multiple of the cut height. */
  focusFactor: 3,
  /** Share of the band given to the zoomed part. */
  focusShare: 0.75,
} as const;

export interface TreeScale {
  y: (h: number) => number;
  /** Height at a y (inverse of `y`), clamped to [0, max]. */
  height: (y: number) => number;
  ticks: number[];
  /** y of the break between the zoomed and the compressed part, or null. */
  breakY: number | null;
  title: string;
}

/** A scale from heights [0, max] to y in [top, bottom] (y grows down), zoomed on `focus` when given. */
export function treeScale(max: number, top: number, bottom: number, focus: number | null): TreeScale {
  const span = bottom - top;
  const m = max || 1;
  const focusTop = focus !== null && focus > 0 ? focus * TREE_SCALE_DEFAULTS.focusFactor : null;
  if (focusTop === null || focusTop >= m) {
    const y = (h: number) => top + span * (1 - Math.sqrt(Math.max(0, Math.min(h, m)) / m));
    const height = (yy: number) => m * (1 - Math.max(0, Math.min(1, (yy - top) / span))) ** 2;
    return { y, height, ticks: [0, 1, 2, 3, 4].map((k) => m * (k / 4) ** 2), breakY: null, title: 'merge height (√ scale)' };
  }
  const breakY = bottom - span * TREE_SCALE_DEFAULTS.focusShare;
  const y = (h: number) => {
    const v = Math.max(0, Math.min(h, m));
    if (v <= focusTop) return bottom - (bottom - breakY) * (v / focusTop);
    return breakY - (breakY - top) * Math.sqrt((v - focusTop) / (m - focusTop));
  };
  const height = (yy: number) => {
    if (yy >= breakY) return focusTop * Math.max(0, Math.min(1, (bottom - yy) / (bottom - breakY)));
    return focusTop + (m - focusTop) * Math.max(0, Math.min(1, (breakY - yy) / (breakY - top))) ** 2;
  };
  return { y, height, ticks: [...niceTicks(0, focusTop, 4), m], breakY, title: `merge height (zoomed to 0–${focusTop.toPrecision(2)})` };
}
