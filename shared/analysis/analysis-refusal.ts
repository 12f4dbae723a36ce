/**
 * Refusals of an analysis that are the data's or the analyst's doing, not a bug: no measurements, too few
 * calibration pairs, a clustering that would not fit in memory, an unknown column. The CLI maps them to exit 1 and
 * the interface shows the message as is; `reason` lets either react without parsing text. They cross the engine
 * worker boundary as { name, reason, message } (engine-protocol.ts).
 */
import { InsufficientPairsError } from '../profiling/calibration';
import { ClusteringTooLargeError } from '../profiling/linkage';

export type RefusalReason = 'no-measurements' | 'too-few-pairs' | 'too-large' | 'bad-setting' | 'not-found';

export class AnalysisRefusal extends Error {
  override name = 'AnalysisRefusal';
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** The core's refusals (missing pairs, memory budget) as AnalysisRefusal; anything else unchanged. */
export function asRefusal(e: unknown): unknown {
  if (e instanceof ClusteringTooLargeError) return new AnalysisRefusal('too-large', e.message);
  if (e instanceof InsufficientPairsError) return new AnalysisRefusal('too-few-pairs', e.message);
  return e;
}
