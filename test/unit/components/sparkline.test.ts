/** Signatures in the samples table: list cells parsed once per text, so that re-rendered rows keep their sparkline. */
import { describe, expect, it } from 'vitest';
import { parseSignature } from '../../../renderer/components/Sparkline';

describe('parseSignature', () => {
  it('reads a DuckDB list cell, not-detected (null) as 0', () => {
    expect(parseSignature('[1.5,null,3]')).toEqual([1.5, 0, 3]);
  });

  it('gives the same array for the same text, and a new one for other text', () => {
    const a = parseSignature('[1,2,3]');
    expect(parseSignature('[1,2,3]')).toBe(a);
    expect(parseSignature('[1,2,4]')).not.toBe(a);
  });

  it('returns null for what is not a list', () => {
    expect(parseSignature(null)).toBeNull();
    expect(parseSignature('no results')).toBeNull();
    expect(parseSignature('[1,2')).toBeNull();
  });

  it('keeps a bounded number of texts, and still parses right after evicting', () => {
    const first = parseSignature('[0.5]');
    for (let k = 0; k < 5000; k++) parseSignature(`[${k}]`);
    const again = parseSignature('[0.5]');
    expect(again).toEqual([0.5]);
    expect(again).not.toBe(first);
  });
});
