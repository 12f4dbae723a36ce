import { AnalysisRefusal } from '../../shared/analysis/analysis-refusal';
import { describeLinked, describeUnlinked, type SignatureSelectionRecord } from '../../shared/analysis/analysis-inputs';
import { calibrateWorkspace } from '../../shared/analysis/calibrate-workspace';
import { fprCaution } from '../../shared/analysis/calibration-pairs';
import { CALIBRATION_PREFIX } from '../../shared/analysis/calibration-store';
import { combinationLabel, percent, PRETREATMENT_LABELS, score100Text, SCORE_LABELS, THRESHOLD_RULE_WORDS } from '../../shared/analysis/labels';
import type { LrSystemSettings } from '../../shared/analysis/lr-system-compute';
import { lrSystemLines } from '../../shared/analysis/lr-system-text';
import { RecordError } from '../../shared/analysis/record-version';
import { actor, openWorkspaceDatabase, RefusedError, UsageError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { pairSeeds } from '../../shared/profiling/pairs';
import { PAIR_AND_SIGNATURE_OPTIONS, PAIR_AND_SIGNATURE_USAGE, pairRuleFromOptions, resolveSelection, selectionFromOptions } from './pair-options';
import { DEFAULT_ACCEPTED_FPR } from '../../shared/profiling/roc';
import { CV_DEFAULTS } from '../../shared/lr/grouped-cv';

type Values = Record<string, unknown>;

/** `--fpr` as a rate in (0, 1), or undefined. */
export function fprOption(values: Values): number | undefined {
  if (values.fpr === undefined) return undefined;
  const f = Number(values.fpr);
  if (!(f > 0 && f < 1)) throw new UsageError('--fpr is a false-positive rate between 0 and 1, e.g. 0.025 for 2.5 %');
  return f;
}

/** Runs an analysis step, turning its refusals into exit code 1 with their message. */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AnalysisRefusal || e instanceof RecordError) throw new RefusedError(e.message);
    throw e;
  }
}

/** The actor as a record author. */
export function author() {
  const a = actor();
  return { analyst: a.user, appVersion: a.appVersion };
}

const f4 = (x: number): string => x.toFixed(4);
const interval = (i: { low: number; high: number } | null): string => (i ? `${f4(i.low)}–${f4(i.high)}` : '');

/** The threshold rules in the words the output uses. */
/** "roles impurity, precursor, unassigned; without NPP" / "listed compounds": how the signature's compounds were chosen. */
export function signatureWords(sig: SignatureSelectionRecord): string {
  const how = sig.roles ? `roles ${sig.roles.join(', ')}` : 'listed compounds';
  return sig.excluded_compounds.length ? `${how}; without ${sig.excluded_compounds.join(', ')}` : how;
}

/** `--lr-method pav|logistic` and `--cv-folds k` (3–20) as LR system settings (unset: by level, and one fold per group up to 20 groups, else 5). */
export function lrOptions(values: Values): LrSystemSettings {
  const out: LrSystemSettings = {};
  const m = values['lr-method'];
  if (m !== undefined) {
    if (m !== 'pav' && m !== 'logistic') throw new UsageError('--lr-method is pav (isotonic regression with ELUB bounds, the default) or logistic');
    out.method = m;
  }
  const k = values['cv-folds'];
  if (k !== undefined) {
    const n = Number(k);
    if (!(Number.isInteger(n) && n >= 3 && n <= 20)) throw new UsageError('--cv-folds is a whole number of folds from 3 to 20 (default: one per group up to 20 groups, else 5)');
    out.folds = n;
  }
  return out;
}

/**
 * The seeds each side of the pairs was sampled with (`pairSeeds` of shared/profiling/pairs.ts), both printed so that
 * the sample of either side can be drawn again from what the command says.
 */
export function describePairSeeds(seed: number): string {
  const s = pairSeeds(seed);
  return `seed ${s.linked} for linked, ${s.unlinked} for unlinked`;
}

