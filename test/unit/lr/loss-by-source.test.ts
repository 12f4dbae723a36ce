/** The validation bench's diagnosis (shared/lr/loss-by-source.ts): the held-out Cllr split by source and source pair. */
import { describe, expect, it } from 'vitest';
import { cllr } from '../../../shared/lr/performance';
import { lossBySource, lossLines } from '../../../shared/lr/loss-by-source';

describe('held-out Cllr split by source', () => {
  // Three sources; one Hd pair of A and C is strongly misleading (LR 10^3), one Hp pair of B weakly so.
  const llr = [2, 2.5, -0.5, 3, -2, -3, -2.5, 3, NaN];
  const label = [1, 1, 1, 1, 0, 0, 0, 0, 0];
  const a = ['A', 'A', 'B', 'B', 'A', 'B', 'C', 'C', 'A'];
  const b = ['A', 'A', 'B', 'B', 'B', 'C', 'B', 'A', 'C'];

  it('the parts add up to the Cllr of the validated pairs, and the misleading source pair carries most', () => {
    const parts = lossBySource(llr, label, a, b);
    const total = parts.reduce((s, p) => s + p.bits, 0);
    expect(Math.abs(total - cllr(llr.slice(0, 8), label.slice(0, 8)))).toBeLessThan(1e-12);
    expect(parts[0].key).toBe('Hd A ~ C');
    expect(parts[0].pairs).toBe(1);
    expect(parts[0].shareOfProposition).toBeCloseTo(0.25, 12);
    expect(parts[0].llr).toEqual([3, 3]);
    // B ~ C and C ~ B are one source pair; the unvalidated pair (NaN) is left out.
    expect(parts.find((p) => p.key === 'Hd B ~ C')?.pairs).toBe(2);
    expect(parts.reduce((s, p) => s + p.pairs, 0)).toBe(8);
  });

  it('prints the largest parts with their share of the Cllr', () => {
    const lines = lossLines(lossBySource(llr, label, a, b), 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}Hd A ~ C: \d\.\d{3} bits \((\d+) % of the Cllr\) from 1 pairs \(25\.0 % of Hd\), held-out log10 LR 3\.00 to 3\.00$/);
    expect(Number(/\((\d+) % of the Cllr\)/.exec(lines[0])![1])).toBeGreaterThan(50);
  });
});
