/**
 * The validation bench's censored pair distance (shared/profiling/censored-distance.ts) against the same pair imputed by hand
 * and scored through the workbench's ordinary path (pretreat + pairDistances).
 */
import { describe, expect, it } from 'vitest';
import { censoredPairDistances } from '../../../shared/profiling/censored-distance';
import { pairDistances } from '../../../shared/profiling/pairs';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { signatureMatrixFromRows, withNonDetectRule } from '../../../shared/profiling/signature-matrix';

const pair = { i: Uint32Array.of(0), j: Uint32Array.of(1) };
const byHand = (rows: number[][]): number => pairDistances(pretreat(signatureMatrixFromRows(['a', 'b'], ['c1', 'c2', 'c3', 'c4'], rows), 'fourth-root'), 'pearson', pair)[0];

describe('censored pair distance', () => {
  // A strong sample and a weak one of the same profile (a tenth of the amount); the batch's limit is 20 counts.
  it('a compound the weak sample lost below its own limit counts as agreeing (share of the strong one)', () => {
    const m = withNonDetectRule(signatureMatrixFromRows(['a', 'b'], ['c1', 'c2', 'c3', 'c4'], [[1000, 200, 100, 2000], [100, 20, null, 200]]), 'half-lod');
    const d = censoredPairDistances(m, pair, 'fourth-root', 'pearson')[0];
    // b's limit share is 20/320; a's share of c3 (100/3300) lies below it, so b is given that share of its 320.
    expect(Math.abs(d - byHand([[1000, 200, 100, 2000], [100, 20, (100 / 3300) * 320, 200]]))).toBeLessThan(1e-12);
    expect(d).toBeLessThan(1e-4);
    // The workbench's rule (half the batch's limit share) puts the pair much further apart.
    expect(pairDistances(pretreat(m, 'fourth-root'), 'pearson', pair)[0]).toBeGreaterThan(100 * d);
  });

  it('a compound detected above the other sample\'s limit counts from that limit; both undetected stay equal', () => {
    const m = withNonDetectRule(signatureMatrixFromRows(['a', 'b'], ['c1', 'c2', 'c3', 'c4'], [[1000, 200, 900, null], [100, 20, null, null]]), 'half-lod');
    const d = censoredPairDistances(m, pair, 'fourth-root', 'pearson')[0];
    // b's limit share is 20/120 < a's share of c3 (900/2100): b's c3 at its limit; c4 at the half-lod substitute in both.
    const half = m.values[3];
    expect(half).toBeGreaterThan(0);
    expect(Math.abs(d - byHand([[1000, 200, 900, half], [100, 20, (20 / 120) * 120, m.values[7]]]))).toBeLessThan(1e-12);
    expect(d).toBeGreaterThan(0.01);
  });

  it('needs the detection mask', () => {
    const m = { sampleIds: ['a', 'b'], compounds: ['c1'], values: Float64Array.of(1, 2) };
    expect(() => censoredPairDistances(m, pair, 'fourth-root', 'pearson')).toThrow(/detection mask/);
  });
});
