import { describe, expect, it } from 'vitest';
import { binomialTail, groupEvidence, memberLlrs, memberLlrsInSlices } from '../../../shared/lr/group-lr';
import { fitScoreLr } from '../../../shared/lr/score-lr';
import { mulberry32 } from '../../../shared/profiling/util/rng';

describe('group-level reading of member LRs', () => {
  it('binomial tail equals the direct sum', () => {
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    const direct = (k: number, n: number, r: number) => Array.from({ length: n - k + 1 }, (_, i) => choose(n, k + i) * r ** (k + i) * (1 - r) ** (n - k - i)).reduce((a, b) => a + b, 0);
    for (const [k, n, r] of [[0, 10, 0.1], [1, 10, 0.1], [3, 20, 0.05], [7, 12, 0.3], [12, 12, 0.3]] as const) expect(binomialTail(k, n, r)).toBeCloseTo(direct(k, n, r), 12);
  });

  it('a class whose members all support the rest is not mixed; one where half oppose is', () => {
    const held = { misleading: 3, validated: 1000 };
    const tight = groupEvidence(Float64Array.from([2.1, 3, 2.5, 1.9, 2.8]), held);
    expect(tight).toMatchObject({ members: 5, medianLlr: 2.5, minLlr: 1.9, opposing: 0, mixed: false });
    const half = groupEvidence(Float64Array.from([2, 2.2, -1.5, -2, 1.8, -1.7]), held);
    expect(half.opposing).toBe(3);
    expect(half.mixed).toBe(true);
    // One opposing member of 40 is within what the validated rate allows at 2 %.
    const one = groupEvidence(Float64Array.from({ length: 40 }, (_, k) => (k === 0 ? -0.5 : 2)), { misleading: 20, validated: 1000 });
    expect(one.mixed).toBe(false);
  });

  it('member LRs computed in slices are the same LRs in the same order, with a pause between slices', async () => {
    const rng = mulberry32(11);
    // A model fitted on linked (small) and unlinked (large) distances, and 80 members on a line: the farther apart,
    // the larger their distance; more members than the 50 compared, so each member's seeded subsample counts too.
    const distance = Float64Array.from({ length: 400 }, (_, k) => (k < 200 ? 0.05 + 0.1 * rng.next() : 0.1 + 0.4 * rng.next()));
    const label = Float64Array.from({ length: 400 }, (_, k) => (k < 200 ? 1 : 0));
    const model = fitScoreLr(distance, label, { method: 'logistic' });
    const place = Float64Array.from({ length: 80 }, () => 0.4 * rng.next());
    const compare = (i: number, j: number) => Math.abs(place[i] - place[j]);
    const members = Array.from({ length: 80 }, (_, k) => k);
    const whole = memberLlrs(compare, members, model, 50);
    let pauses = 0;
    const sliced = await memberLlrsInSlices(compare, members, model, 50, async () => void pauses++, 0);
    expect([...sliced]).toEqual([...whole]);
    expect(new Set(whole).size).toBeGreaterThan(10);
    expect(pauses).toBe(members.length - 1);
    pauses = 0;
    expect([...(await memberLlrsInSlices(compare, members, model, 50, async () => void pauses++, 60_000))]).toEqual([...whole]);
    expect(pauses).toBe(0);
  });
});
