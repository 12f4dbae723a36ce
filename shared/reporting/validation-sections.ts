/**
 * The sections of an LR system's validation report (validation-report.ts): the validation matrix of Meuwly, Ramos
 * & Haraksim 2017 (performance characteristic, metric, figure, and the lab's criterion and decision left to fill),
 * the propositions and population rule, the data, the methods, the figures with their plots, the calibration's link
 * threshold, and the limitations.
 */
import { describeLinked, describeUnlinked } from '../analysis/analysis-inputs';
import type { CalibrationRecord } from '../analysis/calibration-record';
import { percent, THRESHOLD_RULE_WORDS } from '../analysis/labels';
import { combinationText, CURRENT_LANGUAGE, type ReportLanguage } from './report-language';
import type { LrPartRecord, LrSystemRecord } from '../analysis/lr-system-record';
import { pairComparisonText } from '../profiling/pair-comparison';
import { METHOD_NAMES } from '../analysis/lr-system-text';
import { ENFSI_CUT_POINTS, ENFSI_QUALIFIERS, lrValueText } from '../lr/verbal-scale';
import { html, type SafeHtml } from './html';
import { ecePlot, scoreLrPlot, tippettPlot, type DistanceHistograms } from './lr-plots';
import { factsTableHtml, rowsTableHtml } from './report-tables';

const pct = (f: number): string => `${Number((f * 100).toPrecision(2))} %`;
const f3 = (x: number): string => x.toFixed(3);
const bits = (x: number): string => `${f3(x)} bits`;

/** What the plots of one part need beside its record. */
export interface PartPlots {
  histograms: DistanceHistograms | null;
  llrAt: (distance: number) => number;
}

/** The validation matrix: one row per performance characteristic of a validated part. */
function matrix(name: string, part: LrPartRecord): SafeHtml {
  const v = part.validation!;
  const rows: [string, string, string][] = [
    ['Accuracy', 'Cllr (0 perfect, 1 uninformative)', bits(v.cllr)],
    ['Discriminating power', 'Cllr_min (after PAV); EER', `${bits(v.cllr_min)}; EER ${pct(v.eer)}`],
    ['Calibration', 'Cllr_cal = Cllr − Cllr_min', bits(v.cllr_cal)],
    ['Misleading evidence for Hp', 'share of Hd comparisons with LR > 1 (with LR > 100)', `${pct(v.misleading.hd_above_1)} (${pct(v.misleading.hd_above_100)})`],
    ['Misleading evidence for Hd', 'share of Hp comparisons with LR < 1 (with LR < 1/100)', `${pct(v.misleading.hp_below_1)} (${pct(v.misleading.hp_below_100)})`],
    ['Range of LRs', 'ELUB bounds of the fitted system', `LR ${lrValueText(part.model.bounds.lower)} to ${lrValueText(part.model.bounds.upper)} (log10 ${part.model.bounds.lower.toFixed(2)} to ${part.model.bounds.upper.toFixed(2)})`],
  ];
  return html`<h3>${name}: validation matrix</h3>
<p>Figures of the held-out LRs of ${v.validated.hp.toLocaleString('en-US')} Hp and ${v.validated.hd.toLocaleString('en-US')} Hd comparisons (${v.fits} models fitted in the cross-validation). The validation criteria and the decision are the lab's to set before the figures are read (Meuwly, Ramos &amp; Haraksim 2017).</p>
${rowsTableHtml(['Performance characteristic', 'Metric', 'Figure', 'Validation criterion', 'Decision (pass / fail)'], rows.map((r) => [...r, '', '']))}`;
}

/** Summary: what the record is, the propositions, and the headline figures. */
export function validationSummary(record: CalibrationRecord, s: LrSystemRecord): SafeHtml {
  const p = s.pairs.validation;
  const g = s.group?.validation ?? null;
  const line = (name: string, v: NonNullable<typeof p>) =>
    html`<li><strong>${name}:</strong> held-out Cllr ${f3(v.cllr)} bits (Cllr_min ${f3(v.cllr_min)}, Cllr_cal ${f3(v.cllr_cal)}), EER ${pct(v.eer)}; ${pct(v.misleading.hd_above_1)} of Hd comparisons had LR &gt; 1 and ${pct(v.misleading.hp_below_1)} of Hp comparisons LR &lt; 1.</li>`;
  return html`<p>This document is the validation record of the likelihood-ratio system of calibration ${record.id}, saved ${record.created_at.slice(0, 10)} by ${record.analyst} with Signature Workbench ${record.app_version}. Every figure below is computed from LRs that the cross-validation held out of the fit that produced them.</p>
<p class="statement">${s.propositions.hp}<br>${s.propositions.hd}</p>
<p>The propositions are at ${s.propositions.level} level. A sample compared with a group (the other members of a chemical class, or a known source's reference samples) is weighed by the group LR system under the same propositions.</p>
<ul class="summary-points">${p ? line('Pair LR', p) : html`<li><strong>Pair LR:</strong> not validated.</li>`}${s.group ? (g ? line('Group LR', g) : html`<li><strong>Group LR:</strong> not validated.</li>`) : html`<li><strong>Group LR:</strong> none (no group comparisons of both propositions).</li>`}</ul>
${s.notes.map((n) => html`<p>${n}</p>`)}`;
}

