/** Tick values for a plot axis: round steps (1, 2, 5 × 10^k) covering [lo, hi], about `count` of them. O(count). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo || count < 1) return [];
  const rough = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const f = rough / magnitude;
  const step = (f >= 7.5 ? 10 : f >= 3.5 ? 5 : f >= 1.5 ? 2 : 1) * magnitude;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) ticks.push(Math.abs(k * step) < step * 1e-9 ? 0 : k * step);
  return ticks;
}

/** A tick's label: as few digits as its step needs (0.25, 1.5, 20, 1e-4). */
export function tickLabel(value: number, step: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  if (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6) return value.toExponential(1);
  return value.toFixed(digits);
}
