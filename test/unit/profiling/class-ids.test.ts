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
    expect(r.matches.find((m) => m.classId === 1)?.jaccard).toBeCloseTo(0.8, 12);
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

  it('does not keep an id below the Jaccard rule (a merge of two equal halves)', () => {
    const previous = mapOf([['a', 1], ['b', 1], ['c', 2], ['d', 2]]);
    const current = mapOf([['a', 7], ['b', 7], ['c', 7], ['d', 7]]);
    const r = stableClassIds(previous, current);
    expect(r.classIds.get('a')).toBe(3); // Jaccard 0.5 is not > 0.5
    expect(r.retired).toEqual([1, 2]);
  });

  it('ignores deleted samples when matching', () => {
    const previous = mapOf([['a', 3], ['b', 3], ['c', 3], ['gone1', 3], ['gone2', 3], ['gone3', 3]]);
    const current = mapOf([['a', 0], ['b', 0], ['c', 0]]);
    expect(stableClassIds(previous, current).classIds.get('a')).toBe(3);
  });
});
