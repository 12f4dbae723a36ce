/**
 * Empirical lower and upper bounds (ELUB) of a set of log10 likelihood ratios (Vergeer, van Es, de Jongh, Alberink
 * & Stoel 2016, Science & Justice 56: "Numerical likelihood ratios output by LR systems are often based on
 * extrapolation: when to stop extrapolating?"). For each threshold LR θ = 10^ρ on a grid of step 0.01 the expected
 * cost of deciding "Hp" when LR > θ is compared with that of an uninformative system (every LR = 1), after adding
 * one consequential misleading LR on each side (an Hp comparison with LR → 0 and an Hd comparison with LR → ∞);
 * the bounds are the widest interval around LR = 1 in which the system never costs more than the uninformative
 * one. No LR is then reported beyond what the validation data can support. Thresholds are k · step (k whole), so
 * the golden script meets the same grid exactly.
 */

export interface ElubSettings {
  /** Grid step in log10 units; default 0.01 (Vergeer et al. 2016). */
  readonly step: number;
  /** LLRs beyond ± this are treated as ± this before bounding (infinite PAV values); default 9. */
  readonly extreme: number;
}

export const ELUB_DEFAULTS: ElubSettings = { step: 0.01, extreme: 9 };

export interface LlrBounds {
  /** log10 LR bounds, lower ≤ 0 ≤ upper. */
  readonly lower: number;
  readonly upper: number;
}

/** Count of sorted values strictly greater than t. O(log n). */
function countAbove(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * ELUB of log10 LRs `llr` with labels (1 = Hp true, 0 = Hd true); needs both labels. O(n log n + g log n) for a
 * grid of g thresholds (at most 2·log10(n + 1)/step + 2).
 */
export function elubBounds(llr: ArrayLike<number>, label: ArrayLike<number>, settings: Partial<ElubSettings> = {}): LlrBounds {
  const { step, extreme } = { ...ELUB_DEFAULTS, ...settings };
  const hp: number[] = [];
  const hd: number[] = [];
  for (let i = 0; i < llr.length; i++) {
    const v = Math.min(extreme, Math.max(-extreme, llr[i]));
    (label[i] === 1 ? hp : hd).push(v);
  }
  if (hp.length === 0 || hd.length === 0) throw new RangeError('ELUB needs LRs of both propositions');
  const sHp = Float64Array.from(hp).sort();
  const sHd = Float64Array.from(hd).sort();
  const lowest = Math.min(sHp[0], sHd[0]);
  const highest = Math.max(sHp[sHp.length - 1], sHd[sHd.length - 1]);
  // No bound beyond what the counts could show: LR ≥ 1/(n_Hp + 1) and ≤ n_Hd + 1.
  const llrMin = Math.max(lowest, -Math.log10(sHp.length + 1));
  const llrMax = Math.min(highest, Math.log10(sHd.length + 1));
  const kMin = Math.min(0, Math.floor(llrMin / step));
  const kMax = Math.max(0, Math.floor(llrMax / step) + 1);
  let failLow = -Infinity;
  let failHigh = Infinity;
  for (let k = kMin; k <= kMax; k++) {
    const rho = k * step;
    const theta = Math.pow(10, rho);
    const acceptHp = countAbove(sHp, rho) / (sHp.length + 1);
    const acceptHd = (countAbove(sHd, rho) + 1) / (sHd.length + 1);
    const system = 1 - acceptHp + theta * acceptHd;
    const neutral = 1 > theta ? theta : 1;
    if (neutral / system < 1) {
      if (k <= 0 && k > failLow) failLow = k;
      if (k >= 0 && k < failHigh) failHigh = k;
    }
  }
  const lower = failLow === -Infinity ? kMin * step : (failLow + 1) * step;
  const upper = failHigh === Infinity ? kMax * step : (failHigh - 1) * step;
  return { lower: Math.min(lower, 0), upper: Math.max(upper, 0) };
}

/** A log10 LR clipped to the bounds. */
export function bound(llr: number, b: LlrBounds): number {
  return llr < b.lower ? b.lower : llr > b.upper ? b.upper : llr;
}
