/**
 * Margins for the signature plots (the class card's mean signature, the sample page's signature against its class),
 * computed from their compounds' label widths before plotly lays them out, so that plotly's automargin (still on) finds
 * them already right and lays the plot out once. With the default margins it laid the plot out three or four times in
 * one task (each time the margins grew, plotly drew it all again: defaults, ticks, traces), most of the class card's
 * longest task (docs/VIEWS.md, Large data).
 *
 * The constants reproduce plotly.js 4.1.1's automargin for these plots (12 px text, tick labels at −40°, axis lines,
 * a filled band, markers, error bars, a horizontal legend at y = 1.15 or none): they were read from plotly's own
 * margin pushes and label boxes in Chromium, and the margins below match the ones plotly settles on within 1 px
 * (`test/unit/components/plot-margins.test.ts` holds those cases). Where they are short (a y tick label wider than
 * the x labels' overhang, another plotly), automargin grows them as before: the picture is plotly's either way.
 */

export interface Margins {
  l: number;
  r: number;
  t: number;
  b: number;
}

export interface RotatedCategoryPlot {
  /** The category labels in axis order (the compounds). */
  labels: readonly string[];
  /** Width of a label in the plot's font at 12 px, px. */
  textWidth: (text: string) => number;
  /** The plot's whole width and height, px. */
  width: number;
  height: number;
  /** The margins plotly would start from (the Plot component's defaults), px. */
  base: Margins;
  /** The tick labels' rotation, degrees (plotly's tickangle, −40 on the signature plots). */
  tickAngle: number;
  /** The horizontal legend's y in paper units (1.15 on the signature plots), its top anchored there; none: no legend. */
  legendY?: number;
}

/**
 * Bottom margin beyond the widest label's drop (w·sin θ): the label's height, its standoff below the 1 px axis line
 * Plot.tsx draws, and plotly's 12 px pad, at 12 px text.
 */
const BOTTOM_BEYOND_LABEL = 28.3;
/** How far a rotated label reaches left of its tick beyond w·cos θ, px (12 px text). */
const LEFT_BEYOND_LABEL = 3.22;
/** plotly keeps a pushed label this far inside the figure, px. */
const PUSH_PAD = 12;
/** The x range's padding of a filled trace (5 % of the axis length each side) and of markers with error bars, px. */
const RANGE_PAD_FRACTION = 0.05;
const MARKER_PAD = 3.8;

/**
 * Margins that fit a category x axis with rotated labels and a legend above the plot, as plotly's automargin would
 * settle them. O(labels); the left margin solved by fixed-point iteration over the plot width (4 rounds: it moves by
 * under a pixel after the second).
 */
export function rotatedCategoryMargins(p: RotatedCategoryPlot): Margins {
  const angle = (Math.abs(p.tickAngle) * Math.PI) / 180;
  const widths = p.labels.map(p.textWidth);
  const n = widths.length;
  if (n === 0) return { ...p.base };
  // Below the axis: the widest label's drop (every label counted: plotly may skip some when they crowd, so this
  // can be a few px more than plotly's when the widest is one it skipped).
  const b = Math.max(p.base.b, Math.max(...widths) * Math.sin(angle) + BOTTOM_BEYOND_LABEL);
  // Left: each label reaches left of its tick; the first ones may pass the plot's left edge.
  let l = p.base.l;
  for (let round = 0; round < 4; round++) {
    const plotWidth = p.width - l - p.base.r;
    const pad = RANGE_PAD_FRACTION * plotWidth + MARKER_PAD;
    const step = n > 1 ? (plotWidth - 2 * pad) / (n - 1) : 0;
    let need = p.base.l;
    for (let i = 0; i < n; i++) need = Math.max(need, PUSH_PAD + widths[i] * Math.cos(angle) + LEFT_BEYOND_LABEL - pad - i * step);
    l = need;
  }
  // Top: the legend's top sits at legendY of the plot height above the plot, and stays PUSH_PAD inside the figure:
  // t = PUSH_PAD + (legendY − 1)·(height − t − b). Without a legend nothing pushes it.
  if (p.legendY === undefined) return { l, r: p.base.r, t: p.base.t, b };
  const above = p.legendY - 1;
  const t = Math.max(p.base.t, (PUSH_PAD + above * (p.height - b)) / (1 + above));
  return { l, r: p.base.r, t, b };
}
