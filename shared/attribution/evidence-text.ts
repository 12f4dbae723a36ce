/**
 * Short texts that state the evidence and its uncertainty in the analysts' words, for the CSV and the interface:
 * the ranked routes with probabilities, the markers found with their abundances, the class and its source with the
 * likelihood ratio's ENFSI verbal equivalent. A route is never given without them.
 */
import { lrText, supportPhrase } from '../lr/verbal-scale';
import type { MarkerFinding } from './marker-evidence';
import type { RankedRoute, RouteCall } from './route-decision';
import type { RouteGate, RouteGateFigure } from './route-gate';
import type { SourceAttribution } from './source-attribution';
import type { ClassAttribution, RouteTypicality, SampleAttribution } from './types';

/** A fraction as a percentage with 2 significant digits (0.0123 → "1.2%"). */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(2))}%`;
}

/** A probability with 2 decimals. */
function prob(p: number): string {
  return p.toFixed(2);
}

/**
 * "gupta 0.86, siegfried 0.10, 2 other routes 0.04": the first `k` routes (default 3), then what the others share,
 * so that the figures listed sum to 1 as the probabilities do (route-decision.ts).
 */
export function routeList(ranked: readonly RankedRoute[], k = 3): string {
  const shown = ranked.slice(0, k);
  const rest = ranked.slice(k);
  const other = rest.reduce((a, r) => a + r.probability, 0);
  const parts = shown.map((r) => `${r.route} ${prob(r.probability)}`);
  if (rest.length > 0) parts.push(`${rest.length === 1 ? rest[0].route : `${rest.length} other routes`} ${prob(other)}`);
  return parts.join(', ');
}

/** What a call's probabilities are, in words. */
export function basisText(call: RouteCall): string {
  if (call.basis === 'references') return 'LDA + kNN probabilities among the referenced routes';
  if (call.basis === 'markers') return call.ranked.length > 0 && call.reason !== 'no-evidence' ? 'marker-rule probabilities over the routes left open' : 'marker rules';
  return '';
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

/**
 * One route's held-out figure behind the gate (route-gate.ts): "10 of 16 held-out calls right, 95 % lower bound 0.42
 * < gate floor 0.7; confused with gupta (6)". The CLI, the app and the class report state it with this function.
 */
export function gateFigureText(g: RouteGateFigure, gate: RouteGate): string {
  const bound = `${Math.round(100 * gate.confidence)} % lower bound ${g.lower.toFixed(2)} ${g.lower < gate.floor ? '<' : '≥'} gate floor ${gate.floor}`;
  const figure = g.called === 0 ? `never called in the held-out folds (${bound})` : `${heldOutCounts(g)} (${bound})`;
  return `${figure}${g.confusedWith.length ? `; confused with ${g.confusedWith.map((c) => `${c.route} (${c.count})`).join(', ')}` : ''}`;
}

/**
 * "10 of 16 held-out calls right", or, counted by source (route-gate.ts: a marker sibling referenced too), "5 of 6
 * reference sources' held-out calls right (counted by source: it shares its marker rules with gupta, referenced too)".
 */
export function heldOutCounts(g: RouteGateFigure): string {
  if (g.unit !== 'source') return `${g.right} of ${g.called} held-out calls right`;
  return `${g.right} of ${g.called} reference sources' held-out calls right (counted by source: it shares its marker rules with ${(g.siblings ?? []).join(' and ')}, referenced too)`;
}

/** Why a gated route is not called: its held-out calls were wrong too often, or too few to show they are right. */
export function gateReason(g: RouteGateFigure): string {
  return g.right < g.called ? 'its calls in their nested cross-validation are too often wrong' : 'its calls in their nested cross-validation are too few to show they are right';
}

/** The gate over every referenced route: "siegfried not called from the references: …; gupta called: …". */
export function gateSummaryText(gate: RouteGate): string {
  return gate.routes.map((g) => `${g.route} ${g.gated ? 'not called from the references' : 'called'}: ${gateFigureText(g, gate)}`).join('; ');
}

