/**
 * The sections of a chemical-class report other than the summary (class-summary-text.ts), calibration
 * (calibration-section.ts) and provenance (report-provenance.ts): the members with their seizure data, the
 * signature figures and evidence, the methods and the limitations.
 */
import { describeLinked, describeUnlinked } from '../analysis/analysis-inputs';
import { staleSentence } from '../analysis/freshness';
import { lrText } from '../lr/verbal-scale';
import { LEGACY_LIMITATION } from './legacy-lr';
import { classIdMatchText, LINKAGE_LABELS } from '../analysis/labels';
import { classRunMethodSentence } from '../analysis/class-run-method';
import { combinationText, pretreatmentText, scale100Text } from './report-language';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { allows, type RedactionProfile } from '../exporting/redaction';
import { nonDetectRuleText } from '../profiling/non-detects';
import { distanceText, fprMeaning } from './calibration-section';
import type { ClassReportData } from './class-report-data';
import { classEvidenceHtml, evidenceIntro } from './evidence-section';
import { html, type SafeHtml } from './html';
import { arrowTableHtml, factsTableHtml, fixed, presentColumns, type ColumnView } from './report-tables';
import type { DataOrigins } from './bundled-samples';
import { andList } from './class-summary-text';
import { analysisMethodsHtml } from './sample-list-report';
import { pcaFigure } from './pca-figure';
import { memberProfilePlot, signatureRangePlot, signatureValuesTable } from './signature-plots';
import { yieldToEventLoop } from '../util/yield-to-event-loop';

const MEMBER_COLUMNS: ColumnView[] = [
  { name: 'sample_id', title: 'Sample' },
  { name: 'seizure_id', title: 'Seizure', nowrap: true },
  { name: 'case_id', title: 'Case', nowrap: true },
  { name: 'seized_on', title: 'Seized on', nowrap: true },
  { name: 'region', title: 'Region' },
  { name: 'city', title: 'City' },
  { name: 'form', title: 'Form' },
  { name: 'mass_g', title: 'Mass (g)', format: fixed(3) },
  { name: 'main_drug', title: 'Main drug' },
  { name: 'purity_pct', title: 'Purity (%)', format: fixed(1) },
  { name: 'agency', title: 'Agency' },
  { name: 'distance_to_class_mean', title: 'Distance to class mean', format: (v) => (typeof v === 'number' ? distanceText(v) : '') },
];

/** Items: one table per class, then the unclassified samples of a case. */
export function itemsSection(data: ClassReportData, profile: RedactionProfile): SafeHtml {
  const views = presentColumns(data.items, MEMBER_COLUMNS);
  const why = new Map(data.unclassified.map((u) => [u.sampleId, u.why]));
  const parts = data.groups.map((g) => {
    const rows = data.items.slice(g.begin, g.end);
    if (g.classId === null) {
      const late = [...why.values()].filter((w) => w === 'not-in-run').length;
      return html`<h3>Samples of the case in no class (${rows.numRows})</h3>
<p>Linked to no other sample at the threshold${late ? html`; ${late} of them had no signature in class run ${data.run.id} (no results for its compounds, or imported after it)` : ''}.</p>
${arrowTableHtml(rows, views.filter((v) => v.name !== 'distance_to_class_mean'))}`;
    }
    return html`<h3>Class ${g.classId} (${rows.numRows} samples)</h3>${arrowTableHtml(rows, views)}`;
  });
  const withheld = data.removed.length ? html`<p class="muted">Columns withheld under redaction profile ${profile.name}: ${data.removed.join(', ')}.</p>` : '';
  return html`<p>Members of each chemical class with their seizure data, and each member's distance to its class's mean signature (score units: the member furthest from the mean is the one to look at twice).</p>${withheld}${parts}`;
}

/** Whether a profile lets the signature values out (the figures and the PCA). */
const showsSignatures = (profile: RedactionProfile) => allows(profile, 'compound') && (allows(profile, 'area') || allows(profile, '@compounds'));

/**
 * Each class's signature figures, one figure per task (yieldToEventLoop between them): for a class of hundreds of members
 * each figure is tens of thousands of marks, and made in one go they held the app's interface thread for 100s of ms.
 */
