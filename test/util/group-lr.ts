/**
 * A validated group LR system for tests that need one beside a calibration computed in the test (as a saved
 * calibration would hold it): pairs by the default rule, the LR system of shared/analysis/lr-system-compute.ts.
 */
import { computeLrSystem } from '../../shared/analysis/lr-system-compute';
import { lrSystemInput } from '../../shared/analysis/lr-system-input';
import type { SourceCalibration } from '../../shared/attribution/source-attribution';
import { simplePopulation } from '../../shared/profiling/pair-population';
import { buildPairs, pairDistances } from '../../shared/profiling/pairs';
import { pretreat, type Pretreatment } from '../../shared/profiling/pretreatment';
import type { Score } from '../../shared/profiling/scores';
import type { SignatureMatrix } from '../../shared/profiling/signature-matrix';

/** The group LR of a seizure-level calibration (linked = same `linked`, unlinked = different `unlinked`) on `matrix`. */
export function groupLrFor(matrix: SignatureMatrix, pretreatment: Pretreatment, score: Score, linked: (string | null)[], unlinked: (string | null)[]): NonNullable<SourceCalibration['lr']> {
  const population = simplePopulation(linked, unlinked);
  const pairs = buildPairs(population);
  const x = pretreat(matrix, pretreatment);
  const distances = { linked: pairDistances(x, score, pairs.linked), unlinked: pairDistances(x, score, pairs.unlinked) };
  const system = computeLrSystem(lrSystemInput(x, score, pairs, distances, population));
  if (!system.group) throw new Error(`no group LR system: ${system.notes.join(' ')}`);
  return { model: system.group.model, propositions: { level: 'seizure', short: { hp: 'the same seizure', hd: 'different cases' } }, maxMembers: system.group.maxMembers };
}
