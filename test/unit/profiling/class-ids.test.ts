import { describe, it, expect } from 'vitest';
import { numberClasses, stableClassIds } from '../../../shared/profiling/class-ids';

function mapOf(entries: [string, number][]): Map<string, number> {
  return new Map(entries);
}

describe('class ids', () => {
  it('numbers classes by size, then by earliest member', () => {
    expect(Array.from(numberClasses([7, 3, 3, 9, 9, 5]))).toEqual([3, 1, 1, 2, 2, 4]);
  });

  it('keeps ids when membership barely changes and gives new classes new ids', () => {
    const previous = mapOf([
      ['a', 1], ['b', 1], ['c', 1], ['d', 1],
      ['e', 2], ['f', 2], ['g', 2],
    ]);
    // A sample joins class 1, class 2 stays, and a new class appears.
    const current = mapOf([
      ['a', 10], ['b', 10], ['c', 10], ['d', 10], ['n1', 10],
      ['e', 20], ['f', 20], ['g', 20],
      ['x', 30], ['y', 30],
    ]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('n1')).toBe(1);
    expect(r.classIds.get('e')).toBe(2);
    expect(r.classIds.get('x')).toBe(3);
    expect(r.nextId).toBe(4);
    expect(r.retired).toEqual([]);
    // Compared on the samples both runs hold: the new sample n1 does not count, class 1 is whole.
    expect(r.matches.find((m) => m.classId === 1)?.jaccard).toBe(1);
    // By the rule of class runs before schema 5 the new sample counted against the match: 4 of 5.
    const earlier = stableClassIds(previous, current, { rule: 'jaccard-all-members' });
    expect(earlier.classIds.get('n1')).toBe(1);
    expect(earlier.matches.find((m) => m.classId === 1)?.jaccard).toBeCloseTo(0.8, 12);
  });

  it('keeps the id of a class that new samples joined, however many (5 earlier members, 16 new)', () => {
    const earlierMembers = ['s1', 's2', 's3', 's4', 's5'];
    const newMembers = Array.from({ length: 16 }, (_, i) => `q${i + 1}`);
    const previous = mapOf([...earlierMembers.map((s) => [s, 8] as [string, number]), ['o1', 3], ['o2', 3]]);
    const current = mapOf([...[...earlierMembers, ...newMembers].map((s) => [s, 0] as [string, number]), ['o1', 1], ['o2', 1]]);
    const r = stableClassIds(previous, current, { nextId: 9 });
    for (const s of [...earlierMembers, ...newMembers]) expect(r.classIds.get(s)).toBe(8);
    expect(r.matches.find((m) => m.classId === 8)).toEqual({ classId: 8, previousClassId: 8, jaccard: 1, size: 21 });
    expect(r.retired).toEqual([]);
    expect(r.nextId).toBe(9);
    // The earlier rule: Jaccard 5/21, class 8 retired "into" the new class 9.
    const old = stableClassIds(previous, current, { nextId: 9, rule: 'jaccard-all-members' });
    expect(old.classIds.get('s1')).toBe(9);
    expect(old.retired).toEqual([8]);
    expect(old.retiredInto).toEqual([[9]]);
  });

  it('gives a class made only of new samples a fresh id, even when it is the largest', () => {
    const previous = mapOf([['a', 1], ['b', 1]]);
    const current = mapOf([['a', 0], ['b', 0], ['n1', 5], ['n2', 5], ['n3', 5]]);
    const r = stableClassIds(previous, current, { nextId: 4 });
    expect(r.classIds.get('a')).toBe(1);
    expect(r.classIds.get('n1')).toBe(4);
    expect(r.matches.find((m) => m.classId === 4)).toEqual({ classId: 4, previousClassId: null, jaccard: 0, size: 3 });
  });

  it('never reuses an id, even one that disappeared', () => {
    const previous = mapOf([['a', 1], ['b', 1], ['c', 5], ['d', 5]]);
    // Class 5 is gone (its samples deleted); a different group of samples forms a new class.
    const current = mapOf([['a', 0], ['b', 0], ['p', 1], ['q', 1]]);
    const r = stableClassIds(previous, current, { nextId: 9 });
    expect(r.classIds.get('a')).toBe(1);
    expect(r.classIds.get('p')).toBe(9);
    expect(r.retired).toEqual([5]);
    expect(r.nextId).toBe(10);
  });

  it('keeps the id on the larger part of a split and retires nothing else', () => {
    const previous = mapOf(['a', 'b', 'c', 'd', 'e'].map((s) => [s, 4] as [string, number]));
    const current = mapOf([['a', 1], ['b', 1], ['c', 1], ['d', 2], ['e', 2]]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('a')).toBe(4); // Jaccard 3/5 > 0.5
    expect(r.classIds.get('d')).toBe(5);
  });

  it('keeps the id on the part of a split holding more than half of its earlier members, new samples joining it or not', () => {
    const previous = mapOf(['a', 'b', 'c', 'd', 'e'].map((s) => [s, 4] as [string, number]));
    // a, b, c (3 of 5) with ten new samples; d, e with one.
    const news = Array.from({ length: 10 }, (_, i) => [`n${i}`, 1] as [string, number]);
    const current = mapOf([['a', 1], ['b', 1], ['c', 1], ...news, ['d', 2], ['e', 2], ['m', 2]]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('n0')).toBe(4);
    expect(r.classIds.get('a')).toBe(4);
    expect(r.matches.find((m) => m.classId === 4)?.jaccard).toBeCloseTo(0.6, 12);
    expect(r.classIds.get('d')).toBe(5);
    expect(r.classIds.get('m')).toBe(5);
    expect(r.retired).toEqual([]);
  });

  it('does not keep an id below the Jaccard rule (a merge of two equal halves)', () => {
    const previous = mapOf([['a', 1], ['b', 1], ['c', 2], ['d', 2]]);
    const current = mapOf([['a', 7], ['b', 7], ['c', 7], ['d', 7]]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('a')).toBe(3); // Jaccard 0.5 is not > 0.5
    expect(r.retired).toEqual([1, 2]);
    expect(r.retiredInto).toEqual([[3], [3]]);
  });

  it('merges two equal classes under a new id when new samples bridge them, both earlier ids retired', () => {
    const previous = mapOf([['a', 1], ['b', 1], ['c', 2], ['d', 2], ['e', 3], ['f', 3]]);
    const current = mapOf([['a', 0], ['b', 0], ['n1', 0], ['c', 0], ['d', 0], ['e', 1], ['f', 1]]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('n1')).toBe(4);
    expect(r.classIds.get('a')).toBe(4);
    expect(r.classIds.get('e')).toBe(3);
    expect(r.retired).toEqual([1, 2]);
    expect(r.retiredInto).toEqual([[4], [4]]);
  });

  it('ignores deleted samples when matching', () => {
    const previous = mapOf([['a', 3], ['b', 3], ['c', 3], ['gone1', 3], ['gone2', 3], ['gone3', 3]]);
    const current = mapOf([['a', 0], ['b', 0], ['c', 0]]);
    expect(stableClassIds(previous, current).classIds.get('a')).toBe(3);
  });
});
