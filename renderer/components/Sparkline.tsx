/** A sample's signature as a row of bars (one per compound, ∜N scaled to its largest): one SVG path. */
import { memo } from 'react';

export const Sparkline = memo(function Sparkline({ values, width = 120, height = 18, color = 'currentColor' }: { values: readonly number[]; width?: number; height?: number; color?: string }) {
  if (values.length === 0) return <span className="hint">—</span>;
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const w = width / values.length;
  // One path of bars, coordinates to 0.1 px (Math.round, not toFixed: this runs for every row that scrolls in).
  const r = (x: number) => Math.round(x * 10) / 10;
  const bar = `h${r(Math.max(w - 0.6, 0.6))}v`;
  let d = '';
  if (max > 0) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const h = r(Math.max((v / max) * height, v > 0 ? 1 : 0));
      if (h > 0) d += `M${r(i * w)} ${height}v${-h}${bar}${h}z`;
    }
  }
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`signature of ${values.length} compounds`}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="currentColor" strokeOpacity={0.25} />
      <path d={d} fill={color} />
    </svg>
  );
});

/** Signatures parsed lately, by their text: a row that re-renders (selection, a recycled slot) keeps its array, so its memoised sparkline does not redraw. */
const parsed = new Map<string, number[] | null>();
const PARSED_KEPT = 1000;

/** Parses the JSON text of a DuckDB list cell (arrow-values turns lists into JSON); the same text gives the same array. */
export function parseSignature(v: unknown): number[] | null {
  if (typeof v !== 'string' || !v.startsWith('[')) return null;
  const known = parsed.get(v);
  if (known !== undefined) return known;
  let values: number[] | null;
  try {
    values = (JSON.parse(v) as (number | null)[]).map((x) => Number(x ?? 0));
  } catch {
    values = null;
  }
  if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
  parsed.set(v, values);
  return values;
}
