import { describe, expect, it } from 'vitest';
import { combinationLabel, onScale100, score100Text } from '../../../shared/analysis/labels';
import { powerOfTenText } from '../../../shared/reporting/svg';

describe('one language for figures', () => {
  it('writes a 0–100 value the same way everywhere: two significant digits below 10, one decimal above', () => {
    // The case: one threshold read "0.1" in the methods and "0.06" in the calibration section.
    expect(score100Text(0.0631)).toBe('0.063');
    expect(score100Text(0.025)).toBe('0.025');
    expect(score100Text(4.25)).toBe('4.3');
    expect(score100Text(37.46)).toBe('37.5');
    expect(score100Text(100)).toBe('100.0');
    expect(score100Text(0)).toBe('0');
  });

  it('puts a distance on the 0–100 scale with one function (toScore100) and says so', () => {
    expect(onScale100(0.001263, 'pearson', 0)).toBe('0.063 on the 0–100 scale');
    expect(onScale100(2, 'canberra', 8)).toBe('25.0 on the 0–100 scale');
  });

  it('typesets the pretreatments (∜N, √N), never N^1/4', () => {
    expect(combinationLabel('fourth-root', 'pearson')).toBe('∜N + Pearson');
    expect(combinationLabel('sqrt', 'cosine')).toBe('√N + cosine');
  });

  it('typesets powers of ten for report axes, never 1e-4 or an SI prefix', () => {
    expect(powerOfTenText(1e-4)).toBe('10⁻⁴');
    expect(powerOfTenText(1e-12)).toBe('10⁻¹²');
    expect(powerOfTenText(1)).toBe('1');
    expect(powerOfTenText(10)).toBe('10');
    expect(powerOfTenText(1000)).toBe('10³');
  });
});
