import { describe, expect, it } from 'vitest';
import { countPopulation, encodePopulation, isLinked, isUnlinked, type Group, type PairPopulation } from '../../../shared/profiling/pair-population';
import { buildPairs } from '../../../shared/profiling/pairs';
import { mulberry32 } from '../../../shared/profiling/util/rng';

/** The rule written out plainly, pair by pair, as the module doc states it (the reference for the fast paths). */
function byHand(p: PairPopulation): { linked: string[]; unlinked: string[] } {
  const n = p.linked[0].length;
  const known = (g: Group) => g !== null && g !== undefined && g !== '';
  const size = (i: number) => p.linked[0].filter((g) => known(g) && g === p.linked[0][i]).length;
  const linked: string[] = [];
  const unlinked: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sameGroup = p.linked.every((c) => known(c[i]) && c[i] === c[j]);
      const s = p.linkedGroupSize;
      const sizeOk = !s || (size(i) >= s.min && (s.max === null || size(i) <= s.max));
      if (sameGroup && sizeOk) {
        linked.push(`${i}-${j}`);
        continue;
      }
      const alone = (k: number) => known(p.linked[0][k]) && size(k) === 1;
      const allDifferent = p.unlinked.every((c) => known(c[i]) && known(c[j]) && c[i] !== c[j]);
      if (!sameGroup && allDifferent && (!p.unlinkedSingletons || (alone(i) && alone(j)))) unlinked.push(`${i}-${j}`);
    }
  }
  return { linked, unlinked };
}

const keys = (s: { i: Uint32Array; j: Uint32Array }) => Array.from(s.i, (i, k) => `${i}-${s.j[k]}`);

function randomPopulation(seed: number): PairPopulation {
  const rng = mulberry32(seed);
  const n = 4 + rng.nextInt(50);
  const column = (k: number, unknown: number): Group[] =>
    Array.from({ length: n }, () => (rng.next() < unknown ? (rng.next() < 0.5 ? null : '') : `v${rng.nextInt(k)}`));
  const linked = Array.from({ length: 1 + rng.nextInt(3) }, (_, c) => column(c === 0 ? 2 + rng.nextInt(15) : 1 + rng.nextInt(3), 0.15));
  const unlinked = Array.from({ length: 1 + rng.nextInt(4) }, () => column(1 + rng.nextInt(8), 0.15));
  const min = 2 + rng.nextInt(3);
  return {
    linked,
    unlinked,
    linkedGroupSize: rng.next() < 0.5 ? { min, max: rng.next() < 0.3 ? null : min + rng.nextInt(4) } : null,
    unlinkedSingletons: rng.next() < 0.3,
  };
}

describe('pair populations (Popovic et al. R1–R4)', () => {
  it('enumerates and counts exactly the pairs the rule defines, on 200 random rules of several columns', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const p = randomPopulation(seed);
      const want = byHand(p);
      const built = buildPairs(p);
      expect(keys(built.linked), `seed ${seed}`).toEqual(want.linked);
      expect(keys(built.unlinked), `seed ${seed}`).toEqual(want.unlinked);
      expect(countPopulation(p), `seed ${seed}`).toEqual({ linked: want.linked.length, unlinked: want.unlinked.length });
    }
  });

  it('draws the same seeded sample as Algorithm S over the pairs in (i, j) order, when a side is capped', () => {
    const sample = (all: string[], cap: number, seed: number): string[] => {
      if (all.length <= cap) return all;
      const rng = mulberry32(seed);
      const out: string[] = [];
      for (let t = 0; t < all.length && out.length < cap; t++) if ((all.length - t) * rng.next() < cap - out.length) out.push(all[t]);
      return out;
    };
    for (let seed = 1; seed <= 100; seed++) {
      const p = randomPopulation(seed);
      const want = byHand(p);
      const cap = 1 + (seed % 7);
      const built = buildPairs(p, { maxLinked: cap, maxUnlinked: 3 * cap, seed });
      expect(keys(built.linked), `seed ${seed}`).toEqual(sample(want.linked, cap, seed));
      expect(keys(built.unlinked), `seed ${seed}`).toEqual(sample(want.unlinked, 3 * cap, seed + 1));
      expect([built.linkedTotal, built.unlinkedTotal]).toEqual([want.linked.length, want.unlinked.length]);
    }
  });

  it('R4: links only same seizure and same route in seizures of 2–10 samples, counted by seizure; unlinks pairs that differ in everything', () => {
    // Seizure A has 3 samples (one of another route), B has 11, C and D one each.
    const seizure = ['A', 'A', 'A', ...Array.from({ length: 11 }, () => 'B'), 'C', 'D'];
    const route = ['r1', 'r1', 'r2', ...Array.from({ length: 11 }, () => 'r3'), 'r4', 'r1'];
    const p: PairPopulation = { linked: [seizure, route], unlinked: [seizure, route], linkedGroupSize: { min: 2, max: 10 } };
    const e = encodePopulation(p);
    expect(isLinked(e, 0, 1)).toBe(true);
    expect(isLinked(e, 0, 2)).toBe(false); // same seizure, other route
    expect(isLinked(e, 3, 4)).toBe(false); // seizure of 11
    expect(isUnlinked(e, 0, 14)).toBe(true); // A/r1 against C/r4
    expect(isUnlinked(e, 0, 15)).toBe(false); // same route r1
    expect(isUnlinked(e, 0, 2)).toBe(false); // same seizure
    expect(countPopulation(p).linked).toBe(1);
  });

  it('R2: unlinked pairs only between samples alone in their seizure; an unknown seizure is not alone', () => {
    const seizure = ['A', 'A', 'B', 'C', null];
    const p: PairPopulation = { linked: [seizure], unlinked: [seizure], unlinkedSingletons: true };
    const b = buildPairs(p);
    expect(keys(b.linked)).toEqual(['0-1']);
    expect(keys(b.unlinked)).toEqual(['2-3']);
  });

  it('refuses malformed rules: no column, columns of other lengths, a group size below 2 or upside down', () => {
    expect(() => encodePopulation({ linked: [], unlinked: [['a']] })).toThrow(/at least one linked-by/);
    expect(() => encodePopulation({ linked: [['a', 'b']], unlinked: [['a']] })).toThrow(/one value per sample/);
    expect(() => encodePopulation({ linked: [['a']], unlinked: [['a']], linkedGroupSize: { min: 1, max: 3 } })).toThrow(/2 ≤ MIN ≤ MAX/);
    expect(() => encodePopulation({ linked: [['a']], unlinked: [['a']], linkedGroupSize: { min: 5, max: 3 } })).toThrow(/2 ≤ MIN ≤ MAX/);
  });
});
