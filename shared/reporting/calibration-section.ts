/**
 * The calibration a class run was cut with, as a report states it (SWGDRUG SD-5: calibration version and its
 * false-positive rate): id, pretreatment, score, threshold, the per-pair false- and true-positive rates on the
 * calibration pairs, AUC and date, with a figure of the linked and unlinked score distributions against the
 * threshold. The rates are recomputed at the run's own threshold from the calibration's stored pair distances, so
 * they hold for the threshold actually used, also when the run asked for another FPR than the calibration's.
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { describeLinked, describeUnlinked } from '../analysis/analysis-inputs';
import { CUT_RULE_WORDS } from '../analysis/class-run-reasons';
import { LINKAGE_LABELS } from '../analysis/labels';
import { combinationText, CURRENT_LANGUAGE, decadeText, scale100Text, type ReportLanguage } from './report-language';
import { METHOD_NAMES } from '../analysis/lr-system-text';
import type { ClassRunRecord } from '../analysis/class-run-record';
import { html, type SafeHtml } from './html';
import { factsTableHtml } from './report-tables';
import { figure, logScale, percentText, px, svgElement } from './svg';

/** The calibration figures at the threshold a run used. */
export interface CalibrationUse {
  /** How the run's tree was cut (class-run record settings.source.cut). */
  cut: 'held-out' | 'calibration' | 'fresh-calibration' | 'threshold' | 'k';
  /** The saved calibration the run used, or null (calibrated on the run's own pairs, or none). */
  record: CalibrationRecord | null;
  threshold: number | null;
  threshold100: number | null;
  /** Share of unlinked / linked calibration pairs at or under the threshold; null when unknown. */
  fpr: number | null;
  tpr: number | null;
  auc: number | null;
  pairs: { linked: number; unlinked: number } | null;
  /** A cut chosen on held-out pairs: its estimated rates and the contamination behind them (null otherwise). */
  heldOut: { falseLinkRate: number; recall: number; f1: number; contamination: number | null } | null;
}

/** Share of values ≤ t. O(n). */
export function shareAtOrBelow(values: Float64Array, t: number): number {
  let k = 0;
  for (const v of values) if (v <= t) k++;
  return values.length ? k / values.length : 0;
}

/** A distance in the score's units with 4 significant digits. */
export const distanceText = (d: number): string => d.toPrecision(4);

/** One sentence on what the per-pair FPR means, for the summary and the limitations. */
export function fprMeaning(use: CalibrationUse, unlinked: string): string {
  const h = use.heldOut;
  if (h && use.threshold !== null) {
    const share = h.contamination === null ? '' : ` About ${percentText(h.contamination)} of the unlinked pairs (${unlinked}) are estimated to share a source all the same: they are not counted as false links.`;
    return `The cut was chosen on pairs held out from the choice: about ${percentText(h.falseLinkRate)} of the held-out pairs estimated to be of different sources were joined in one class, and ${percentText(h.recall)} of the held-out linked pairs.${share} The rate is per pair compared, so among many comparisons some false links are expected, and a class joined through a single close pair is weaker evidence than one whose members are all close to one another.`;
  }
  if (use.fpr === null || use.threshold === null) return 'The classes were not cut at a calibrated threshold, so their links carry no measured false-positive rate.';
  return `At this threshold about ${percentText(use.fpr)} of the pairs of samples known to be unlinked (${unlinked}) were nevertheless closer than the threshold: the rate is per pair compared, so among many comparisons some false links are expected, and a class joined through a single close pair is weaker evidence than one whose members are all close to one another.`;
}

