/**
 * Linking after an import, the one path of `sigwb import` and the app's import (docs/LINKING.md): each imported
 * results batch in turn (linkBatch), and the sentence that says what it did.
 */
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import { linkBatch, type LinkBatchOptions, type LinkBatchOutcome } from './link-batch';
import { searchLines } from './search-text';
import { counted } from '../util/plural';

/**
 * Links the results batches among `batchIds` (other kinds are skipped), in order; returns each one's outcome. A
 * Cancel (AbortError) ends it: the batches stay imported, and those not linked yet say so.
 */
export async function linkImportedBatches(ws: Workspace, db: Database, batchIds: readonly string[], options: LinkBatchOptions): Promise<Map<string, LinkBatchOutcome>> {
  const outcomes = new Map<string, LinkBatchOutcome>();
  const results = batchIds.filter((id) => ws.manifest.batches.find((b) => b.id === id)?.kind === 'results');
  const cancelled = (from: number): void => {
    for (const rest of results.slice(from)) outcomes.set(rest, { status: 'skipped', reason: 'linking was cancelled (the batch is imported, its samples are not linked)' });
  };
  for (const [k, id] of results.entries()) {
    if (options.signal?.aborted) {
      cancelled(k);
      break;
    }
    try {
      outcomes.set(id, await linkBatch(ws, db, id, { ...options, onProgress: (f) => options.onProgress?.((k + f) / results.length) }));
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
      cancelled(k);
      break;
    }
  }
  return outcomes;
}

/** What linking a batch did, in one sentence (the command line adds where to read its alerts). */
export function linkOutcomeText(id: string, o: LinkBatchOutcome): string {
  if (o.status === 'skipped') return `${id} not linked: ${o.reason}`;
  const c = o.record.counts;
  return `${id}: linked ${counted(c.new_samples, 'sample')} against ${counted(c.stored_profiles, 'stored profile')} of the same drug (calibration ${o.record.calibration_id}): ${counted(c.links, 'link')}; ${c.joined} joined a class, ${counted(c.bridges, 'bridge class', 'bridge classes')}, ${counted(c.candidates, 'new candidate class', 'new candidate classes')}; ${counted(c.alerts, 'alert')}; ${searchLines(o.record).slice(1).join('; ')}`;
}
