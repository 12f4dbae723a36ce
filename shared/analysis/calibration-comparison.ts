/**
 * The pair comparison a calibration's LRs were fitted on, applied to samples of a loaded matrix: every LR stated with
 * a calibration (a link's, a class's, a known source's) compares the two samples by the rule its record states
 * (lr_system.pair_comparison; shared/profiling/pair-comparison.ts), with the record's pretreatment, score, log offset
 * and column scaling.
 */
import { LEGACY_PAIR_COMPARISON, pairDistanceOf, type PairComparison, type PairDistance } from '../profiling/pair-comparison';
import type { ColumnScaling } from '../profiling/pretreatment';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { CalibrationRecord } from './calibration-record';

/** The column scaling a record keeps (N+S, autoscale), as the pretreatment takes it; undefined when none. */
export function recordScaling(record: CalibrationRecord): ColumnScaling | undefined {
  const s = record.column_scaling;
  return s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : undefined;
}

/** How the record's LR system compares two samples ('substitute' for a record without one). */
export function recordPairComparison(record: CalibrationRecord): PairComparison {
  return record.lr_system?.pair_comparison ?? LEGACY_PAIR_COMPARISON;
}

/**
 * The distance of two samples of raw matrix `m` (loaded with the record's compounds and non-detect rule) as the
 * record's LR system compares them. O(n·p) once, O(p) per pair.
 */
export function calibrationPairDistance(record: CalibrationRecord, m: SignatureMatrix): PairDistance {
  return pairDistanceOf(m, recordPairComparison(record), record.chosen.pretreatment, record.chosen.score, { logOffset: record.inputs.log_offset, scaling: recordScaling(record) });
}