/** Items: the data the system was fitted and validated on. */
export function validationItems(record: CalibrationRecord, s: LrSystemRecord): SafeHtml {
  const pr = record.inputs.pairs;
  const rule = record.inputs.pairs_rule;
  const sig = record.inputs.signature;
  const facts: [string, string][] = [
    ['Samples', `${record.inputs.samples.toLocaleString('en-US')} with a measurement of a signature compound${sig.sample_filter ? ` (filter: ${sig.sample_filter})` : ''}`],
    ['Signature', `${sig.compounds.length} compounds: ${sig.compounds.join(', ')}`],
    ['Population rule', `linked (Hp): ${describeLinked(rule)}; unlinked (Hd): ${describeUnlinked(rule)}`],
    ['Pairs', `${pr.linked.toLocaleString('en-US')} Hp of ${pr.linked_total.toLocaleString('en-US')}, ${pr.unlinked.toLocaleString('en-US')} Hd of ${pr.unlinked_total.toLocaleString('en-US')} (sampled beyond ${pr.max_linked.toLocaleString('en-US')} / ${pr.max_unlinked.toLocaleString('en-US')}, seed ${pr.seed})`],
    ['Cross-validation groups', `${s.cross_validation.groups.toLocaleString('en-US')} values of ${s.cross_validation.grouped_by}`],
  ];
  if (s.group) facts.push(['Group comparisons', `${s.group.comparisons.hp.toLocaleString('en-US')} Hp and ${s.group.comparisons.hd.toLocaleString('en-US')} Hd sample-against-group comparisons, groups of ${s.group.group_sizes[0]} to ${s.group.group_sizes[2]} members (median ${s.group.group_sizes[1]})`]);
  return html`${factsTableHtml(facts)}
<h3>Input batches</h3>
${rowsTableHtml(['Batch', 'Kind', 'Stored data SHA-256'], record.inputs.batches.map((b) => [b.id, b.kind, html`<span class="hash">${b.data_sha256}</span>`]))}`;
}

/** Methods: score, calibration, bounds, validation scheme, group statistic and verbal scale. */
export function validationMethods(record: CalibrationRecord, s: LrSystemRecord, lang: ReportLanguage = CURRENT_LANGUAGE): SafeHtml {
  const cv = s.cross_validation;
  const method = s.method === 'pav'
    ? 'isotonic regression (pool-adjacent-violators) of the proposition on the score, with weights that give both propositions equal total weight, so that the fitted odds are likelihood ratios; linear between its points and constant beyond them'
    : 'logistic regression of the proposition on the score with balanced class weights and an L2 penalty on the slope (C = 1), so that the fitted log-odds are log LRs';
  const scale = ENFSI_QUALIFIERS.map((q, k) => [k === 0 ? `1 to ${ENFSI_CUT_POINTS[0]}` : k < ENFSI_CUT_POINTS.length ? `${ENFSI_CUT_POINTS[k - 1].toLocaleString('en-US')} to ${ENFSI_CUT_POINTS[k].toLocaleString('en-US')}` : `above ${ENFSI_CUT_POINTS[k - 1].toLocaleString('en-US')}`, q]);
  return html`<ul>
<li><strong>Score:</strong> the ${combinationText(record.chosen.pretreatment, record.chosen.score, lang)} distance between two pretreated signatures (${record.chosen.reason}). The LRs are computed on f = −log10(distance + offset), monotone in the distance.</li>
${s.pair_comparison === 'censored' ? html`<li><strong>Pair comparison:</strong> ${pairComparisonText('censored')} Non-detects are censored values (Helsel 2012, Statistics for Censored Environmental Data), compared here pair by pair; the group LR compares a sample with each member the same way.</li>
` : ''}<li><strong>Score to LR:</strong> ${METHOD_NAMES[s.method]}: ${method} (the LiR toolkit's calibrators; Leegwater et al. 2024). By default the workbench uses logistic regression for source-level propositions and PAV otherwise, a rule fixed beforehand on generated collections (at seizure level the Hd pairs mix same-source and different-source pairs, which a logistic line cannot follow).</li>
<li><strong>Bounds:</strong> the LRs are limited to the empirical lower and upper bounds (ELUB) of the LRs the model gives its own training data (Vergeer et al. 2016, thresholds on a 0.01 grid in log10, one misleading LR added each side): no LR is reported stronger than the data could show.</li>
<li><strong>Validation:</strong> ${cv.folds}-fold cross-validation grouped by ${cv.grouped_by} (seed ${cv.seed}): every group of samples is in one fold, and a comparison whose samples lie in folds f and g receives its LR from a model fitted only on comparisons with no sample in f or g. No comparison's group is ever in both the fitting and the validation data; each comparison is validated once.</li>
<li><strong>Figures:</strong> Cllr (Brümmer &amp; du Preez 2006), Cllr_min after PAV of the held-out LRs and Cllr_cal = Cllr − Cllr_min; the equal error rate on the ROC convex hull; rates of misleading evidence; Tippett and ECE plots (Meuwly, Ramos &amp; Haraksim 2017). Cllr, Cllr_min and Cllr_cal are held to a reference implementation (numpy and scikit-learn's IsotonicRegression) to 1e-9 by the workbench's tests.</li>
<li><strong>Group LR:</strong> a sample against a group scores the median of its distances to the group's members (at most ${s.group?.max_members ?? 50}); that score is calibrated and validated like a pair's, on comparisons of each sample with the rest of its own linked group (Hp) and with groups unlinked from it, cut to the same size (Hd). LRs of pairs are never multiplied: the pairs of a group share their samples and are not independent.</li>
</ul>
<h3>Verbal scale (ENFSI 2015)</h3>
${rowsTableHtml(['LR (or 1/LR for Hd)', 'Support'], scale)}`;
}

