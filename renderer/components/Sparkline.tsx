/** A sample's signature as a row of bars (one per compound, N^1/4 scaled to its largest): one SVG path. */
import { memo } from 'react';

export const Sparkline = memo(function Sparkline({ values, width = 120, height = 18, color = 'currentColor' }: { values: readonly number[]; width?: number; height?: number; color?: string }) {
  if (values.length === 0) return <span className="hint">—</span>;
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const w = width / values.length;
  let d = '';
  if (max > 0) {
    values.forEach((v, i) => {
      const h = Math.max((v / max) * height, v > 0 ? 1 : 0);
      if (h > 0) d += `M${(i * w).toFixed(1)} ${height}v${(-h).toFixed(1)}h${Math.max(w - 0.6, 0.6).toFixed(1)}v${h.toFixed(1)}z`;
    });
  }
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`signature of ${values.length} compounds`}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="currentColor" strokeOpacity={0.25} />
      <path d={d} fill={color} />
    </svg>
  );
});

/** Parses the JSON text of a DuckDB list cell (arrow-values turns lists into JSON). */
export function parseSignature(v: unknown): number[] | null {
  if (typeof v !== 'string' || !v.startsWith('[')) return null;
  try {
    return (JSON.parse(v) as (number | null)[]).map((x) => Number(x ?? 0));
  } catch {
    return null;
  }
}
