import { describe, expect, it } from 'vitest';
import { verbalScale } from '../../../shared/lr/verbal-scale';
import { propositionsOf } from '../../../shared/lr/propositions';

describe('ENFSI 2015 verbal scale', () => {
  it('LR 1–2 gives no support worth stating, then weak from 2, moderate from 10 … extremely strong above 10^6', () => {
    const q = (lr: number) => verbalScale(lr).qualifier;
    expect([1, 1.5, 1.99].map(q)).toEqual(['no support worth stating', 'no support worth stating', 'no support worth stating']);
    expect([2, 9.99, 10, 99, 100, 999, 1000, 9999, 1e4, 999_999, 1e6, 1e12].map(q)).toEqual([
      'weak', 'weak', 'moderate', 'moderate', 'moderately strong', 'moderately strong', 'strong', 'strong', 'very strong', 'very strong', 'extremely strong', 'extremely strong',
    ]);
    expect(verbalScale(1.5).supports).toBe('neither');
    expect(verbalScale(1.5).text).toMatch(/no support worth stating for either proposition/);
  });

  it('reads LR < 1 as 1/LR for the other proposition, with the same cut-points', () => {
    expect(verbalScale(1 / 1.5).supports).toBe('neither');
    expect(verbalScale(1 / 2).qualifier).toBe('weak');
    expect(verbalScale(1 / 2).supports).toBe('unlinked');
    expect(verbalScale(1 / 1517).qualifier).toBe('strong');
    expect(verbalScale(1e-7).qualifier).toBe('extremely strong');
    expect(verbalScale(0).qualifier).toBe('extremely strong');
    expect(() => verbalScale(Number.NaN)).toThrow(RangeError);
  });

  it('words the sentence with the calibration\'s propositions and level', () => {
    const seizure = propositionsOf(['seizure_id'], ['case_id']);
    expect(seizure.level).toBe('seizure');
    expect(verbalScale(300, seizure.clauses).text).toBe('The findings provide moderately strong support for the proposition that the two samples come from the same seizure rather than that they come from different cases.');
    const source = propositionsOf(['x_source'], ['x_source']);
    expect(source.level).toBe('source');
    expect(source.hd).toBe('Hd: The two samples come from different sources.');
    expect(verbalScale(1 / 50, source.clauses).text).toBe('The findings provide moderate support for the proposition that they come from different sources rather than that the two samples come from the same source.');
    expect(propositionsOf(['seizure_id', 'x_route'], ['seizure_id', 'x_route']).level).toBe('custom');
  });
});

describe('LR values as people read them', () => {
  it('gives two significant digits, thousands separated, and 1/x below 1', async () => {
    const { lrValueText } = await import('../../../shared/lr/verbal-scale');
    expect([Math.log10(3217), Math.log10(2.46), 0, Math.log10(1 / 550.3), 1.67, -2.74, 6.2].map(lrValueText)).toEqual(['3,200', '2.5', '1', '1/550', '47', '1/550', '1,600,000']);
  });
});
