/**
 * The summary of a chemical-class report in plain words, for investigators: which samples share a class, from
 * which cases, when and where they were seized, what "share a class" means (closer than the calibrated threshold,
 * with its false-positive rate), that it is a lead and not proof, and what the route and source evidence says.
 * Fields the redaction profile withholds are left out of the sentences as they are out of the tables.
 */
import type { ClassRecord } from '../analysis/class-run-record';
import { combinationText } from './report-language';
import { allows, type RedactionProfile } from '../exporting/redaction';
import type { ClassLr } from '../analysis/class-lr';
import type { LegacyLr } from './legacy-lr';
import { lrText } from '../lr/verbal-scale';
import { distanceText, type CalibrationUse } from './calibration-section';
import type { DataOrigins } from './bundled-samples';
import type { Evidence } from './class-evidence';
import type { ClassReportData, ClassReportScope } from './class-report-data';
import { routePhrase, sourcePhrase } from './evidence-section';
import { html, type SafeHtml } from './html';
import { percentText } from './svg';

/** "A", "A and B", "A, B and C". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The first `max` items and "N more". */
export function someOf(items: readonly string[], max: number, more = 'more'): string {
  return items.length <= max ? andList(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} ${more}`;
}

/** What "closer than the threshold" means for this run, in one clause. */
export function thresholdClause(use: CalibrationUse, data: ClassReportData): string {
  const s = data.run.settings;
  const metric = `${combinationText(s.pretreatment, s.score, data.language)} distance`;
  if (use.threshold === null) return `they were grouped together when the tree of all samples was cut into at most ${s.k} classes (not at a calibrated threshold, so the link has no measured false-positive rate)`;
  if (use.cut === 'held-out' && use.heldOut) {
    const h = use.heldOut;
    const lent = use.record ? `, pretreatment and score of calibration ${use.record.id}` : '';
    return `their chemical signatures are closer to one another than the cut of the class tree (${metric} ${distanceText(use.threshold)}, chosen on pairs held out from the choice${lent}; at it about ${percentText(h.falseLinkRate)} of the held-out pairs estimated to be of different sources were joined in one class)`;
  }
  const cal = use.record ? `calibration ${use.record.id}` : use.cut === 'fresh-calibration' ? 'a calibration on the class run\'s own pairs' : 'a threshold the analyst set';
  const fpr = use.fpr === null ? '' : `, a threshold at which ${percentText(use.fpr)} of pairs of samples known to be unrelated would also have been called linked`;
  return `their chemical signatures are closer to one another than the link threshold (${metric} ${distanceText(use.threshold)}, ${cal}${fpr})`;
}

/** The class LR in words: the median and weakest member against the rest, or why none is stated; `showIds` names the members below 1. */
export function classLrSentence(lr: ClassLr, size: number, showIds: boolean): string {
  const e = lr.evidence;
  const expected = `about ${Number((lr.rate * 100).toPrecision(2))} % of the members of one group are expected below 1 (the validated rate of misleading evidence)`;
  const who = showIds && lr.opposing.length ? ` (${someOf(lr.opposing, 6)})` : '';
  if (lr.kind === 'mixed') {
    return `its members do not hold together as one group: ${e.opposing} of ${size}${who} have a likelihood ratio below 1 against the rest of the class, where ${expected}. No likelihood ratio is stated for the class: it may mix samples of different origin, and each member should be weighed on its own.`;
  }
  const below = e.opposing ? ` ${e.opposing} of ${size} members${who} are below 1 against the rest, where ${expected}: they may not share the others' origin.` : '';
  return `each member weighed against the rest of the class, the median member has ${lrText(lr.median)}: ${lr.median.verbal.text} The weakest member has ${lrText(lr.weakest)} (${lr.weakest.verbal.qualifier}).${below}`;
}

function evidencePoints(ev: Evidence, c: ClassRecord, showNames: boolean, legacy: LegacyLr | null): SafeHtml[] {
  if (!ev.assessed) return [];
  const e = ev.of(c.members, c.class_id);
  const refs = e.references.length
    ? `${e.references.length === c.size ? `all ${c.size} members are` : `${e.references.length} of the members ${e.references.length === 1 ? 'is a' : 'are'}`} reference ${e.references.length === 1 ? 'sample' : 'samples'} of known origin: ${andList([...new Set(e.references.map((r) => `${ev.routeNames.get(r.route) ?? r.route} route${r.source && showNames ? `, source ${r.source}` : ''}`))])}.`
    : null;
  return [
    ...(refs ? [html`<li><strong>Known origin:</strong> ${refs}</li>`] : []),
    ...(e.samples.length ? [html`<li><strong>Route:</strong> ${routePhrase(ev, e.call)}.</li>`] : []),
    ...(e.samples.length || !refs ? [html`<li><strong>Source:</strong> ${sourcePhrase(ev, e.source, showNames, false, legacy)}</li>`] : []),
  ];
}