function distributionPlot(record: CalibrationRecord, run: ClassRunRecord, threshold: number, lang: ReportLanguage): SafeHtml | null {
  const c = record.combinations.find((k) => k.pretreatment === run.settings.pretreatment && k.score === run.settings.score);
  if (!c) return null;
  const levels = record.quantile_levels;
  const q = (values: number[], level: number) => values[levels.indexOf(level)];
  if ([0.01, 0.25, 0.5, 0.75, 0.99].some((l) => !levels.includes(l))) return null;
  const rows = [
    { name: `Linked pairs (${describeLinked(record.inputs.pairs_rule)})`, values: c.distributions.linked_quantiles, n: record.inputs.pairs.linked },
    { name: `Unlinked pairs (${describeUnlinked(record.inputs.pairs_rule)})`, values: c.distributions.unlinked_quantiles, n: record.inputs.pairs.unlinked },
  ];
  const scale = logScale([...rows.flatMap((r) => [q(r.values, 0.01), q(r.values, 0.99)]), threshold], [210, 680], 1e-9);
  const marks: SafeHtml[] = [];
  const axisY = 20 + rows.length * 34;
  for (const d of scale.decades) {
    const x = px(scale.at(d));
    marks.push(html`<line class="grid" x1="${x}" x2="${x}" y1="14" y2="${px(axisY)}"></line><text class="tick" x="${x}" y="${px(axisY + 12)}" text-anchor="middle">${decadeText(d, lang)}</text>`);
  }
  rows.forEach((r, i) => {
    const y = 20 + i * 34 + 14;
    const at = (l: number) => px(scale.at(q(r.values, l)));
    marks.push(html`<text class="label" x="200" y="${px(y + 3.5)}" text-anchor="end">${r.name}</text>`);
    marks.push(html`<line class="range" x1="${at(0.01)}" x2="${at(0.99)}" y1="${px(y)}" y2="${px(y)}"><title>1st to 99th percentile: ${distanceText(q(r.values, 0.01))} to ${distanceText(q(r.values, 0.99))}</title></line>`);
    marks.push(html`<rect class="${i === 0 ? 'box linked' : 'box unlinked'}" x="${at(0.25)}" y="${px(y - 7)}" width="${px(Math.max(1, scale.at(q(r.values, 0.75)) - scale.at(q(r.values, 0.25))))}" height="14"><title>${r.n} pairs; quartiles ${distanceText(q(r.values, 0.25))} to ${distanceText(q(r.values, 0.75))}</title></rect>`);
    marks.push(html`<line class="median" x1="${at(0.5)}" x2="${at(0.5)}" y1="${px(y - 7)}" y2="${px(y + 7)}"><title>median ${distanceText(q(r.values, 0.5))}</title></line>`);
  });
  const tx = px(scale.at(threshold));
  marks.push(html`<line class="threshold" x1="${tx}" x2="${tx}" y1="6" y2="${px(axisY)}"><title>threshold ${distanceText(threshold)}</title></line><text class="tick" x="${tx}" y="10" text-anchor="middle">threshold ${distanceText(threshold)}</text>`);
  marks.push(html`<text class="axis-title" x="445" y="${px(axisY + 28)}" text-anchor="middle">${combinationText(run.settings.pretreatment, run.settings.score, lang)} distance (log scale); pairs left of the threshold are called linked</text>`);
  return figure(svgElement(700, axisY + 36, 'Calibration pair distances', marks), 'Distances of the calibration pairs: box from the 25th to the 75th percentile, line from the 1st to the 99th, tick at the median; the dashed line is the link threshold.');
}

/** The LR system's held-out figures, one row per part, for a class report's calibration facts. */
function lrFacts(rec: CalibrationRecord): [string, string][] {
  const s = rec.lr_system;
  if (s === null) return [['Likelihood ratios', 'none: this calibration was made before likelihood ratios were validated']];
  const part = (name: string, v: NonNullable<typeof s.pairs.validation> | null): [string, string] =>
    v === null
      ? [name, 'not validated']
      : [name, `held-out Cllr ${v.cllr.toFixed(3)} bits (Cllr_min ${v.cllr_min.toFixed(3)}, Cllr_cal ${v.cllr_cal.toFixed(3)}); LR > 1 for ${percentText(v.misleading.hd_above_1)} of Hd comparisons, LR < 1 for ${percentText(v.misleading.hp_below_1)} of Hp comparisons`];
  return [
    ['Likelihood ratios', `${s.propositions.level} level, ${METHOD_NAMES[s.method]}, bounded by ELUB, validated by ${s.cross_validation.folds}-fold cross-validation grouped by ${s.cross_validation.grouped_by} (the calibration's validation report: sigwb validate --calibration ${rec.id})`],
    part('Pair LR', s.pairs.validation),
    ...(s.group ? [part('Group LR (class members, sources)', s.group.validation)] : []),
  ];
}