/**
 * The route call as a phrase, with what its probabilities are: "janssen 0.97, siegfried 0.03 (LDA + kNN …)",
 * "no referenced route fits (…)" or "undetermined (why: …)".
 */
export function callText(call: RouteCall, gate: RouteGate | null = null): string {
  const list = call.ranked.length > 0 ? `${routeList(call.ranked)}; ${basisText(call)}` : '';
  if (call.route !== null) return `${routeList(call.ranked)} (${basisText(call)})`;
  switch (call.reason) {
    case 'no-evidence':
      return 'undetermined (no reference samples and no marker found)';
    case 'no-route-fits':
      return `no referenced route fits (unlike the references of every referenced route${list ? `; ${list}` : '; no marker points to another route'})`;
    case 'disagreement':
      return `undetermined (the markers point to ${call.conflict}: ${list})`;
    case 'atypical':
      return `undetermined (unlike the ${call.conflict} references, the classifiers' choice: ${list})`;
    case 'alternative':
      return `undetermined (${call.ranked[0]?.route} or ${call.conflict}: ${call.conflict} has no reference samples and shares its markers; ${list})`;
    case 'gated': {
      const route = call.ranked[0]?.route ?? '';
      const g = gate?.routes.find((x) => x.route === route);
      return `undetermined (${route}${call.conflict ? ` or ${call.conflict}` : ''}: ${route} is not called from the references, ${g ? `${gateReason(g)}: ${gateFigureText(g, gate!)}` : 'its calls in their nested cross-validation are too often wrong'}; ${list})`;
    }
    default: {
      const [a, b] = call.ranked;
      // The same marker rules pointing to two routes (NPP: Siegfried and Gupta) tie them: say so, not just "weak".
      if (call.basis === 'markers' && a !== undefined && b !== undefined && a.probability === b.probability) return `undetermined (the markers found point to ${a.route} and ${b.route} alike: ${list})`;
      return `undetermined (no route reaches the floor: ${list})`;
    }
  }
}

/** The CSV's route column: the route, "no referenced route fits", or "undetermined". */
export function routeColumn(call: RouteCall): string {
  return call.route ?? (call.reason === 'no-route-fits' ? 'no referenced route fits' : 'undetermined');
}

/** Typicality in words: "fits janssen (D² 12 ≤ 31)", or "unlike every referenced route (nearest janssen, D² 88 > 31)". */
export function typicalityText(t: readonly RouteTypicality[], cut: number): string {
  const fit = t.filter((x) => x.fits);
  const d = (x: RouteTypicality) => Number(x.d2.toPrecision(2));
  const c = Number(cut.toPrecision(2));
  if (fit.length > 0) return `fits ${fit.map((x) => `${x.route} (D² ${d(x)} ≤ ${c})`).join(', ')}`;
  const near = [...t].sort((a, b) => a.d2 - b.d2)[0];
  return near === undefined ? 'no referenced route' : `unlike every referenced route (nearest ${near.route}, D² ${d(near)} > ${c})`;
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

/** The evidence of one sample in one line; `cut` is the run's typicality cut, `gate` its per-route gate. */
export function sampleEvidence(s: SampleAttribution, cls: ClassAttribution | undefined, cut: number | null = null, gate: RouteGate | null = null): string {
  const parts = [`route ${callText(s.call, gate)}`];
  if (s.classifier !== null) {
    parts.push(`references: ${cut === null ? '' : `${typicalityText(s.classifier.typicality, cut)}; `}LDA + kNN ${routeList(s.classifier.ensemble, 2)}`);
  }
  parts.push(`markers: ${markerText(s.markers.findings)}`);
  if (cls !== undefined) {
    const n = cls.sampleIds.length;
    const refs = cls.references.length > 0 ? `, with references of ${[...new Set(cls.references.map((r) => r.source ?? r.route))].join('/')}` : '';
    parts.push(`class ${cls.classId} (${n} sample${n === 1 ? '' : 's'}${refs}): ${sourceText(cls.source)}`);
  }
  return parts.join('; ');
}