/** `sigwb calibrate`: ROC/AUC of every pretreatment × score on linked and unlinked pairs; saves a new calibration. */
export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  usage: `sigwb calibrate --workspace <dir> ${PAIR_AND_SIGNATURE_USAGE} [--fpr ${DEFAULT_ACCEPTED_FPR}] [--lr-method pav|logistic] [--cv-folds ${CV_DEFAULTS.folds}] [--out <file.json> [--force]] [--wait]`,
  summary: 'Calibrate the link threshold: AUC, threshold and TPR of every pretreatment × score; saves a new calibration version.',
  options: {
    ...WAIT_OPTION,
    workspace: { type: 'string', short: 'w' },
    ...PAIR_AND_SIGNATURE_OPTIONS,
    fpr: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
    'lr-method': { type: 'string' },
    'cv-folds': { type: 'string' },
  },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    noArguments(positionals);
    const asked = selectionFromOptions(values);
    const pairRule = pairRuleFromOptions(values);
    const acceptedFpr = fprOption(values);
    const lr = lrOptions(values);
    const force = values.force === true;
    // Checked before calibrating: a refused --out must not leave a new calibration in force behind it.
    const out = values.out === undefined ? null : checkOutputPath(requireString(values, 'out'), force);
    const { ws, db, close } = await openWorkspaceDatabase(dir, { write: 'calibrate', wait: values.wait === true, io });
    try {
      const { record } = await refusing(async () =>
        calibrateWorkspace(ws, db, {
          selection: await resolveSelection(db, asked),
          pairRule,
          settings: { acceptedFpr, lr },
          author: author(),
        }),
      );
      const fpr = record.accepted_fpr;
      const caution = fprCaution(fpr, record.inputs.samples);
      const p = record.inputs.pairs;
      const rule = record.inputs.pairs_rule;
      const sig = record.inputs.signature;
      const lines = [
        `Calibration on ${record.inputs.samples} samples, ${sig.compounds.length} compounds (${signatureWords(sig)})`,
        `Pairs: ${p.linked.toLocaleString('en-US')} linked (${describeLinked(rule)}), ${p.unlinked.toLocaleString('en-US')} unlinked (${describeUnlinked(rule)})${p.unlinked < p.unlinked_total || p.linked < p.linked_total ? ` sampled from ${p.linked_total.toLocaleString('en-US')} / ${p.unlinked_total.toLocaleString('en-US')} (${describePairSeeds(p.seed)})` : ''}; accepted FPR ${percent(fpr)}`,
        '',
        `${'rank'.padStart(4)}  ${'pretreatment'.padEnd(12)}  ${'score'.padEnd(10)}  ${'AUC'.padEnd(6)}  ${'95 % interval'.padEnd(15)}  ${'gain over default'.padEnd(17)}  ${'threshold'.padEnd(10)}  TPR at ${percent(fpr)} FPR`,
        ...record.combinations.map(
          (c) =>
            `${String(c.rank).padStart(4)}  ${PRETREATMENT_LABELS[c.pretreatment].padEnd(12)}  ${SCORE_LABELS[c.score].padEnd(10)}  ${f4(c.auc)}  ${interval(c.auc_interval).padEnd(15)}  ${(c.gain_interval ? interval(c.gain_interval) : c.pretreatment === record.chosen.pretreatment && c.score === record.chosen.score && record.chosen.kind === 'default' ? 'default' : '').padEnd(17)}  ${c.threshold.toPrecision(4).padEnd(10)}  ${c.tpr_at_threshold.toFixed(3)}${c.pretreatment === record.chosen.pretreatment && c.score === record.chosen.score ? '  ← chosen' : ''}`,
        ),
        '',
        `Chosen: ${combinationLabel(record.chosen.pretreatment, record.chosen.score)}. ${record.chosen.reason}`,
        ...(record.contamination ? [`Contamination: about ${percent(record.contamination.share)} of the unlinked pairs are estimated to share a source; model: ${record.contamination.model}${record.contamination.different_sources.df === undefined ? '' : `, ${record.contamination.different_sources.df.toFixed(1)} degrees of freedom`}.`] : []),
        `Threshold: ${record.threshold.distance.toPrecision(4)} ${SCORE_LABELS[record.chosen.score]} distance (${score100Text(record.threshold.score_100)} on the 0–100 scale), rule: ${THRESHOLD_RULE_WORDS[record.threshold.rule]}; FPR ${percent(record.threshold.fpr)} among different-source pairs (${percent(record.threshold.raw_fpr)} of all unlinked pairs), TPR ${percent(record.threshold.tpr)} on the calibration pairs.`,
        ...record.warnings.map((w) => `Warning: ${w}`),
        ...(caution ? [caution] : []),
        '',
        ...lrSystemLines(record),
        '',
        `Saved calibration ${record.id} (now in force): config/${CALIBRATION_PREFIX}${record.id}.json, ${[record.data.file, record.group_data?.file].filter((f) => f).join(', ')}; sigwb validate writes its validation report.`,
      ];
      if (out !== null) {
        await writeOutputFile(out, JSON.stringify(record, null, 2) + '\n', force);
        lines.push(`Wrote the calibration record to ${out}`);
      }
      io.out(lines.join('\n') + '\n');
    } finally {
      await close();
    }
  },
};
