/**
 * The route and source evidence of a report's classes, in words and tables: never a route without its
 * probability and the alternatives, never a source without its likelihood ratio and verbal equivalent
 * (DOMAIN.md: never state a route as certain; ENFSI 2015 verbal scale).
 */
import { lrText, supportPhrase } from '../lr/verbal-scale';
import type { LegacyLr } from './legacy-lr';
import { gateFigureText, gateReason, gateSummaryText } from '../attribution/evidence-text';
import type { RuleFigures } from '../attribution/open-set-validation';
import type { RouteCall } from '../attribution/route-decision';
import type { SourceAttribution } from '../attribution/source-attribution';
import { html, type SafeHtml } from './html';
import type { ClassEvidence, Evidence } from './class-evidence';
import { factsTableHtml, rowsTableHtml } from './report-tables';
import { percentText } from './svg';
import { distanceText } from './calibration-section';

type Assessed = Extract<Evidence, { assessed: true }>;

const routeName = (ev: Assessed, id: string) => ev.routeNames.get(id) ?? id;

/** "Janssen 0.97, Siegfried 0.02, 2 other routes 0.01": the listed figures sum to 1, as the probabilities do. */
export function rankedText(ev: Assessed, call: RouteCall, k = 3): string {
  const rest = call.ranked.slice(k);
  const other = rest.reduce((a, r) => a + r.probability, 0);
  const parts = call.ranked.slice(0, k).map((r) => `${routeName(ev, r.route)} ${r.probability.toFixed(2)}`);
  if (rest.length > 0) parts.push(`${rest.length === 1 ? routeName(ev, rest[0].route) : `${rest.length} other routes`} ${other.toFixed(2)}`);
  return parts.join(', ');
}

/** What the ranked probabilities are, in words. */
function basisPhrase(call: RouteCall): string {
  return call.basis === 'references'
    ? 'classifier probabilities among the routes with reference samples, given that the samples are of one of them'
    : 'marker-rule probabilities over the routes left open, equal prior';
}

/**
 * The route call in one phrase: "most consistent with Janssen (probability 0.97 …)", "none of the routes with
 * reference samples fits …" or "undetermined (…)"; always with what the probabilities are.
 */
export function routePhrase(ev: Assessed, call: RouteCall): string {
  const ranked = call.ranked.length ? ` (${basisPhrase(call)}: ${rankedText(ev, call)})` : '';
  if (call.route !== null) return `most consistent with the ${routeName(ev, call.route)} route, probability ${call.probability!.toFixed(2)}${ranked}`;
  switch (call.reason) {
    case 'no-evidence':
      return 'undetermined (no classifier or marker evidence for these samples)';
    case 'no-route-fits':
      return `none of the routes with reference samples fits: the samples are unlike the references of every one of them${ranked || '; no marker points to another route'}`;
    case 'disagreement':
      return `undetermined: the marker compounds point to the ${routeName(ev, call.conflict ?? '')} route${ranked}`;
    case 'atypical':
      return `undetermined: the samples are unlike the ${routeName(ev, call.conflict ?? '')} references the classifiers prefer${ranked}`;
    case 'alternative':
      return `undetermined between the ${routeName(ev, call.ranked[0]?.route ?? '')} and ${routeName(ev, call.conflict ?? '')} routes: the second has no reference samples and leaves the same marker compounds${ranked}`;
    case 'gated': {
      const gate = ev.attribution.result.openSet?.gate;
      const g = gate?.routes.find((x) => x.route === call.ranked[0]?.route);
      return `undetermined${call.conflict ? ` between the ${routeName(ev, call.ranked[0]?.route ?? '')} and ${routeName(ev, call.conflict)} routes: the first` : `: the ${routeName(ev, call.ranked[0]?.route ?? '')} route`} is not called from the reference samples, because ${g && gate ? `${gateReason(g)}: ${gateFigureText(g, gate)}` : 'its calls in their nested cross-validation are too often wrong'}${ranked}`;
    }
    default: {
      const [a, b] = call.ranked;
      if (call.basis === 'markers' && a !== undefined && b !== undefined && a.probability === b.probability) {
        return `undetermined: the marker compounds found point to the ${routeName(ev, a.route)} and ${routeName(ev, b.route)} routes alike${ranked}`;
      }
      return `undetermined: no route reaches probability ${ev.settings.floor}${ranked}`;
    }
  }
}

