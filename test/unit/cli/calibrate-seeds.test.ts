/**
 * `sigwb calibrate` prints the seeds the pairs were sampled with. They must be the seeds the engine used for each
 * side, so that an analyst can draw the same pairs again from what was printed: here the pairs are drawn again
 * from the printed seeds with Knuth's selection sampling (PROFILING.md, Calibration) and compared with buildPairs.
 */
import { describe, expect, it } from 'vitest';
import { describePairSeeds } from '../../../cli/commands/calibrate';
import { buildPairs, type PairSet } from '../../../shared/profiling/pairs';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { simplePopulation } from '../../../shared/profiling/pair-population';

/** Algorithm S over the qualifying pairs in (i, j) order: keeps `cap` of them, uniformly, with mulberry32(seed). */
function drawAgain(qualifies: (i: number, j: number) => boolean, n: number, cap: number, seed: number): [number, number][] {
  const all: [number, number][] = [];
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) if (qualifies(i, j)) all.push([i, j]);
  if (all.length <= cap) return all;
  const rng = mulberry32(seed);
  const kept: [number, number][] = [];
  all.forEach((p, seen) => {
    if (kept.length < cap && (all.length - seen) * rng.next() < cap - kept.length) kept.push(p);
  });
  return kept;
}

const pairs = (s: PairSet): [number, number][] => Array.from(s.i, (i, k) => [i, s.j[k]]);

describe('the seeds sigwb calibrate prints', () => {
  it('are the seeds each side of the pairs was sampled with: drawing again from them gives the same pairs', () => {
    // 72 samples: seizures of 3 samples, cases of 2 seizures, so both sides exceed their caps below.
    const n = 72;
    const seizure = Array.from({ length: n }, (_, i) => `S${Math.floor(i / 3)}`);
    const caseId = Array.from({ length: n }, (_, i) => `C${Math.floor(i / 6)}`);
    const recorded = 7;
    const built = buildPairs(simplePopulation(seizure, caseId), { maxLinked: 30, maxUnlinked: 200, seed: recorded });
    expect(built.seed).toBe(recorded);

    const printed = /^seed (\d+) for linked, (\d+) for unlinked$/.exec(describePairSeeds(built.seed));
    expect(printed).not.toBeNull();
    const [linkedSeed, unlinkedSeed] = [Number(printed![1]), Number(printed![2])];

    const linked = drawAgain((i, j) => seizure[i] === seizure[j], n, 30, linkedSeed);
    const unlinked = drawAgain((i, j) => seizure[i] !== seizure[j] && caseId[i] !== caseId[j], n, 200, unlinkedSeed);
    expect(built.linkedTotal).toBe(72);
    expect(pairs(built.linked)).toEqual(linked);
    expect(pairs(built.unlinked)).toEqual(unlinked);
    // The one recorded seed alone does not reproduce the unlinked side: printing only it was the bug.
    expect(pairs(built.unlinked)).not.toEqual(drawAgain((i, j) => seizure[i] !== seizure[j] && caseId[i] !== caseId[j], n, 200, recorded));
  });
});
