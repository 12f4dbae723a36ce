/**
 * The likelihood ratio of a chemical class, as a defined quantity (shared/lr/group-lr.ts): each member against the
 * rest of its class by the calibration's validated group LR system; the class states its median member's LR and its
 * weakest member's (members compared by the calibration's pair comparison), unless more members oppose the rest than the system's validated rate of misleading evidence
 * makes likely for one homogeneous group, in which case the class is said to mix and no class LR is stated. Only a
 * calibration with a validated group system gives one, and only for a run cut with that calibration's pretreatment
 * and score (the LRs are calibrated on its distances).
 */
import { groupEvidence, memberLlrsInSlices, type GroupEvidence } from '../lr/group-lr';
import { groupClauses } from '../lr/propositions';
import { statedLr, type StatedLr } from '../lr/verbal-scale';
import { pretreat } from '../profiling/pretreatment';
import { pairDistanceOf } from '../profiling/pair-comparison';
import { prepareRows } from '../profiling/scores';
import { recordPairComparison } from './calibration-comparison';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { calibrationLrModels } from './calibration-store';
import type { CalibrationRecord } from './calibration-record';
import type { ClassRecord, ClassRunRecord } from './class-run-record';
import { yieldToEventLoop } from '../util/yield-to-event-loop';
import { loadSignatures } from './signature-query';

export type ClassLr =
  | { kind: 'stated'; evidence: GroupEvidence; median: StatedLr; weakest: StatedLr; rate: number; opposing: string[] }
  | { kind: 'mixed'; evidence: GroupEvidence; rate: number; opposing: string[] };

/** Why no class LR can be given for a run, or null when it can. */
export function classLrUnavailable(run: ClassRunRecord, record: CalibrationRecord | null): string | null {
  if (record === null) return 'No likelihood ratio is given: the classes were not cut with a saved calibration, and only a saved calibration validates one.';
  if (record.lr_system === null) return `No likelihood ratio is given: calibration ${record.id} was made before likelihood ratios were validated (its kernel-density model never was); calibrate again to obtain a validated LR system.`;
  if (record.lr_system.group === null || record.lr_system.group.validation === null) return `No likelihood ratio is given: calibration ${record.id} has no validated group LR system (${record.lr_system.notes.join(' ') || 'too few groups of samples'}).`;
  if (run.settings.pretreatment !== record.chosen.pretreatment || run.settings.score !== record.chosen.score) return `No likelihood ratio is given: run ${run.id} compared samples by another pretreatment or score than calibration ${record.id}, whose LRs are calibrated on its own.`;
  return null;
}

/** Each listed class's LR (classLrUnavailable must be null). O(Σ m · min(m, 50) · p) plus loading the members' signatures. */
export async function classLrs(db: Database, run: ClassRunRecord, record: CalibrationRecord, classes: readonly ClassRecord[]): Promise<Map<number, ClassLr>> {
  const out = new Map<number, ClassLr>();
  const system = record.lr_system!;
  const model = calibrationLrModels(record)!.group!;
  const group = system.group!;
  const v = group.validation!;
  const heldOutHp = { misleading: Math.round(v.misleading.hp_below_1 * v.validated.hp), validated: v.validated.hp };
  const rate = (heldOutHp.misleading + 0.5) / (heldOutHp.validated + 1);
  const members = classes.flatMap((c) => c.members);
  if (members.length === 0) return out;
  const loaded = await loadSignatures(db, { compounds: run.settings.signature.compounds, sampleFilter: `sample_id IN (${members.map(sqlString).join(', ')})` });
  const s = record.column_scaling;
  const scaling = s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : undefined;
  const x = pretreat(loaded.matrix, run.settings.pretreatment, { logOffset: run.settings.log_offset, scaling });
  const rows = prepareRows(x.values, x.sampleIds.length, x.compounds.length, run.settings.score);
  // Members compared as the group system was fitted: censored since calibration schema 5 (pair-comparison.ts).
  const compare = recordPairComparison(record) === 'censored' ? pairDistanceOf(loaded.matrix, 'censored', run.settings.pretreatment, run.settings.score, { logOffset: run.settings.log_offset, scaling }) : rows;
  const rowOf = new Map(x.sampleIds.map((id, i) => [id, i]));
  const propositions = { level: system.propositions.level, short: { hp: system.propositions.hp_short, hd: system.propositions.hd_short } };
  for (const c of classes) {
    const at = c.members.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined);
    if (at.length < 2) continue;
    // In slices with a yield between them: in the app this runs on the interface thread.
    const llrs = await memberLlrsInSlices(compare, at, model, group.max_members, yieldToEventLoop);
    const evidence = groupEvidence(llrs, heldOutHp);
    const opposing = at.filter((_, k) => llrs[k] < 0).map((r) => x.sampleIds[r]);
    if (evidence.mixed) {
      out.set(c.class_id, { kind: 'mixed', evidence, rate, opposing });
      continue;
    }
    const clauses = groupClauses(propositions, `the other members of class ${c.class_id}`);
    out.set(c.class_id, { kind: 'stated', evidence, rate, opposing, median: statedLr(evidence.medianLlr, model.bounds, clauses), weakest: statedLr(evidence.minLlr, model.bounds, clauses) });
  }
  return out;
}