export async function signatureFigures(data: ClassReportData, profile: RedactionProfile): Promise<Map<number, SafeHtml>> {
  const out = new Map<number, SafeHtml>();
  if (!showsSignatures(profile)) return out;
  for (const c of data.classes) {
    const sig = data.signatures.get(c.class_id);
    if (!sig || !sig.members.length) continue;
    const parts: SafeHtml[] = [];
    for (const make of [() => signatureRangePlot(sig, `Class ${c.class_id} signature`), () => memberProfilePlot(sig, `Class ${c.class_id} members`), () => signatureValuesTable(sig)]) {
      await yieldToEventLoop();
      parts.push(make());
    }
    out.set(c.class_id, html`${parts}`);
  }
  return out;
}

/** Results: per class its facts and signature figures (signatureFigures), then the route and source evidence. */
export function resultsSection(data: ClassReportData, profile: RedactionProfile, figuresOf: ReadonlyMap<number, SafeHtml>): SafeHtml {
  const showSignatures = showsSignatures(profile);
  const showNames = allows(profile, 'case_id');
  const classes = data.classes.map((c) => {
    const lr = data.classLr.get(c.class_id);
    const facts: [string, string][] = [['Members', `${c.size} samples${allows(profile, 'seizure_id') ? ` from ${c.seizures} seizures` : ''}${showNames ? ` in ${c.cases.length} ${c.cases.length === 1 ? 'case' : 'cases'}` : ''}`]];
    if (allows(profile, 'seized_on') && c.first_seen) facts.push(['First and last seen', `${c.first_seen} to ${c.last_seen}`]);
    if (allows(profile, 'region') && c.regions.length) facts.push(['Regions', c.regions.map((r) => `${r.region} (${r.samples})`).join(', ')]);
    facts.push(['Mean distance between two members', `${distanceText(c.cohesion)} (${scale100Text(c.cohesion_100, data.language)} on the 0–100 scale${data.language.legacy ? '' : '; 0 = identical'})`]);
    if (data.legacy) {
      if (data.legacy.lr) facts.push(data.legacy.lr.classFact(c.cohesion));
    } else if (lr?.kind === 'stated') {
      facts.push(['Likelihood ratio (median member against the rest)', `${lrText(lr.median)}: ${lr.median.verbal.qualifier}`]);
      facts.push(['Weakest member', `${lrText(lr.weakest)}; ${lr.evidence.opposing} of ${c.size} members below 1`]);
    } else if (lr?.kind === 'mixed') {
      facts.push(['Likelihood ratio', `not stated: ${lr.evidence.opposing} of ${c.size} members have an LR below 1 against the rest of the class (the class may mix samples of different origin)`]);
    } else if (data.lrNote) facts.push(['Likelihood ratio', data.lrNote]);
    if (c.previous_class_id !== null) facts.push(['Earlier run', `the same class as class ${c.previous_class_id} of run ${data.run.previous_run} (${classIdMatchText(data.run.settings.class_id_rule, c.jaccard)})`]);
    const made = figuresOf.get(c.class_id);
    const figures = !showSignatures
      ? html`<p class="muted">Signature values are withheld under redaction profile ${profile.name}.</p>`
      : made ?? html`<p>No signature values.</p>`;
    return html`<h3>Class ${c.class_id}</h3>${factsTableHtml(facts)}${figures}`;
  });
  const ev = data.evidence;
  const evidence = ev.assessed
    ? [
      ...data.classes.map((c) => classEvidenceHtml(ev, ev.of(c.members, c.class_id), `Class ${c.class_id}: route and source`, showNames, data.legacy?.lr ?? null)),
      ...data.unclassified.filter((u) => u.why === 'alone').map((u) => classEvidenceHtml(ev, ev.of([u.sampleId], null), allows(profile, 'sample_id') ? `Sample ${u.sampleId} (in no class): route` : 'A sample in no class: route', showNames, data.legacy?.lr ?? null)),
    ]
    : [];
  return html`${pcaSection(data, profile, showSignatures)}${classes}<h3>Route and source evidence</h3>${evidenceIntro(ev)}${evidence}`;
}

/** The reported classes among all samples (PCA), unless signature values are withheld. */
function pcaSection(data: ClassReportData, profile: RedactionProfile, showSignatures: boolean): SafeHtml {
  if (!showSignatures || data.pca === null) return html``;
  const view = data.pca.view;
  if (view === null) return html`<h3>The classes among all samples</h3><p class="muted">No PCA: ${data.pca.why}.</p>`;
  const row = new Map(view.sampleIds.map((id, i) => [id, i]));
  const showIds = allows(profile, 'sample_id');
  const members = data.classes.flatMap((c) =>
    c.members.filter((id) => row.has(id)).map((id, k) => ({ row: row.get(id)!, label: showIds ? id : `member ${k + 1}`, classId: c.class_id })),
  );
  return html`<h3>The classes among all samples</h3>${pcaFigure(view, members, data.classes.map((c) => c.class_id), data.language)}`;
}

