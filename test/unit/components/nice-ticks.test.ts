/** Axis ticks of the canvas plots (PCA scores): round steps that cover the range, readable labels. */
import { describe, expect, it } from 'vitest';
import { niceTicks, tickLabel } from '../../../renderer/components/nice-ticks';

describe('niceTicks', () => {
  it('takes steps of 1, 2 or 5 times a power of ten, inside the range', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-0.37, 0.52, 6)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(niceTicks(13, 87, 4)).toEqual([20, 40, 60, 80]);
  });

  it('gives exactly 0 where the axis crosses zero (no -2.7e-17)', () => {
    expect(niceTicks(-0.3, 0.3, 6)).toContain(0);
    expect(Object.is(niceTicks(-0.3, 0.3, 6).find((v) => Math.abs(v) < 1e-12), 0)).toBe(true);
  });

  it('gives nothing for an empty or broken range', () => {
    expect(niceTicks(1, 1)).toEqual([]);
    expect(niceTicks(2, 1)).toEqual([]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });
});

describe('tickLabel', () => {
  it('writes the digits the step needs', () => {
    expect(tickLabel(0.2, 0.1)).toBe('0.2');
    expect(tickLabel(0.25, 0.05)).toBe('0.25');
    expect(tickLabel(40, 20)).toBe('40');
    expect(tickLabel(0, 0.1)).toBe('0');
    expect(tickLabel(0.00002, 0.00001)).toBe('2.0e-5');
  });
});