function partResults(name: string, part: LrPartRecord, plots: PartPlots, names: { hp: string; hd: string }, xTitle: string): SafeHtml {
  if (part.validation === null) return html`<h3>${name}</h3><p>Not validated: no held-out LRs of both propositions.</p>`;
  return html`${matrix(name, part)}
${tippettPlot(part.validation, part.model.bounds, names)}
${ecePlot(part.validation)}
${scoreLrPlot(part, plots.llrAt, plots.histograms, xTitle)}`;
}

/** Results: per part the validation matrix and its three figures. */
export function validationResults(record: CalibrationRecord, s: LrSystemRecord, pair: PartPlots, group: PartPlots | null, lang: ReportLanguage = CURRENT_LANGUAGE): SafeHtml {
  const names = { hp: s.propositions.hp_short, hd: s.propositions.hd_short };
  const metric = `${combinationText(record.chosen.pretreatment, record.chosen.score, lang)} distance`;
  return html`${partResults('Pair LR', s.pairs, pair, names, `${metric} of a pair (log scale)`)}
${s.group && group ? partResults('Group LR', s.group, group, names, `median ${metric} of a sample to a group's members (log scale)`) : ''}`;
}

/** The threshold, its rule and rates; a calibration before schema 4 (rule 'fpr') in the words its reports used then. */
function linkThreshold(record: CalibrationRecord): string {
  const t = record.threshold;
  const at = `${t.distance.toPrecision(4)} (${t.score_100.toFixed(2)} on the 0–100 scale) at accepted FPR ${percent(record.accepted_fpr)}`;
  if (t.rule === 'fpr') return `${at}: FPR ${percent(t.fpr)}, TPR ${percent(t.tpr)} on the pairs`;
  const fpr = t.rule === 'corrected-fpr' ? `FPR ${percent(t.fpr)} among the pairs estimated to be of different sources (${percent(t.raw_fpr)} of all unlinked pairs)` : `FPR ${percent(t.raw_fpr)} of all unlinked pairs`;
  return `${at}, rule: ${THRESHOLD_RULE_WORDS[t.rule]}: ${fpr}, TPR ${percent(t.tpr)} on the pairs`;
}

/** The calibration's link threshold, for completeness: the LR system and the threshold come from the same pairs. */
export function validationCalibration(record: CalibrationRecord, storedSchema: number, lang: ReportLanguage = CURRENT_LANGUAGE): SafeHtml {
  return factsTableHtml([
    // The schema it was saved in (its record is read migrated to the current one), so a report made before verifies.
    ['Calibration', `${record.id} (schema ${storedSchema})`],
    ['Pretreatment + score', combinationText(record.chosen.pretreatment, record.chosen.score, lang)],
    ['ROC AUC', record.auc.toFixed(4)],
    ['Link threshold', linkThreshold(record)],
  ]);
}

/** Limitations of the validation. */
export function validationLimitations(record: CalibrationRecord, s: LrSystemRecord, bundled: readonly string[]): SafeHtml {
  const items: string[] = [
    `The figures hold for samples like these: the same drug, method, compounds and population rule. Recalibrate and validate again for another drug, method or laboratory (Esseiva et al. 2011; Morelato et al. 2015).`,
    `The pretreatment and score were chosen by ROC AUC on all the calibration's pairs before the cross-validation; the LR calibration and its bounds were refitted in every fold, the choice of score was not, which may make the held-out figures slightly optimistic.`,
    'Pairs share samples, so they are not independent: the numbers of comparisons overstate the information they hold, most for the Hp pairs of large groups.',
  ];
  if (s.propositions.level !== 'source') items.push(`The propositions are at ${s.propositions.level} level. "${describeUnlinked(record.inputs.pairs_rule)}" is not "different source": a source supplies many cases, so some Hd pairs share a source; the LRs weigh the propositions as stated, not common source.`);
  if (bundled.length) items.push(`Batches ${bundled.join(', ')} are the synthetic sample data shipped with Signature Workbench: these figures validate nothing about casework.`);
  return html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}
