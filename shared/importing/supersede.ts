/**
 * Which batch a new import corrects. Asked for by id, or found: a live batch of the same kind, from a
 * file of the same name, sharing at least half of its samples (a corrected export of the same run).
 * Different runs exported under one fixed name share no samples and are kept side by side.
 */
import { tableFromIPC } from 'apache-arrow';
import { sqlIdent, type Database } from '../db/Database';
import { supersededIds } from '../db/workspace-views';
import type { BatchKind, BatchRecord } from '../workspace/manifest';
import type { Workspace } from '../workspace/Workspace';

export type SupersedeChoice = { id: string | null; note: string | null } | { refused: string };

/** Minimum share of the smaller sample set two batches must have in common to count as versions of one. */
export const SUPERSEDE_OVERLAP = 0.5;

async function batchSampleIds(ws: Workspace, db: Database, b: BatchRecord): Promise<Set<string>> {
  try {
    const t = await db.query(`SELECT DISTINCT sample_id FROM ${sqlIdent(`batch_${b.id}`)} WHERE sample_id IS NOT NULL`);
    return new Set(t.getChild('sample_id')!.toArray() as string[]);
  } catch {
    const t = tableFromIPC(await ws.readBatchData(b));
    return new Set((t.getChild('sample_id')?.toArray() as (string | null)[]).filter((s): s is string => s !== null));
  }
}

/** The batch the import supersedes: `requested` id, none (null), or found (undefined). */
export async function chooseSuperseded(ws: Workspace, db: Database, kind: BatchKind, fileName: string, samples: Set<string>, requested: string | null | undefined): Promise<SupersedeChoice> {
  const batches = ws.manifest.batches;
  const superseded = supersededIds(batches);
  if (requested === null) return { id: null, note: null };
  if (requested !== undefined) {
    const b = batches.find((x) => x.id === requested);
    if (!b) return { refused: `there is no batch ${requested} to supersede` };
    if (b.kind !== kind) return { refused: `batch ${requested} holds ${b.kind}, not ${kind}: it cannot be superseded by this file` };
    if (superseded.has(b.id)) return { refused: `batch ${requested} is already superseded` };
    return { id: b.id, note: null };
  }
  const candidates = batches.filter((b) => b.kind === kind && b.file_name === fileName && !superseded.has(b.id)).reverse();
  for (const b of candidates) {
    const old = await batchSampleIds(ws, db, b);
    let common = 0;
    for (const s of samples) if (old.has(s)) common++;
    const smaller = Math.min(old.size, samples.size);
    if (smaller > 0 && common >= SUPERSEDE_OVERLAP * smaller) {
      return { id: b.id, note: `a corrected version of ${b.id} (same file name, ${common} of ${old.size} samples in common): ${b.id} is kept but superseded` };
    }
  }
  return { id: null, note: null };
}
