import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../../shared/profiling/util/rng';

describe('seeded RNG', () => {
  it('repeats the same stream for the same seed', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let k = 0; k < 100; k++) expect(a.next()).toBe(b.next());
    expect(mulberry32(1).next()).not.toBe(mulberry32(2).next());
  });

  it('draws uniform numbers in [0, 1) and normals with mean 0, sd 1', () => {
    const r = mulberry32(5);
    let s = 0;
    let ss = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const z = r.nextNormal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.05);
    for (let k = 0; k < 1000; k++) {
      const i = r.nextInt(7);
      expect(Number.isInteger(i) && i >= 0 && i < 7).toBe(true);
    }
  });
});
