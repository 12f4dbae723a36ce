import { LinkageName, PretreatmentName, ScoreName } from '../../shared/analysis/analysis-inputs';
import type { ClassRunSettings } from '../../shared/analysis/class-run-compute';
import { runClasses } from '../../shared/analysis/class-run';
import { runGraphClasses } from '../../shared/analysis/class-run-graph';
import { CLASS_RUN_PREFIX } from '../../shared/analysis/class-run-store';
import { combinationLabel, LINKAGE_LABELS, score100Text, SCORE_LABELS } from '../../shared/analysis/labels';
import { toCsv } from '../../shared/util/csv';
import { nodeEngine } from '../../node/profiling/node-engine';
import { openWorkspaceDatabase, UsageError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { author, fprOption, refusing, signatureWords } from './calibrate';
import { PAIR_AND_SIGNATURE_OPTIONS, PAIR_AND_SIGNATURE_USAGE, pairRuleFromOptions, resolveSelection, selectionFromOptions } from './pair-options';
import { DEFAULT_ACCEPTED_FPR } from '../../shared/profiling/roc';

function choice<T extends string>(values: Record<string, unknown>, name: string, schema: { safeParse(v: unknown): { success: boolean } }, all: readonly T[]): T | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!schema.safeParse(v).success) throw new UsageError(`--${name} is one of ${all.join(', ')}`);
  return v as T;
}

/** The overrides a command line asks for (all unset: the automatic mode). */
export function clusterSettings(values: Record<string, unknown>): ClassRunSettings {
  const settings: ClassRunSettings = {
    pretreatment: choice(values, 'pretreat', PretreatmentName, PretreatmentName.options),
    score: choice(values, 'score', ScoreName, ScoreName.options),
    linkage: choice(values, 'linkage', LinkageName, LinkageName.options),
    acceptedFpr: fprOption(values),
  };
  const t = values.threshold;
  if (t !== undefined && t !== 'auto') {
    const x = Number(t);
    if (t === '' || !Number.isFinite(x) || x < 0) throw new UsageError('--threshold is a distance ≥ 0 in the score\'s units, or auto');
    settings.threshold = x;
  }
  if (values.k !== undefined) {
    const k = Number(values.k);
    if (!Number.isInteger(k) || k < 1) throw new UsageError('--k is a whole number of classes ≥ 1');
    if (settings.threshold !== undefined) throw new UsageError('give --threshold or --k, not both');
    settings.k = k;
  }
  if (values['max-memory'] !== undefined) {
    const mib = Number(values['max-memory']);
    if (!(mib > 0)) throw new UsageError('--max-memory is a number of MiB');
    settings.maxBytes = mib * 1024 * 1024;
  }
  return settings;
}