/** Methods: how the classes were made, and the analytical methods of the samples. */
export async function methodsSection(db: Database, data: ClassReportData, profile: RedactionProfile, software: string): Promise<SafeHtml> {
  const s = data.run.settings;
  const sig = s.signature;
  const cut = data.calibration.threshold === null ? `cut into at most ${s.k} classes` : `cut at the link threshold ${distanceText(data.calibration.threshold)}`;
  const linkage = data.run.figures.linkages.find((l) => l.method === s.linkage);
  const facts: [string, string][] = [
    ['Class run', `${data.run.id}, made ${data.run.created_at.slice(0, 10)} by ${data.run.analyst} (${data.run.mode === 'auto' ? 'automatic mode' : 'explicit settings'}, Signature Workbench ${data.run.app_version}) on ${data.run.inputs.samples} samples`],
    ['Signature', `${sig.compounds.length} compounds${sig.roles ? ` of the roles ${sig.roles.join(', ')}` : ''}: ${sig.compounds.join(', ')}`],
    ['Pretreatment', `${pretreatmentText(s.pretreatment, data.language)}: ${PRETREATMENT_MEANING[s.pretreatment].replace('OFFSET', String(s.log_offset))}`],
    // Stated by runs that record their rule; earlier runs' reports stay as they were made (they used 'zero').
    ...(sig.non_detects === undefined ? [] : [['Non-detects', nonDetectRuleText(sig.non_detects)] as [string, string]]),
    ['Score', combinationText(s.pretreatment, s.score, data.language)],
    ['Linkage', `${LINKAGE_LABELS[s.linkage]}${linkage?.f1 != null ? ` (estimated F1 of same-source pairs ${linkage.f1.toFixed(3)})` : linkage?.cophenetic_correlation != null ? ` (cophenetic correlation ${linkage.cophenetic_correlation.toFixed(4)})` : ''}, ${cut}`],
    // Stated by threshold-graph runs (no tree); reports of full runs stay as they were made.
    ...(data.run.method.kind === 'full' ? [] : [['Method', classRunMethodSentence(data.run)] as [string, string]]),
    ['Calibration pairs', `linked: ${describeLinked(s.pairs_rule)}; unlinked: ${describeUnlinked(s.pairs_rule)}`],
    ['Software', software],
  ];
  const listed = [...data.classes.flatMap((c) => c.members), ...data.unclassified.map((u) => u.sampleId)];
  const where = `sample_id IN (${listed.map(sqlString).join(', ') || 'NULL'})`;
  const grouping =
    data.run.method.kind === 'full'
      ? 'samples are grouped by hierarchical agglomerative clustering, and the tree is cut at the calibrated threshold'
      : 'the pairs of samples within the threshold form a graph whose connected components are the classes of single linkage cut at the threshold, each component clustered by the linkage below (no tree over all samples)';
  return html`<p>Samples are compared by their chemical signatures: the peak areas of the target compounds below, pretreated and compared by a score; ${grouping}. The groups are the chemical classes.</p>
${factsTableHtml(facts)}
<ul>${data.run.reasons.map((r) => html`<li>${r}</li>`)}</ul>
${await analysisMethodsHtml(db, where, profile)}`;
}

/** Each pretreatment in words (shared/profiling/pretreatment.ts; Andersson et al. 2007, Lociciro et al. 2008). */
const PRETREATMENT_MEANING: Record<string, string> = {
  none: 'peak areas as measured',
  n: 'each sample normalised to the sum of its target areas',
  sqrt: 'each sample normalised to the sum of its target areas, then the square root',
  'fourth-root': 'each sample normalised to the sum of its target areas, then the fourth root',
  log: 'each sample normalised to the sum of its target areas, then log10 of the share plus OFFSET',
  'n+s': 'each sample normalised to the sum of its target areas, then each compound divided by its standard deviation over the calibration data',
  autoscale: 'each compound centred on its mean and divided by its standard deviation over the calibration data',
};

