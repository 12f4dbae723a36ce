/**
 * Linking finds exactly the links a brute-force comparison of every pair finds (scores.ts rowDistance, the reference
 * every parity test holds), with the same distances to the last bit, for every metric, with degenerate (constant)
 * profiles, in one thread and on worker threads, and each new profile's nearest stored one.
 */
import { describe, expect, it } from 'vitest';
import { searchLinks, yieldingRunner } from '../../../shared/linking/link-search';
import { workerRunner } from '../../../node/linking/link-pool';
import { prepareRows, rowDistance, SCORES, type PreparedRows, type Score } from '../../../shared/profiling/scores';
import { mulberry32 } from '../../../shared/profiling/util/rng';

/** Stored and new profiles from a few sources (so that links exist), one constant row in each. */
function profiles(n: number, m: number, p: number, score: Score, seed: number): { stored: PreparedRows; fresh: PreparedRows; both: PreparedRows } {
  const rng = mulberry32(seed);
  const sources = Array.from({ length: 6 }, () => Array.from({ length: p }, () => Math.exp(rng.nextNormal())));
  const raw = new Float64Array((n + m) * p);
  for (let i = 0; i < n + m; i++) {
    const s = sources[rng.nextInt(sources.length)];
    for (let c = 0; c < p; c++) raw[i * p + c] = s[c] * Math.exp(0.05 * rng.nextNormal());
  }
  raw.fill(2, 3 * p, 4 * p);
  raw.fill(5, (n + 1) * p, (n + 2) * p);
  const both = prepareRows(raw, n + m, p, score);
  const part = (from: number, to: number): PreparedRows => ({ score, n: to - from, p, x: both.x.slice(from * p, to * p), degenerate: both.degenerate.slice(from, to) });
  return { stored: part(0, n), fresh: part(n, n + m), both };
}

/** Every pair, by the reference kernel: links as "i j distance" strings, and the nearest per new row. */
function bruteForce(both: PreparedRows, n: number, m: number, threshold: number): { links: string[]; nearest: number[]; nearestDistance: number[] } {
  const links: string[] = [];
  const nearest: number[] = [];
  const nearestDistance: number[] = [];
  for (let i = 0; i < m; i++) {
    let best = Infinity;
    let at = -1;
    for (let j = 0; j < n; j++) {
      const d = rowDistance(both, n + i, j);
      if (d <= threshold) links.push(`${i} ${j} ${d}`);
      if (d < best) [best, at] = [d, j];
    }
    nearest.push(at);
    nearestDistance.push(best);
  }
  return { links: links.sort(), nearest, nearestDistance };
}

describe('searchLinks against brute force', () => {
  it.each(SCORES)('%s: the same links, distances and nearest profiles', async (score) => {
    const n = 1500;
    const m = 41;
    const { stored, fresh, both } = profiles(n, m, 13, score, 3);
    // A threshold that keeps about 1 % of pairs.
    const sample = Array.from({ length: 4000 }, (_, k) => rowDistance(both, n + (k % m), (k * 7919) % n)).sort((a, b) => a - b);
    const threshold = sample[40];
    const reference = bruteForce(both, n, m, threshold);
    expect(reference.links.length).toBeGreaterThan(100);
    for (const [runner, screen] of [[undefined, true], [workerRunner(2), true], [undefined, false]] as const) {
      const r = await searchLinks(stored, fresh, threshold, { runner, taskRows: 256, screen });
      const got = Array.from(r.distance, (d, k) => `${r.newIndex[k]} ${r.storedIndex[k]} ${d}`).sort();
      expect(got).toEqual(reference.links);
      // The nearest stored profile: exact when it is a link (the projection screen compares only rows that can link).
      for (let i = 0; i < m; i++) {
        if (!screen || reference.nearestDistance[i] <= threshold) expect(r.nearest[i]).toBe(reference.nearest[i]);
        else expect(r.nearestDistance[i]).toBeGreaterThan(threshold);
      }
    }
  });

  it('Pearson without constant profiles: the projection screen compares a fraction of the pairs and loses no link', async () => {
    const n = 8_000;
    const m = 120;
    const { stored, fresh } = profiles(n, m, 25, 'pearson', 8);
    const ok = (r: PreparedRows) => ({ ...r, degenerate: new Uint8Array(r.n) });
    const [s, f] = [ok(stored), ok(fresh)];
    for (const t of [1e-3, 0.05]) {
      const all = await searchLinks(s, f, t, { screen: false });
      let compared = 0;
      const screened = await searchLinks(s, f, t, { taskRows: 512, runner: async (a, b, th, tasks, done) => {
        for (const k of tasks) compared += (k.to - k.from) * (k.freshTo - k.freshFrom);
        const { inThreadRunner } = await import('../../../shared/linking/link-search');
        return inThreadRunner(a, b, th, tasks, done);
      } });
      expect(Array.from(screened.distance)).toEqual(Array.from(all.distance));
      expect(Array.from(screened.storedIndex)).toEqual(Array.from(all.storedIndex));
      if (t <= 1e-3) expect(compared).toBeLessThan(0.5 * n * m);
    }
  });

  it('runs on worker threads when the job is large, with the same answer', async () => {
    const { stored, fresh } = profiles(40_000, 520, 25, 'pearson', 5);
    const one = await searchLinks(stored, fresh, 0.001);
    let steps = 0;
    const two = await searchLinks(stored, fresh, 0.001, { runner: workerRunner(2), onProgress: () => void steps++ });
    expect(steps).toBeGreaterThan(1);
    expect(Array.from(two.storedIndex)).toEqual(Array.from(one.storedIndex));
    expect(Array.from(two.distance)).toEqual(Array.from(one.distance));
  });

  it('on an interface thread (the app), gives the same links in short ranges and lets the event loop run between them', async () => {
    const { stored, fresh } = profiles(9_000, 300, 25, 'pearson', 6);
    for (const score of ['pearson', 'euclidean'] as const) {
      const s = score === 'pearson' ? stored : prepareRows(stored.x, stored.n, stored.p, score);
      const f = score === 'pearson' ? fresh : prepareRows(fresh.x, fresh.n, fresh.p, score);
      const t = score === 'pearson' ? 0.002 : 0.05;
      const one = await searchLinks(s, f, t);
      expect(one.distance.length, score).toBeGreaterThan(0);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const app = await searchLinks(s, f, t, { runner: yieldingRunner(1_000 * 300 * 25) });
      clearInterval(timer);
      expect(ticks, score).toBeGreaterThan(2);
      for (const k of ['newIndex', 'storedIndex', 'distance', 'nearest', 'nearestDistance'] as const) expect(Array.from(app[k]), `${score} ${k}`).toEqual(Array.from(one[k]));
    }
    const c = new AbortController();
    const cancelled = searchLinks(stored, fresh, 0.002, { runner: yieldingRunner(500 * 300 * 25), signal: c.signal });
    setTimeout(() => c.abort(), 0);
    await expect(cancelled).rejects.toThrow(/cancelled|abort/i);
  });

  it('stops when cancelled', async () => {
    const { stored, fresh } = profiles(40_000, 520, 25, 'pearson', 5);
    const c = new AbortController();
    c.abort();
    await expect(searchLinks(stored, fresh, 0.001, { runner: workerRunner(2), signal: c.signal })).rejects.toThrow(/cancelled|abort/i);
  });
});
