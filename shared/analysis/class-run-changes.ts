/**
 * What a class run changed against the run before it, by sample: which classes kept their members and id, which
 * gained samples (the new ones, and any earlier class merged into them), which classes are new and whether they hold
 * only new samples (candidate classes, as linking at import names them: shared/linking/link-batch.ts), and which ids
 * were retired. One path for the Classes view and the tests; it reads the two runs' data files, so classes of one
 * sample count too. O(n).
 */
import type { ClassRunData } from './class-run-record';

/** A run's assignment: sample ids and their class ids, in the same order. */
export type Assignment = Pick<ClassRunData, 'sampleIds' | 'classIds'>;

export interface GainedClass {
  classId: number;
  /** Members now. */
  size: number;
  /** Samples the previous run did not have, sorted. */
  added: string[];
  /** Ids of earlier classes whose members joined it (a new sample bridged them), sorted. */
  merged: number[];
}

export interface NewClass {
  classId: number;
  /** Members, sorted. */
  members: string[];
  /** Members the previous run did not have, sorted. */
  added: string[];
  /**
   * Earlier classes whose members are in it, sorted: empty for a candidate class (only new samples); else an earlier
   * class's samples regrouped (classes merged or split, the id rule of class-ids.ts), or, in runs before class-run
   * schema 5, an earlier class that grew past the Jaccard rule counting new members.
   */
  from: number[];
  /** True when every member is new to this run (from is empty). */
  candidate: boolean;
}

export interface ClassRunChanges {
  /** Samples in this run that the previous one did not have. */
  addedSamples: number;
  /** Classes of two or more samples with the same id and the same members as before. */
  kept: number;
  /** Classes that kept their id and gained samples, largest gain first. */
  gained: GainedClass[];
  /** Classes of two or more samples under an id the previous run did not use, largest first. */
  created: NewClass[];
  /** New samples linked to no other (classes of one). */
  unlinkedNew: number;
  /** Ids of the previous run's classes (two or more samples) that no longer exist. */
  retired: number[];
  /** Per retired id (same order): the classes now holding its samples, ascending ("merged into N"). */
  retiredInto: number[][];
}

function groups(a: Assignment): Map<number, string[]> {
  const out = new Map<number, string[]>();
  a.sampleIds.forEach((s, i) => {
    const c = a.classIds[i];
    const list = out.get(c);
    if (list) list.push(s);
    else out.set(c, [s]);
  });
  return out;
}

/** The changes from `previous` to `current` (see the module doc). */
export function classRunChanges(previous: Assignment, current: Assignment): ClassRunChanges {
  const before = new Map(previous.sampleIds.map((s, i) => [s, previous.classIds[i]]));
  const was = groups(previous);
  const now = groups(current);
  let kept = 0;
  let unlinkedNew = 0;
  const gained: GainedClass[] = [];
  const created: NewClass[] = [];
  for (const [classId, members] of now) {
    const added = members.filter((s) => !before.has(s)).sort();
    if (members.length === 1) {
      if (added.length === 1) unlinkedNew++;
      continue;
    }
    const old = was.get(classId);
    const earlier = [...new Set(members.flatMap((s) => (before.has(s) && before.get(s) !== classId ? [before.get(s)!] : [])))].sort((x, y) => x - y);
    if (old === undefined) {
      created.push({ classId, members: [...members].sort(), added, from: earlier, candidate: earlier.length === 0 });
      continue;
    }
    const merged = earlier;
    if (added.length === 0 && merged.length === 0 && members.length === old.length) kept++;
    else if (added.length > 0 || merged.length > 0) gained.push({ classId, size: members.length, added, merged });
  }
  const retired = [...was].filter(([id, m]) => m.length > 1 && !now.has(id)).map(([id]) => id).sort((x, y) => x - y);
  const where = new Map(current.sampleIds.map((s, i) => [s, current.classIds[i]]));
  const retiredInto = retired.map((id) => [...new Set((was.get(id) ?? []).flatMap((s) => (where.has(s) ? [where.get(s)!] : [])))].sort((x, y) => x - y));
  gained.sort((x, y) => y.added.length - x.added.length || x.classId - y.classId);
  created.sort((x, y) => y.members.length - x.members.length || x.classId - y.classId);
  return { addedSamples: current.sampleIds.filter((s) => !before.has(s)).length, kept, gained, created, unlinkedNew, retired, retiredInto };
}
