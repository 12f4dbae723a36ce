/**
 * The route and source evidence of a report's classes, in words and tables: never a route without its
 * probability and the alternatives, never a source without its likelihood ratio and verbal equivalent
 * (DOMAIN.md: never state a route as certain; ENFSI 2015 verbal scale).
 */
import { lrText, supportPhrase } from '../lr/verbal-scale';
import type { LegacyLr } from './legacy-lr';
import type { RouteCall } from '../attribution/route-decision';
import type { SourceAttribution } from '../attribution/source-attribution';
import { html, type SafeHtml } from './html';
import type { ClassEvidence, Evidence } from './class-evidence';
import { factsTableHtml, rowsTableHtml } from './report-tables';
import { percentText } from './svg';
import { distanceText } from './calibration-section';

type Assessed = Extract<Evidence, { assessed: true }>;

const routeName = (ev: Assessed, id: string) => ev.routeNames.get(id) ?? id;

/** "Janssen 0.97, Siegfried 0.02, Gupta 0.01" (routes at ≥ 0.005 after the first). */
export function rankedText(ev: Assessed, call: RouteCall, k = 3): string {
  return call.ranked.slice(0, k).filter((r, i) => i === 0 || r.probability >= 0.005).map((r) => `${routeName(ev, r.route)} ${r.probability.toFixed(2)}`).join(', ');
}

/** The route call in one phrase: "most consistent with Janssen (probability 0.97; …)" or "undetermined (…)". */
export function routePhrase(ev: Assessed, call: RouteCall): string {
  if (call.route !== null) return `most consistent with the ${routeName(ev, call.route)} route (probability ${call.probability!.toFixed(2)}; ranked: ${rankedText(ev, call)})`;
  if (call.reason === 'no-evidence') return 'undetermined (no classifier or marker evidence for these samples)';
  const why = call.reason === 'disagreement' ? 'the classifiers and the marker compounds disagree' : `no route reaches probability ${ev.settings.floor}`;
  return `undetermined: ${why} (ranked: ${rankedText(ev, call)})`;
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
  const full = r.combinedCrossValidation;
  let undetermined = 0;
  if (full) for (const v of full.undetermined) undetermined += v;
  const facts: [string, string][] = [
    ['Drug and library', `${r.drug}; signature library ${ev.attribution.library.version} (${ev.attribution.library.origin})`],
    ['Reference samples', `${r.references.used} used (of ${ev.tagged} tagged), ${r.referenceRoutes.length} routes, ${r.references.sources} known sources`],
    ['Cross-validated accuracy', cv ? `LDA + kNN ensemble ${cv.ensemble.accuracy.toFixed(2)} over ${cv.plan.k} folds ${cv.plan.grouped ? 'grouped by source' : 'by sample'} (seed ${cv.plan.seed})${full ? `; with the marker rules, ${undetermined} of ${full.n} left undetermined and accuracy ${full.accuracy.toFixed(2)}` : ''}` : 'not available (reference samples of fewer than 2 routes)'],
  ];
  return html`<p>Routes are weighed from two kinds of evidence: classifiers trained on the workspace's reference samples of known route, and marker compounds whose abundance points to a route. A route is named only when its probability reaches ${ev.settings.floor} and the two kinds do not disagree; otherwise it is undetermined. Sources are the known sources whose reference samples are closest to the class by the calibrated score, with the likelihood ratio of that distance.</p>
${factsTableHtml(facts)}
${ev.sourceNote ? html`<p>${ev.sourceNote}</p>` : ''}
${r.notes.length ? html`<ul class="notes">${r.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}`;
}
