/**
 * The plain-text summary of an attribution run, as `sigwb attribute` prints it: what was compared with what, the
 * cross-validated accuracy on the reference set with the confusion matrix, what was called, and the notes.
 */
import type { CvFigures } from './cross-validation';
import type { OpenSetValidation, RuleFigures } from './open-set-validation';
import { gateSummaryText } from './evidence-text';
import type { WorkspaceAttribution } from './workspace-attribution';

/** A confusion matrix as aligned text (rows = true route, columns = predicted; a last column for undetermined). */
export function confusionText(fig: CvFigures, indent = '  '): string[] {
  const g = fig.classes.length;
  const showUndetermined = fig.undetermined.some((v) => v > 0);
  const head = [...fig.classes, ...(showUndetermined ? ['undetermined'] : [])];
  const first = Math.max(...fig.classes.map((c) => c.length), 'true \\ predicted'.length);
  const widths = head.map((h) => Math.max(h.length, 3));
  const lines = [`${indent}${'true \\ predicted'.padEnd(first)}  ${head.map((h, k) => h.padStart(widths[k])).join('  ')}`];
  for (let r = 0; r < g; r++) {
    const cells = fig.classes.map((_, c) => String(fig.confusion[r * g + c]));
    if (showUndetermined) cells.push(String(fig.undetermined[r]));
    lines.push(`${indent}${fig.classes[r].padEnd(first)}  ${cells.map((v, k) => v.padStart(widths[k])).join('  ')}`);
  }
  return lines;
}

const pct = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(2));

/** The open-set rule's figures on the references, each with its optimism stated. */
export function openSetLines(o: OpenSetValidation): string[] {
  const row = (label: string, f: RuleFigures) =>
    `  ${label.padEnd(58)} called ${pct(f.called)}, right when called ${pct(f.rightWhenCalled)}, right ${pct(f.right)}; fit their own route ${pct(f.fitsOwn)}`;
  const lines = [
    'The whole route rule (classifiers, typicality test, markers) on the reference set:',
    row('resubstitution (judged on its own training samples)', o.resubstitution),
    row(`cross-validated, folds ${o.grouped ? 'grouped by source' : 'by sample'} (cut chosen on them too)`, o.crossValidated),
    row('nested (cut chosen inside each training part): new sources', o.nested),
    `  Typicality cut: D² ≤ ${Number(o.cut.toPrecision(3))}, the ${100 * (1 - o.alpha)} % quantile (α = ${o.alpha}) of ${o.heldOut} held-out distances (${o.grouped ? 'sources held out' : 'single samples held out'}). Resubstitution is optimistic by construction; the nested figure is the one to expect for a new source of a referenced route.`,
  ];
  const gate = o.gate;
  if (gate.floor > 0) {
    lines.push(`  Per-route gate (a route's calls stand when the ${Math.round(100 * gate.confidence)} % Wilson lower bound of its held-out precision in the nested cross-validation reaches ${gate.floor}): ${gateSummaryText(gate)}.`);
    if (o.gatedNested !== null) lines.push(row('nested, with the gate chosen inside each training part too', o.gatedNested));
    else lines.push('  nested, with the gate chosen inside each training part too: not computed (a training part holds a route from a single source).');
  } else lines.push('  Per-route gate: off (gate floor 0).');
  if (o.leaveOneRouteOut.length > 0) {
    lines.push(`  Each referenced route withheld in turn (a route the references do not cover): ${o.leaveOneRouteOut.map((w) => `${w.route} ${pct(w.calledAsReferenced)} called as a referenced route, ${pct(w.fitsNone)} set apart by the typicality test, ${pct(w.calledRight)} called ${w.route} by markers`).join('; ')}.`);
  }
  return lines;
}

/** The summary lines of a run (no trailing newline). */
export function attributionSummary(run: WorkspaceAttribution, outName: string): string[] {
  const r = run.result;
  const lines: string[] = [];
  lines.push(`Attribution of ${r.drug} samples (signature library ${run.library.version}, ${run.library.origin})`);
  lines.push(`  Signature: ${run.compounds.length} compounds; ${run.sampleCount} samples, of which ${r.references.used} reference samples of ${r.referenceRoutes.length} route(s) from ${r.references.sources} source(s).`);
  lines.push(`  Comparison: ${r.comparison.pretreatment} + ${r.comparison.score}. Calibration: ${r.calibration?.label ?? 'none'}. Chemical classes: ${run.classCount}.`);
  const cv = r.crossValidation;
  if (cv !== null) {
    lines.push('');
    lines.push(`Classifiers among the referenced routes, cross-validated (${cv.plan.k} folds ${cv.plan.grouped ? 'grouped by source' : 'by sample'}, seed ${cv.plan.seed}):`);
    if (cv.lda !== null) lines.push(`  LDA (shrinkage)          ${pct(cv.lda.accuracy)}`);
    lines.push(`  kNN (calibrated score)   ${pct(cv.knn.accuracy)}`);
    lines.push(`  ensemble (mean of both)  ${pct(cv.ensemble.accuracy)}`);
    lines.push('');
    lines.push('Confusion matrix of the ensemble (rows: true route, columns: predicted):');
    lines.push(...confusionText(cv.ensemble));
    lines.push(`  Recall: ${cv.ensemble.classes.map((c, k) => `${c} ${pct(cv.ensemble.recall[k])}`).join(', ')}`);
  }
  if (r.openSet !== null) lines.push('', ...openSetLines(r.openSet));
  if (r.referenceRoutes.length > 0 && r.unreferencedRoutes.length > 0) lines.push(`Not referenced: ${r.unreferencedRoutes.join(', ')} (no reference samples: their samples can only be called from the marker rules).`);
  const called = r.samples.filter((s) => s.call.route !== null).length;
  const sourced = r.classes.filter((c) => c.source?.source != null).reduce((s, c) => s + c.sampleIds.length, 0);
  lines.push('');
  const none = r.samples.filter((s) => s.call.reason === 'no-route-fits').length;
  lines.push(`Wrote ${r.samples.length} sample(s) to ${outName}: ${called} with a route, ${none} fitting no referenced route, ${r.samples.length - called - none} undetermined; ${sourced} in a class linked to a known source.`);
  if (r.notes.length > 0) {
    lines.push('Notes:');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  return lines;
}
