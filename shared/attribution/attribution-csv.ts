/**
 * The attribution CSV of `sigwb attribute`: one row per questioned sample with its route (or "no referenced route
 * fits", or "undetermined"), the route's probability, its class's source (or "no known source" / "not assessed")
 * and a short evidence text.
 */
import type { PlainValue } from '../db/arrow-values';
import { routeColumn, sampleEvidence, sourceColumn } from './evidence-text';
import type { AttributionResult, ClassAttribution } from './types';

export const ATTRIBUTION_CSV_HEADER = ['sample_id', 'route', 'probability', 'source', 'evidence'];

/** Rows in the samples' order; probability rounded to 3 decimals, empty when undetermined. O(n). */
export function attributionCsvRows(result: AttributionResult): PlainValue[][] {
  const classes = new Map<number, ClassAttribution>(result.classes.map((c) => [c.classId, c]));
  return result.samples.map((s) => {
    const cls = classes.get(s.classId);
    return [
      s.sampleId,
      routeColumn(s.call),
      s.call.probability === null ? null : Math.round(s.call.probability * 1000) / 1000,
      cls === undefined ? 'not assessed' : sourceColumn(cls.source),
      sampleEvidence(s, cls, result.openSet?.cut ?? null, result.openSet?.gate ?? null),
    ];
  });
}
