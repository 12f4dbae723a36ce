/**
 * The plain-text summary of an attribution run, as `sigwb attribute` prints it: what was compared with what, the
 * cross-validated accuracy on the reference set with the confusion matrix, what was called, and the notes.
 */
import type { CvFigures } from './cross-validation';
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
    lines.push(`Cross-validated accuracy on the reference set (${cv.plan.k} folds ${cv.plan.grouped ? 'grouped by source' : 'by sample'}, seed ${cv.plan.seed}):`);
    if (cv.lda !== null) lines.push(`  LDA (shrinkage)          ${pct(cv.lda.accuracy)}`);
    lines.push(`  kNN (calibrated score)   ${pct(cv.knn.accuracy)}`);
    lines.push(`  ensemble (mean of both)  ${pct(cv.ensemble.accuracy)}`);
    if (r.combinedCrossValidation !== null) {
      const c = r.combinedCrossValidation;
      let und = 0;
      for (const v of c.undetermined) und += v;
      const g = c.classes.length;
      let right = 0;
      for (let k = 0; k < g; k++) right += c.confusion[k * g + k];
      lines.push(`  full rule (+ markers)    ${pct(c.accuracy)} (${und} of ${c.n} undetermined; ${pct(right / (c.n - und))} right when a route is called)`);
    }
    lines.push('');
    lines.push('Confusion matrix of the ensemble (rows: true route, columns: predicted):');
    lines.push(...confusionText(cv.ensemble));
    lines.push(`  Recall: ${cv.ensemble.classes.map((c, k) => `${c} ${pct(cv.ensemble.recall[k])}`).join(', ')}`);
  }
  const called = r.samples.filter((s) => s.call.route !== null).length;
  const sourced = r.classes.filter((c) => c.source?.source != null).reduce((s, c) => s + c.sampleIds.length, 0);
  lines.push('');
  lines.push(`Wrote ${r.samples.length} sample(s) to ${outName}: ${called} with a route, ${r.samples.length - called} undetermined; ${sourced} in a class linked to a known source.`);
  if (r.notes.length > 0) {
    lines.push('Notes:');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  return lines;
}
