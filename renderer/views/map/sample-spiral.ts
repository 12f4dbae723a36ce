/**
 * The map's "each sample" mode: every sample a point at its place, the samples of one place laid out in a
 * golden-angle spiral around it (the k-th at a radius ∝ √k), so that a place's classes show side by side.
 */
import type { PointSet } from '../../components/PointsCanvas';
import type { SamplePoints } from '../../data/sample-points';
import type { Place } from './map-places';

/** Spacing of the spiral around a place, in km of the projection. */
const STEP = 9;
const GOLDEN_ANGLE = 2.399963;

/** The samples of the places as points; `rows[k]` is the sample index of point k. O(n). */
export function spiralPoints(data: SamplePoints, places: readonly Place[], colourOf: (i: number) => string): { points: PointSet; rows: number[] } {
  const rows: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of places)
    p.samples.forEach((i, k) => {
      const r = STEP * Math.sqrt(k);
      xs.push(p.x + r * Math.cos(k * GOLDEN_ANGLE));
      ys.push(p.y + r * Math.sin(k * GOLDEN_ANGLE));
      rows.push(i);
    });
  return { points: { ids: rows.map((i) => data.ids[i]), x: Float64Array.from(xs), y: Float64Array.from(ys), colors: rows.map(colourOf) }, rows };
}
