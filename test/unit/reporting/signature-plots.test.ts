import { describe, expect, it } from 'vitest';
import { compoundStats, memberProfilePlot, signatureRangePlot, signatureValuesTable, type ClassSignatures } from '../../../shared/reporting/signature-plots';
import { logScale, percentText, px } from '../../../shared/reporting/svg';
import { HOSTILE, HOSTILE_COMPOUND } from '../exporting/fixture';

const sig: ClassSignatures = {
  compounds: ['4-ANPP', HOSTILE_COMPOUND, '<b>peak</b>'],
  members: [{ label: HOSTILE[0], group: 'C-1' }, { label: 'S-2', group: '"><svg onload=alert(1)>' }],
  shares: Float64Array.from([0.9, 0.1, 0, 0.8, 0.15, 0.05]),
};

describe('signature figures', () => {
  it('scales shares on whole decades, rounds coordinates to 0.1 px and writes percentages with 2 digits', () => {
    const s = logScale([0.05, 0.9, 0], [0, 100]);
    expect([s.lo, s.hi, s.decades]).toEqual([0.01, 1, [0.01, 0.1, 1]]);
    expect([s.at(0.01), s.at(0.1), s.at(1), s.at(1e-9)]).toEqual([0, 50, 100, 0]);
    expect(logScale([], [0, 1]).decades).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect([px(1.25), px(3), px(-0.04)]).toEqual(['1.3', '3', '0']);
    expect([percentText(0.1234), percentText(0.000123), percentText(1), percentText(2.5e-9), percentText(0)]).toEqual(['12 %', '0.012 %', '100 %', '0.00000025 %', '0 %']);
  });

  it('counts not-detected as 0 in the mean, as the class record does, and leaves it out of min and max', () => {
    expect(compoundStats(sig)).toEqual([
      { mean: 0.8500000000000001, min: 0.8, max: 0.9, detected: 2 },
      { mean: 0.125, min: 0.1, max: 0.15, detected: 2 },
      { mean: 0.025, min: 0.05, max: 0.05, detected: 1 },
    ]);
  });

  it('writes names from the data only as escaped text, and the same figure as the same bytes', () => {
    const all = [signatureRangePlot(sig, 'Class 1'), memberProfilePlot(sig, 'Class 1'), signatureValuesTable(sig)].map((f) => f.html).join('');
    expect(all).not.toMatch(/<(script|b|svg onload)\b/i);
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;: 90 %');
    expect(all).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(all).toContain('&lt;b&gt;peak&lt;/b&gt;');
    expect(signatureRangePlot(sig, 'Class 1').html).toBe(signatureRangePlot({ ...sig, shares: Float64Array.from(sig.shares) }, 'Class 1').html);
  });
});