/** The source phrase of a class: nearest known source with its LR, "no known source", or why not assessed. */
export function sourcePhrase(ev: Assessed, source: SourceAttribution | null, showNames: boolean, single = false, legacy: LegacyLr | null = null): string {
  if (source === null) return single ? 'Sources are compared for chemical classes, not for single samples.' : (ev.sourceNote ?? 'Sources are not assessed for this class.');
  const best = source.candidates[0];
  if (best === undefined) return 'no known source: no tagged reference sample names a source.';
  const name = showNames ? best.source : 'a known source (name withheld under the redaction profile)';
  const lr = legacy ? legacy.sourcePhraseLr(best) : best.lr === null ? 'no validated likelihood ratio (the calibration in force has no validated group LR system)' : `${lrText(best.lr)} for the median member: ${best.lr.verbal.text}${best.opposing ? ` ${best.opposing} of the class's members have an LR below 1 against this source.` : ''}`;
  if (source.source !== null) return `nearest known source ${name}, within the link threshold; ${lr}`;
  return `no known source: the nearest, ${name}, is not within the link threshold; ${lr}`;
}

function markerRows(ev: Assessed, e: ClassEvidence): (string | number)[][] {
  const m = e.samples.length;
  if (m === 0) return [];
  return e.samples[0].markers.findings.map((f, k) => {
    const all = e.samples.map((s) => s.markers.findings[k]);
    const counted = all.filter((x) => x.status === 'counts').map((x) => x.fraction!);
    const below = all.filter((x) => x.status === 'below-threshold').map((x) => x.fraction!);
    const measured = all.some((x) => x.status !== 'not-measured');
    let found: string;
    if (!measured) found = 'not measured';
    else if (counted.length) found = `counts in ${counted.length} of ${m} (${percentText(Math.min(...counted))} to ${percentText(Math.max(...counted))})`;
    else if (below.length) found = `below its threshold in ${below.length} of ${m} (at most ${percentText(Math.max(...below))})`;
    else found = `not detected in any of ${m}`;
    const basis = [f.rule.source ?? 'no published source', f.rule.proposed ? 'proposed link' : '', f.rule.assumption ? 'threshold assumed' : ''].filter((x) => x !== '').join('; ');
    return [f.rule.compound, f.rule.routes.map((r) => routeName(ev, r)).join(', '), found, `≥ ${percentText(f.rule.min_fraction)}`, basis];
  });
}

function sourceTable(source: SourceAttribution, showNames: boolean, legacy: LegacyLr | null): SafeHtml {
  if (legacy) {
    return rowsTableHtml(
      ['Known source', 'Reference samples', 'Median distance', 'Within threshold', 'LR', 'Verbal equivalent (ENFSI 2015)'],
      source.candidates.map((c, i) => [showNames ? c.source : `source ${i + 1} (withheld)`, c.references, distanceText(c.medianDistance), c.withinThreshold ? 'yes' : 'no', ...legacy.sourceCells(c)]),
      [false, true, true, false, true, false],
    );
  }
  return rowsTableHtml(
    ['Known source', 'Reference samples', 'Median distance', 'Within threshold', 'LR (median member)', 'Verbal equivalent (ENFSI 2015)', 'Members with LR < 1'],
    source.candidates.map((c, i) => [
      showNames ? c.source : `source ${i + 1} (withheld)`, c.references, distanceText(c.medianDistance), c.withinThreshold ? 'yes' : 'no',
      c.lr === null ? 'not validated' : lrText(c.lr).replace(/^LR /, ''), c.lr === null ? '' : supportPhrase(c.lr.verbal, 'the source', 'another source'), c.lr === null ? '' : c.opposing,
    ]),
    [false, true, true, false, true, false, true],
  );
}

/** One class's evidence block. */
export function classEvidenceHtml(ev: Assessed, e: ClassEvidence, title: string, showNames: boolean, legacy: LegacyLr | null = null): SafeHtml {
  const calls = Object.entries(e.memberCalls).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r === 'undetermined' ? r : routeName(ev, r)} ${n}`).join(', ');
  const refs = e.references.length
    ? `${e.references.length} reference ${e.references.length === 1 ? 'sample' : 'samples'} of known origin: ${[...new Set(e.references.map((r) => `${routeName(ev, r.route)}${r.source && showNames ? ` (${r.source})` : ''}`))].join(', ')}`
    : 'none';
  const facts: [string, string][] = [
    ['Route', e.samples.length ? routePhrase(ev, e.call) : e.references.length ? 'known: every member is a reference sample (below)' : `not assessed: no member is a ${ev.attribution.result.drug} sample with a signature`],
    ['Members\' own route calls', calls || 'none'],
    ['Reference samples in the class', refs],
    ['Source', e.samples.length || !e.references.length ? sourcePhrase(ev, e.source, showNames, e.classId === null, legacy) : 'known: every member is a reference sample (above)'],
  ];
  if (e.precursors && e.precursors.compounds.length) {
    const found = e.precursors.compounds.filter((c) => c.detectedIn > 0).map((c) => `${c.compound} ${percentText(c.proportion)}`).join(', ') || 'none detected';
    const best = e.precursors.routes.filter((r) => r.similarity !== null).slice(0, 2).map((r) => `${routeName(ev, r.route)} (${r.origin}) ${r.similarity!.toFixed(2)}`).join(', ');
    facts.push(['Precursor profile', `${found}${best ? `; most similar route profiles: ${best}` : ''}`]);
  }
  const markers = markerRows(ev, e);
  return html`<h3>${title}</h3>