/** The calibration section of a class report; `legacy` leaves out what reports made before LRs were validated did not state. */
/** The calibration section (`lang`: as the report is written; legacy reports in their own words). */
export function calibrationSection(use: CalibrationUse, run: ClassRunRecord, legacy = false, lang: ReportLanguage = CURRENT_LANGUAGE): SafeHtml {
  const s = run.settings;
  const rec = use.record;
  const facts: [string, string][] = [];
  if (rec) {
    facts.push(['Calibration', `${rec.id}, saved ${rec.created_at.slice(0, 10)} by ${rec.analyst} (Signature Workbench ${rec.app_version})`]);
    facts.push(['Calibration pairs', `${rec.inputs.pairs.linked} linked (${describeLinked(rec.inputs.pairs_rule)}), ${rec.inputs.pairs.unlinked} unlinked (${describeUnlinked(rec.inputs.pairs_rule)}) from ${rec.inputs.samples} samples`]);
    facts.push(['Accepted false-positive rate', percentText(rec.accepted_fpr)]);
  } else if (use.cut === 'fresh-calibration') {
    facts.push(['Calibration', `none saved: calibrated on the run's own pairs (${describeLinked(s.pairs_rule)} linked, ${describeUnlinked(s.pairs_rule)} unlinked)`]);
  } else {
    facts.push(['Calibration', 'none']);
  }
  facts.push(['Pretreatment + score', combinationText(s.pretreatment, s.score, lang)]);
  facts.push(['Linkage', LINKAGE_LABELS[s.linkage]]);
  if (use.threshold !== null) facts.push(['Link threshold', `${distanceText(use.threshold)} (${use.threshold100 === null ? '' : `${scale100Text(use.threshold100, lang)} on the 0–100 scale, `}distance units of the score)`]);
  if (use.cut === 'held-out') facts.push(['Cut', `chosen on held-out pairs (${run.figures.folds} folds by ${s.pairs_rule.linked_by[0]}): ${s.cut_rule ? CUT_RULE_WORDS[s.cut_rule] : ''}`]);
  const e = run.figures.contamination;
  if (e) facts.push(['Contamination of the unlinked pairs', `about ${percentText(e.share)} estimated to share a source (${e.model}); not counted as false links`]);
  if (use.cut === 'k') facts.push(['Cut', `at most ${s.k} classes, as asked: not at a calibrated threshold`]);
  if (use.cut === 'threshold') facts.push(['Cut', 'at a threshold the analyst set']);
  facts.push(['False-positive rate (per pair)', use.fpr === null ? 'not known' : percentText(use.fpr)]);
  facts.push(['True-positive rate (per pair)', use.tpr === null ? 'not known' : percentText(use.tpr)]);
  facts.push(['ROC AUC', use.auc === null ? 'not known' : use.auc.toFixed(4)]);
  if (use.pairs && !rec) facts.push(['Calibration pairs', `${use.pairs.linked} linked, ${use.pairs.unlinked} unlinked`]);
  if (rec && !legacy) facts.push(...lrFacts(rec));
  const plot = rec && use.threshold !== null ? distributionPlot(rec, run, use.threshold, lang) : null;
  return html`<p>The chemical classes come from class run ${run.id}, cut at the link threshold below. The rates are measured on the calibration pairs at that threshold.</p>
${factsTableHtml(facts)}
${plot ?? ''}
<p>The false-positive rate is per pair of samples compared; the limitations below say what that means for a class.</p>`;
}
