/**
 * Short texts that state the evidence and its uncertainty in the analysts' words, for the CSV and the interface:
 * the ranked routes with probabilities, the markers found with their abundances, the class and its source with the
 * likelihood ratio's ENFSI verbal equivalent. A route is never given without them.
 */
import { lrText, supportPhrase } from '../lr/verbal-scale';
import type { MarkerFinding } from './marker-evidence';
import type { RankedRoute, RouteCall } from './route-decision';
import type { SourceAttribution } from './source-attribution';
import type { ClassAttribution, SampleAttribution } from './types';

/** A fraction as a percentage with 2 significant digits (0.0123 → "1.2%"). */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(2))}%`;
}

/** A probability with 2 decimals. */
function prob(p: number): string {
  return p.toFixed(2);
}

/** "gupta 0.86, siegfried 0.10" (the first `k` routes, default 3, those ≥ 0.005). */
export function routeList(ranked: readonly RankedRoute[], k = 3): string {
  return ranked.slice(0, k).filter((r, i) => i === 0 || r.probability >= 0.005).map((r) => `${r.route} ${prob(r.probability)}`).join(', ');
}

/** Markers that counted, with abundance and threshold; or the nearest misses; or "none measured". */
export function markerText(findings: readonly MarkerFinding[]): string {
  const counted = findings.filter((f) => f.status === 'counts');
  if (counted.length > 0) {
    return counted
      .map((f) => `${f.rule.compound} ${percent(f.fraction!)} (≥ ${percent(f.rule.min_fraction)}${f.rule.proposed ? ', proposed link' : ''}) → ${f.rule.routes.join('/')}`)
      .join('; ');
  }
  const below = findings.filter((f) => f.status === 'below-threshold');
  if (below.length > 0) return `none above threshold (${below.map((f) => `${f.rule.compound} ${percent(f.fraction!)} < ${percent(f.rule.min_fraction)}`).join('; ')})`;
  return findings.some((f) => f.status === 'not-detected') ? 'no marker detected' : 'no marker compound measured';
}

/** The route call as a phrase: "gupta 0.86" or "undetermined (weak: gupta 0.48, siegfried 0.40)". */
export function callText(call: RouteCall): string {
  if (call.route !== null) return `${routeList(call.ranked)}`;
  if (call.reason === 'no-evidence') return 'undetermined (no reference samples and no marker found)';
  const why = call.reason === 'disagreement' ? 'classifiers and markers disagree' : 'no route reaches the floor';
  return `undetermined (${why}: ${routeList(call.ranked)})`;
}

/** The source phrase of a class. */
export function sourceText(source: SourceAttribution | null): string {
  if (source === null) return 'source not assessed';
  const best = source.candidates[0];
  if (best === undefined) return 'no known source';
  const lr = best.lr === null ? 'no validated LR' : `${lrText(best.lr)}, ${supportPhrase(best.lr.verbal, 'this source', 'another source')}`;
  return source.source !== null ? `source ${best.source}: ${lr}` : `no known source (nearest ${best.source}: ${lr})`;
}

/** The CSV's source column: the source name, "no known source", or "not assessed". */
export function sourceColumn(source: SourceAttribution | null): string {
  if (source === null) return 'not assessed';
  return source.source ?? 'no known source';
}

/** The evidence of one sample in one line. */
export function sampleEvidence(s: SampleAttribution, cls: ClassAttribution | undefined): string {
  const parts = [`route ${callText(s.call)}`];
  if (s.classifier !== null) {
    parts.push(`LDA+kNN ${routeList(s.classifier.ensemble, 2)}${s.classifier.atypical ? ' (unlike every reference sample)' : ''}`);
  }
  parts.push(`markers: ${markerText(s.markers.findings)}`);
  if (cls !== undefined) {
    const n = cls.sampleIds.length;
    const refs = cls.references.length > 0 ? `, with references of ${[...new Set(cls.references.map((r) => r.source ?? r.route))].join('/')}` : '';
    parts.push(`class ${cls.classId} (${n} sample${n === 1 ? '' : 's'}${refs}): ${sourceText(cls.source)}`);
  }
  return parts.join('; ');
}
