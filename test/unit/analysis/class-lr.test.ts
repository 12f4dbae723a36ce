/**
 * The group-level LR of a class (shared/lr/group-lr.ts through the LR system of lr-system-compute.ts), validated on
 * generated collections with known sources and a source-level calibration: true sources read as one group with
 * strong support, classes mixing two sources are said to mix and get no class LR (never strong support either way),
 * and a single stray member is the one below 1. The case: a two-source class was reported with LR 1/1517.
 */
import { describe, expect, it } from 'vitest';
import { computeLrSystem } from '../../../shared/analysis/lr-system-compute';
import { lrSystemInput } from '../../../shared/analysis/lr-system-input';
import { groupEvidence, memberLlrs } from '../../../shared/lr/group-lr';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { prepareRows } from '../../../shared/profiling/scores';
import { generatedMatrix } from './generated-matrix';
import { generateProfiles } from './make-workspace';

function sourceLevel(seed: number) {
  const g = generatedMatrix(generateProfiles({ sources: 24, seed }));
  const population = simplePopulation(g.source, g.source);
  const pairs = buildPairs(population);
  const x = pretreat(g.matrix, 'fourth-root');
  const distances = { linked: pairDistances(x, 'pearson', pairs.linked), unlinked: pairDistances(x, 'pearson', pairs.unlinked) };
  const system = computeLrSystem(lrSystemInput(x, 'pearson', pairs, distances, population));
  const v = system.group!.performance!;
  const held = { misleading: Math.round(v.misleading.hpBelow1 * v.validated.hp), validated: v.validated.hp };
  const rows = prepareRows(x.values, x.sampleIds.length, x.compounds.length, 'pearson');
  const bySource = new Map<string, number[]>();
  g.source.forEach((s, i) => bySource.set(s, [...(bySource.get(s) ?? []), i]));
  const judge = (members: number[]) => ({ llrs: memberLlrs(rows, members, system.group!.model), evidence: groupEvidence(memberLlrs(rows, members, system.group!.model), held) });
  return { sources: [...bySource.values()], judge, system };
}

describe('the LR of a chemical class (members against the rest)', () => {
  for (const seed of [4, 5]) {
    const { sources, judge, system } = sourceLevel(seed);

    it(`seed ${seed}: the group system is validated at source level (held-out Cllr < 0.1)`, () => {
      expect(system.group!.performance!.cllr).toBeLessThan(0.1);
      expect(system.notes).toEqual([]);
    });

    it(`seed ${seed}: every true source holds together, its median member with at least moderate support`, () => {
      for (const members of sources) {
        const e = judge(members).evidence;
        expect(e.mixed).toBe(false);
        expect(e.medianLlr).toBeGreaterThanOrEqual(1);
      }
    });

    it(`seed ${seed}: a class of two sources (6 + 6, 9 + 3) is said to mix and gets no class LR`, () => {
      for (let k = 0; k + 1 < sources.length; k += 2) {
        for (const nb of [6, 3]) {
          const e = judge([...sources[k].slice(0, 12 - nb), ...sources[k + 1].slice(0, nb)]).evidence;
          expect(e.mixed, `sources ${k} and ${k + 1}, ${nb} of the second`).toBe(true);
        }
      }
    });

    it(`seed ${seed}: one stray member of 12 is the member below 1`, () => {
      const members = [...sources[0].slice(0, 11), sources[1][0]];
      const { llrs } = judge(members);
      expect(llrs[11]).toBeLessThan(0);
      expect(Array.from(llrs.subarray(0, 11)).every((v) => v > 0)).toBe(true);
    });
  }
});