const LINKAGE_MEANING: Record<string, string> = {
  single: 'With single linkage, a class is a chain of close pairs: two members can be far apart if samples between them are close to both.',
  complete: 'With complete linkage, every pair of members is closer than the threshold.',
  average: 'With average linkage, groups join when the mean distance between their members is under the threshold: a single pair within a class can be further apart than the threshold.',
  weighted: 'With weighted linkage, groups join when their weighted mean distance is under the threshold: a single pair within a class can be further apart than the threshold.',
  ward: 'With Ward linkage, groups join by least increase of variance; the cut height is not a pair distance, so the link threshold applies to the classes only approximately.',
};

/** What a class report's likelihood ratios rest on, and where they stop. */
function lrLimitation(data: ClassReportData): string {
  const system = data.calibration.record?.lr_system;
  if (!system || data.lrNote !== null) return data.lrNote ?? '';
  const level = system.propositions.level;
  const levelNote = level === 'source' ? '' : ` Its propositions are at ${level} level (${system.propositions.hp.replace(/^Hp: /, '').replace(/\.$/, '')}), while a chemical class can gather several seizures and cases: a member linked to the rest through the same source but another seizure gets a low LR here, and a source-level calibration (linked by a source column) weighs that link instead.`;
  return `Each class's likelihood ratio weighs every member against the rest of the class (the median of its distances to them, calibrated on sample-against-group comparisons of known status and validated by cross-validation grouped by ${system.cross_validation.grouped_by}; see the calibration's validation report). It assumes the rest of the class is one group; members' LRs are not independent (they share the class), so the count of members below 1 is a screen, not an exact test. LRs are bounded by what the validation data support (ELUB) and were never multiplied across pairs.${levelNote}`;
}

/** The run's and the calibration's staleness in the words every view uses (staleSentence); empty when both are current. */
export function staleSentences(data: ClassReportData): string[] {
  const out = [staleSentence('Class run', data.run, data.freshness.run)];
  const cal = data.calibration.record;
  if (cal && data.freshness.calibration) out.push(staleSentence('Calibration', cal, data.freshness.calibration));
  return out.filter((s): s is string => s !== null);
}

/**
 * Limitations particular to class reports (the document adds the lead-not-proof and reproducibility statements);
 * `legacyFreshness`: as reports made before they stated freshness.
 */
export function limitationsSection(data: ClassReportData, profile: RedactionProfile, origins: DataOrigins, legacyFreshness = false): SafeHtml {
  const s = data.run.settings;
  const items: (string | SafeHtml)[] = [
    fprMeaning(data.calibration, describeUnlinked(s.pairs_rule)),
    LINKAGE_MEANING[s.linkage] ?? '',
    data.legacy ? LEGACY_LIMITATION : lrLimitation(data),
    'A shared class speaks of production (impurities and precursors); adulterants and diluents, added at distribution, are not part of the signature.',
  ];
  if (data.evidence.assessed) items.push('Route probabilities rest on the workspace\'s reference samples and on marker rules whose thresholds are assumptions unless the signature library cites a source; a route is evidence to weigh, never a certainty.');
  if (legacyFreshness) {
    if (data.laterBatches.length) items.push(`Batches ${andList(data.laterBatches)} were imported after class run ${data.run.id}: their values appear in the tables and figures but took no part in forming the classes.`);
  } else {
    const stale = staleSentences(data);
    if (data.freshness.run.newBatches.length) stale.push(`The samples of ${data.freshness.run.newBatches.length === 1 ? 'batch' : 'batches'} ${andList(data.freshness.run.newBatches)} appear in the tables and figures but took no part in forming the classes.`);
    if (stale.length) items.push(`${stale.join(' ')} Run the classes again (sigwb cluster, or the app's “Run the classes again”) for a report on the data as they are now.`);
  }
  if (data.removed.length) items.push(`Columns withheld under redaction profile ${profile.name}: ${data.removed.join(', ')}.`);
  if (origins.bundled.length && data.language.legacy) items.push(`Batches ${andList(origins.bundled)} are the synthetic sample data shipped with Signature Workbench, not casework.`);
  else if (origins.bundled.length) items.push(`${origins.bundled.length === 1 ? 'Batch' : 'Batches'} ${andList(origins.bundled)} ${origins.bundled.length === 1 ? 'is' : 'are'} the synthetic sample data shipped with Signature Workbench, not casework.`);
  items.push('Values are shown as recorded in the imported files, without correction.');
  return html`<ul>${items.filter((i) => i !== '').map((i) => html`<li>${i}</li>`)}</ul>`;
}