${factsTableHtml(facts)}
${markers.length ? html`<p>Marker compounds (abundance as a share of the total target area; a marker counts from its threshold):</p>${rowsTableHtml(['Marker', 'Points to', 'Found', 'Counts from', 'Basis'], markers)}` : ''}
${e.source && e.source.candidates.length ? sourceTable(e.source, showNames, legacy) : ''}`;
}

/** The introduction of the evidence part: what was compared, how well the classifiers did, the notes. */
export function evidenceIntro(ev: Evidence): SafeHtml {
  if (!ev.assessed) return html`<p><strong>${ev.reason}</strong></p>`;
  const r = ev.attribution.result;
  const cv = r.crossValidation;
  const o = r.openSet;
  const rule = (f: RuleFigures) => `${f.called.toFixed(2)} of the samples called, ${f.rightWhenCalled.toFixed(2)} of those rightly`;
  const names = (ids: readonly string[]) => ids.map((id) => routeName(ev, id)).join(', ');
  const facts: [string, string][] = [
    ['Drug and library', `${r.drug}; signature library ${ev.attribution.library.version} (${ev.attribution.library.origin})`],
    ['Reference samples', `${r.references.used} used (of ${ev.tagged} tagged), ${r.referenceRoutes.length} routes (${names(r.referenceRoutes)}), ${r.references.sources} known sources`],
    ['Routes without reference samples', r.unreferencedRoutes.length ? `${names(r.unreferencedRoutes)}: the references cannot speak for them; their samples are named only from marker compounds, otherwise they come out as fitting no referenced route` : 'none'],
    ['Cross-validated accuracy of the classifiers', cv ? `LDA + kNN ensemble ${cv.ensemble.accuracy.toFixed(2)} over ${cv.plan.k} folds ${cv.plan.grouped ? 'grouped by source' : 'by sample'} (seed ${cv.plan.seed}), among the referenced routes` : 'not available (reference samples of fewer than 2 routes)'],
  ];
  if (o) {
    facts.push(['The whole rule on the reference samples', `nested cross-validation (a new source of a referenced route): ${rule(o.nested)}; resubstitution, optimistic by construction: ${rule(o.resubstitution)}`]);
    facts.push(['Typicality test', `a sample fits a route when its Mahalanobis distance² to the route's references is at most ${Number(o.cut.toPrecision(3))}, the ${100 * (1 - o.alpha)} % quantile of ${o.heldOut} distances of ${o.grouped ? 'held-out sources' : 'held-out samples'}`]);
    if (o.gate.floor > 0) {
      facts.push([
        'Per-route gate',
        `a route is called from the reference samples only when the ${Math.round(100 * o.gate.confidence)} % Wilson lower bound of the share of its calls that were right in the nested cross-validation reaches ${o.gate.floor}: ${gateSummaryText(o.gate)}${o.gatedNested ? `; with the gate chosen inside each training part too: ${rule(o.gatedNested)}` : ''}`,
      ]);
    }
    if (o.leaveOneRouteOut.length) facts.push(['A route the references do not cover (each withheld in turn)', o.leaveOneRouteOut.map((w) => `${routeName(ev, w.route)}: ${w.calledAsReferenced.toFixed(2)} called as another route, ${w.fitsNone.toFixed(2)} set apart by the typicality test`).join('; ')]);
  }
  return html`<p>Routes are weighed from three kinds of evidence: classifiers trained on the workspace's reference samples of known route, a typicality test that asks whether the samples resemble the references of a route at all, and marker compounds whose abundance points to a route. A route is named only when its probability reaches ${ev.settings.floor}, the samples fit that route's references, ${o && o.gate.floor > 0 ? 'the route\'s calls were right often enough when the references were cross-validated (the per-route gate below), ' : ''}and the marker compounds do not point elsewhere; a class unlike the references of every route is reported as such, never as the nearest route. Sources are the known sources whose reference samples are closest to the class by the calibrated score, with the likelihood ratio of that distance.</p>
${factsTableHtml(facts)}
${ev.sourceNote ? html`<p>${ev.sourceNote}</p>` : ''}
${r.notes.length ? html`<ul class="notes">${r.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}`;
}
