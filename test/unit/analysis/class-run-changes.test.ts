/**
 * What a run changed against the one it extends, as the Classes view lists it: classes kept whole, classes that
 * gained new samples (and earlier classes merged into them), new candidate classes, new samples linked to no other,
 * retired ids.
 */
import { describe, expect, it } from 'vitest';
import { classRunChanges, type Assignment } from '../../../shared/analysis/class-run-changes';

const run = (pairs: [string, number][]): Assignment => ({ sampleIds: pairs.map(([s]) => s), classIds: Int32Array.from(pairs.map(([, c]) => c)) });

describe('classRunChanges', () => {
  const before = run([
    ['a1', 1], ['a2', 1], ['a3', 1],
    ['b1', 2], ['b2', 2],
    ['c1', 3], ['c2', 3],
    ['d1', 4], ['d2', 4],
    ['lone', 5],
  ]);

  it('names the class that gained samples, the new candidate class, the merge and the unlinked new sample', () => {
    const after = run([
      ['a1', 1], ['a2', 1], ['a3', 1],
      ['b1', 2], ['b2', 2], ['n1', 2], ['n2', 2],
      // n3 bridges classes 3 and 4: one class, keeping 3's id (the Jaccard rule), 4 retired.
      ['c1', 3], ['c2', 3], ['d1', 3], ['d2', 3], ['n3', 3],
      ['lone', 5],
      ['n4', 6], ['n5', 6],
      ['n6', 7],
    ]);
    const ch = classRunChanges(before, after);
    expect(ch.addedSamples).toBe(6);
    expect(ch.kept).toBe(1);
    expect(ch.gained).toEqual([
      { classId: 2, size: 4, added: ['n1', 'n2'], merged: [] },
      { classId: 3, size: 5, added: ['n3'], merged: [4] },
    ]);
    expect(ch.created).toEqual([{ classId: 6, members: ['n4', 'n5'], added: ['n4', 'n5'], from: [], candidate: true }]);
    expect(ch.unlinkedNew).toBe(1);
    expect(ch.retired).toEqual([4]);
    expect(ch.retiredInto).toEqual([[3]]);
  });

  it('tells an earlier class under a new id (as runs before class-run schema 5 gave a class that new samples outnumbered) from a candidate class of new samples', () => {
    const after = run([
      ['a1', 1], ['a2', 1], ['a3', 1],
      ['b1', 8], ['b2', 8], ['n1', 8], ['n2', 8], ['n3', 8],
      ['c1', 3], ['c2', 3], ['d1', 4], ['d2', 4], ['lone', 5],
    ]);
    const ch = classRunChanges(before, after);
    expect(ch.created).toEqual([{ classId: 8, members: ['b1', 'b2', 'n1', 'n2', 'n3'], added: ['n1', 'n2', 'n3'], from: [2], candidate: false }]);
    expect(ch.retired).toEqual([2]);
    expect(ch.retiredInto).toEqual([[8]]);
    expect(ch.kept).toBe(3);
    expect(ch.gained).toEqual([]);
  });

  it('finds nothing changed between a run and itself', () => {
    expect(classRunChanges(before, before)).toEqual({ addedSamples: 0, kept: 4, gained: [], created: [], unlinkedNew: 0, retired: [], retiredInto: [] });
  });
});
