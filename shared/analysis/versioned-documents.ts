/**
 * Versioned analysis records (calibrations C0001 …, class runs R0001 …): each is a config document named
 * `${prefix}${id}` plus, for bulk numbers, an Arrow file beside it. An id once written is never written again, so
 * a report that names C0003 can always be checked against the very record it used (Esseiva et al. 2011: keep
 * each calibration versioned).
 */
import type { Workspace } from '../workspace/Workspace';

/** Ids of the existing records with this document prefix and id letter, ascending. */
export function versionedIds(ws: Workspace, prefix: string, letter: string): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}(${letter}\\d{4,})$`);
  return Object.keys(ws.manifest.documents)
    .map((name) => pattern.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

/** The next free id (C0001, C0002 …): one more than the highest ever recorded. */
export function nextVersionedId(ws: Workspace, prefix: string, letter: string): string {
  const ids = versionedIds(ws, prefix, letter);
  const max = ids.length ? Number(ids[ids.length - 1].slice(1)) : 0;
  return `${letter}${String(max + 1).padStart(4, '0')}`;
}