function classParagraph(c: ClassRecord, data: ClassReportData, profile: RedactionProfile, scopeCases: readonly string[] | null): SafeHtml {
  const ids = allows(profile, 'sample_id') ? ` (${someOf(c.members, 6, 'more, all listed under Items')})` : '';
  let from = '';
  if (allows(profile, 'case_id') && c.cases.length) {
    const others = scopeCases ? c.cases.filter((k) => !scopeCases.includes(k)).length : 0;
    from = ` from ${c.cases.length === 1 ? 'case' : 'cases'} ${andList(c.cases)}${others ? ` (${others === 1 ? 'one other case' : `${others} other cases`} beside the one reported)` : ''}`;
  }
  const points: SafeHtml[] = [
    html`<li><strong>What it means:</strong> ${thresholdClause(data.calibration, data)}. They may come from the same production batch or source: this is an intelligence lead, not proof of common origin.</li>`,
  ];
  const when = allows(profile, 'seized_on') && c.first_seen ? `between ${c.first_seen} and ${c.last_seen}` : '';
  const where = allows(profile, 'region') && c.regions.length ? `in ${andList(c.regions.map((r) => r.region))}` : '';
  if (when || where) points.push(html`<li><strong>Seized:</strong> ${[when, where].filter((x) => x).join(' ')}.</li>`);
  const lr = data.classLr.get(c.class_id);
  if (data.legacy) {
    if (data.legacy.lr) points.push(html`<li><strong>Strength of the link:</strong> ${data.legacy.lr.classSentence(c.cohesion)}</li>`);
  } else if (lr) points.push(html`<li><strong>Strength of the link:</strong> ${classLrSentence(lr, c.size, allows(profile, 'sample_id'))}</li>`);
  else if (data.lrNote) points.push(html`<li><strong>Strength of the link:</strong> ${data.lrNote}</li>`);
  points.push(...evidencePoints(data.evidence, c, allows(profile, 'case_id'), data.legacy?.lr ?? null));
  return html`<h3>Class ${c.class_id}</h3><p>${c.size} samples${ids}${from} share chemical class ${c.class_id}.</p><ul class="summary-points">${points}</ul>`;
}

/**
 * What a report says about the synthetic sample data shipped with the workbench: nothing when none of its samples
 * comes from them; that nothing describes real seizures when all do; which batches are synthetic when the lab's own
 * batches are in it too.
 */
export function syntheticStatement(origins: DataOrigins): string | null {
  const { bundled, own } = origins;
  if (bundled.length === 0) return null;
  const shipped = `${bundled.length === 1 ? 'batch' : 'batches'} ${andList(bundled)}`;
  if (own.length === 0) return `The data come from the synthetic sample files shipped with Signature Workbench (${shipped}): nothing in this report describes real seizures.`;
  return `Some samples come from the synthetic sample files shipped with Signature Workbench (${shipped}): those describe no real seizure. The others come from the lab's own ${own.length === 1 ? 'batch' : 'batches'} ${andList(own)}.`;
}

/** The summary section of a class report. */
export function classSummary(data: ClassReportData, scope: ClassReportScope, profile: RedactionProfile, origins: DataOrigins): SafeHtml {
  const showCases = allows(profile, 'case_id');
  const showIds = allows(profile, 'sample_id');
  const parts: SafeHtml[] = [];
  // Legacy reports named every shipped batch of the workspace, in the plural (origins.bundled is that list for them).
  const synthetic = data.language.legacy
    ? origins.bundled.length ? `The data come from the synthetic sample files shipped with Signature Workbench (batches ${andList(origins.bundled)}): nothing in this report describes real seizures.` : null
    : syntheticStatement(origins);
  if (synthetic) parts.push(html`<p class="statement">${synthetic}</p>`);
  if (scope.by === 'cases') {
    const caseName = showCases ? `${scope.caseIds.length === 1 ? 'Case' : 'Cases'} ${andList(scope.caseIds)}` : 'The case (withheld)';
    const classed = data.groups.filter((g) => g.classId !== null).reduce((k, g) => k + g.end - g.begin, 0);
    const alone = data.unclassified;
    const classes = data.classes.map((c) => String(c.class_id));
    const classText = classes.length ? `its samples fall in chemical ${classes.length === 1 ? 'class' : 'classes'} ${andList(classes)}, which ${classes.length === 1 ? 'holds' : 'hold'} ${classed} samples in all.` : 'none of its samples shares a chemical class with another sample.';
    const aloneText = alone.length
      ? ` ${alone.length} of its samples ${alone.length === 1 ? 'is' : 'are'} linked to no other sample${showIds ? ` (${someOf(alone.map((u) => u.sampleId), 8)})` : ''}${alone.some((u) => u.why === 'not-in-run') ? `; ${alone.filter((u) => u.why === 'not-in-run').length} of them had no signature in class run ${data.run.id}` : ''}.`
      : '';
    parts.push(html`<p>${caseName}: ${classText}${aloneText}</p>`);
  } else {
    parts.push(html`<p>This report describes chemical ${data.classes.length === 1 ? 'class' : 'classes'} ${andList(data.classes.map((c) => String(c.class_id)))} of class run ${data.run.id}.</p>`);
  }
  for (const c of data.classes) parts.push(classParagraph(c, data, profile, scope.by === 'cases' && showCases ? scope.caseIds : null));
  if (!data.evidence.assessed) parts.push(html`<p>${data.evidence.reason}</p>`);
  return html`${parts}`;
}