/** `sigwb cluster`: chemical classes of the workspace's samples, one CSV row per sample; saves the run. */
export const clusterCommand: CliCommand = {
  name: 'cluster',
  usage:
    `sigwb cluster --workspace <dir> ${PAIR_AND_SIGNATURE_USAGE} [--pretreat none|n|sqrt|fourth-root|log|n+s|autoscale] [--score pearson|cosine|euclidean|manhattan|canberra] [--linkage single|complete|average|weighted|ward] [--threshold <distance>|auto] [--fpr ${DEFAULT_ACCEPTED_FPR}] [--k <n>] [--calibration in-force|none|<id>] [--max-memory <MiB>] [--graph] --out <file.csv> [--force] [--wait]`,
  summary:
    'Build chemical classes (automatic mode unless told otherwise); writes one row per sample and saves the run. --graph: classes from the threshold graph (no n × n matrix; extends the latest graph run when only samples were added).',
  options: {
    ...WAIT_OPTION,
    workspace: { type: 'string', short: 'w' },
    ...PAIR_AND_SIGNATURE_OPTIONS,
    pretreat: { type: 'string' },
    score: { type: 'string' },
    linkage: { type: 'string' },
    threshold: { type: 'string' },
    fpr: { type: 'string' },
    k: { type: 'string' },
    calibration: { type: 'string' },
    'max-memory': { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
    graph: { type: 'boolean', default: false },
  },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    const outOption = requireString(values, 'out');
    noArguments(positionals);
    const asked = selectionFromOptions(values);
    const pairRule = pairRuleFromOptions(values);
    const settings = clusterSettings(values);
    const calibration = typeof values.calibration === 'string' ? values.calibration : 'in-force';
    if (!/^(in-force|none|C\d{4,})$/.test(calibration)) throw new UsageError('--calibration is in-force, none or a calibration id such as C0001');
    const force = values.force === true;
    // Checked before clustering: a refused --out must not leave a saved class run behind it.
    const out = checkOutputPath(outOption, force);
    const { ws, db, close } = await openWorkspaceDatabase(dir, { write: 'cluster', wait: values.wait === true, io });
    try {
      const { record, run, facts } = await refusing(async () =>
        values.graph === true
          ? runGraphClasses(ws, db, { selection: await resolveSelection(db, asked), settings, calibration, author: author(), engine: nodeEngine() })
          : runClasses(ws, db, { selection: await resolveSelection(db, asked), pairRule, settings, calibration, author: author(), engine: nodeEngine() }),
      );
      const sizes = new Map<number, number>();
      for (const c of run.classIds) sizes.set(c, (sizes.get(c) ?? 0) + 1);
      const header = ['sample_id', 'class_id', 'seizure_id', 'case_id', 'seized_on', 'region', 'class_size', 'distance_to_class_mean'];
      const rows = run.sampleIds.map((id, i) => [id, run.classIds[i], facts.seizureId[i], facts.caseId[i], facts.seizedOn[i], facts.region[i], sizes.get(run.classIds[i]) ?? 0, run.distanceToMean[i]]);
      await writeOutputFile(out, toCsv(header, rows), force);
      const s = record.settings;
      const sig = s.signature;
      const cut = s.k !== null ? `at most ${s.k} classes` : `threshold ${s.threshold?.toPrecision(4)} ${SCORE_LABELS[s.score]} distance`;
      const lines = [
        `Class run on ${run.sampleIds.length} samples, ${sig.compounds.length} compounds (${signatureWords(sig)}); ${record.mode === 'auto' ? 'automatic mode' : 'explicit settings'}`,
        `Chose: ${combinationLabel(s.pretreatment, s.score)}, ${LINKAGE_LABELS[s.linkage]} linkage, ${cut}${s.calibration_id ? (s.source.cut === 'calibration' ? ` (calibration ${s.calibration_id})` : ` (combination of calibration ${s.calibration_id})`) : ''}`,
        'Why:',
        ...record.reasons.map((r) => `  - ${r}`),
        `Classes: ${record.class_count} (${record.singletons} of one sample)`,
      ];
      const top = record.classes.slice().sort((a, b) => b.size - a.size || a.class_id - b.class_id).slice(0, 10);
      if (top.length) {
        lines.push(`  ${'class'.padStart(5)}  ${'size'.padStart(5)}  ${'cases'.padStart(5)}  ${'seizures'.padStart(8)}  ${'first seen'.padEnd(10)}  ${'last seen'.padEnd(10)}  ${'mean distance (0–100)'.padStart(21)}  regions`);
        for (const c of top) {
          lines.push(
            `  ${String(c.class_id).padStart(5)}  ${String(c.size).padStart(5)}  ${String(c.cases.length).padStart(5)}  ${String(c.seizures).padStart(8)}  ${(c.first_seen ?? '').padEnd(10)}  ${(c.last_seen ?? '').padEnd(10)}  ${score100Text(c.cohesion_100).padStart(21)}  ${c.regions.map((r) => r.region).join(', ')}`,
          );
        }
        if (record.classes.length > top.length) lines.push(`  … ${record.classes.length - top.length} more classes of two samples or more`);
      }
      lines.push(`Wrote ${rows.length} rows to ${out}`);
      lines.push(`Saved class run ${record.id}: config/${CLASS_RUN_PREFIX}${record.id}.json, ${record.data.file}`);
      io.out(lines.join('\n') + '\n');
    } finally {
      await close();
    }
  },
};
