/**
 * The signature plots (class card, sample page): margins computed from their compounds' labels are the ones plotly's
 * automargin settles on (test/fixtures/components/plot-margins.json, drawn by plotly in Chromium by
 * scripts/golden/make-plot-margin-fixtures.ts), so that plotly lays the plot out once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotatedCategoryMargins, type Margins } from '../../../renderer/components/plot-margins';

interface Case {
  set: string;
  n: number;
  width: number;
  plot: string;
  height: number;
  legend: boolean;
  labels: string[];
  widths: number[];
  plotly: { l: number; b: number; t: number };
}
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/components/plot-margins.json'), 'utf8')) as { base: Margins; cases: Case[] };

const margins = (c: Case, labels = c.labels, widths = c.widths) => {
  const width = new Map(labels.map((s, i) => [s, widths[i]]));
  return rotatedCategoryMargins({ labels, textWidth: (s) => width.get(s)!, width: c.width, height: c.height, base: fixture.base, tickAngle: -40, legendY: c.legend ? 1.15 : undefined });
};

describe('rotatedCategoryMargins', () => {
  it.each(fixture.cases.map((c) => [`${c.plot}: ${c.set}, ${c.n} compounds, ${c.width} px`, c] as const))('matches plotly within 1 px: %s', (_, c) => {
    const m = margins(c);
    expect(Math.abs(m.l - c.plotly.l)).toBeLessThanOrEqual(1);
    expect(Math.abs(m.b - c.plotly.b)).toBeLessThanOrEqual(1);
    expect(Math.abs(m.t - c.plotly.t)).toBeLessThanOrEqual(1);
    expect(m.r).toBe(fixture.base.r);
  });

  it('never goes under the starting margins', () => {
    const c = fixture.cases.find((k) => k.set === 'short')!;
    const m = margins(c);
    for (const side of ['l', 'r', 't', 'b'] as const) expect(m[side]).toBeGreaterThanOrEqual(fixture.base[side]);
  });

  it('gives the starting margins for a plot without compounds', () => {
    expect(margins(fixture.cases[0], [], [])).toEqual(fixture.base);
  });
});
