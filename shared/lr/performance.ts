/**
 * Performance characteristics of a set of validated log10 likelihood ratios with known ground truth (Meuwly, Ramos
 * & Haraksim 2017, Forensic Sci Int 276; the LiR toolkit's metrics): Cllr (Brümmer & du Preez 2006, 0 perfect,
 * 1 uninformative), Cllr_min after PAV (the discrimination), Cllr_cal = Cllr − Cllr_min (the calibration loss), the
 * equal error rate on the ROC convex hull (the PAV's, as the BOSARIS toolkit defines it), the rates of misleading
 * evidence both ways, and the empirical cross-entropy (ECE) curve over prior odds (Ramos et al.).
 * Labels: 1 = Hp true (same source / same seizure), 0 = Hd true.
 */
import { log2OnePlusPow10, probabilityToLog10Odds } from './log-odds';
import { fitIsotonic, isotonicAt, pavValues } from './pav';

/** Splits LLRs by label; throws unless both are present. */
function split(llr: ArrayLike<number>, label: ArrayLike<number>): { hp: number[]; hd: number[] } {
  if (llr.length !== label.length) throw new RangeError('one label per LR');
  const hp: number[] = [];
  const hd: number[] = [];
  for (let i = 0; i < llr.length; i++) (label[i] === 1 ? hp : hd).push(llr[i]);
  if (hp.length === 0 || hd.length === 0) throw new RangeError('performance figures need LRs of both propositions');
  return { hp, hd };
}

/** Cllr in bits: ½·(mean over Hp of log2(1 + 1/LR) + mean over Hd of log2(1 + LR)). O(n). */
export function cllr(llr: ArrayLike<number>, label: ArrayLike<number>): number {
  const { hp, hd } = split(llr, label);
  let a = 0;
  for (const v of hp) a += log2OnePlusPow10(-v);
  let b = 0;
  for (const v of hd) b += log2OnePlusPow10(v);
  return 0.5 * (a / hp.length + b / hd.length);
}

/**
 * The LLRs after PAV with prior-balancing weights (LiR's IsotonicCalibrator fitted and applied to the same data):
 * the best monotone recalibration of these LRs; ±∞ where a block holds one proposition only. O(n log n).
 */
export function pavLlrs(llr: ArrayLike<number>, label: ArrayLike<number>): Float64Array {
  const n = llr.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += label[i] === 1 ? 1 : 0;
  const prior = n1 / n;
  const fit = fitIsotonic(llr, label, [prior, 1 - prior]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = probabilityToLog10Odds(isotonicAt(fit, llr[i]));
  return out;
}

/** Cllr_min: the Cllr of the PAV-recalibrated LRs (discrimination only). O(n log n). */
export function cllrMin(llr: ArrayLike<number>, label: ArrayLike<number>): number {
  return cllr(pavLlrs(llr, label), label);
}

/**
 * Equal error rate on the ROC convex hull: PAV blocks of the scores (ascending) are the hull's vertices; the EER is
 * where the hull crosses P(miss) = P(false alarm). O(n log n).
 */
export function equalErrorRate(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const { hp, hd } = split(score, label);
  // Distinct scores ascending with their Hp count and total count: each label sorted natively, then merged.
  const ones = Float64Array.from(hp).sort();
  const zeros = Float64Array.from(hd).sort();
  const uy: number[] = [];
  const uw: number[] = [];
  let last = NaN;
  for (let a = 0, b = 0; a < zeros.length || b < ones.length; ) {
    const one = a >= zeros.length || (b < ones.length && ones[b] < zeros[a]);
    const v = one ? ones[b++] : zeros[a++];
    if (uw.length === 0 || v !== last) {
      uy.push(0);
      uw.push(0);
      last = v;
    }
    uy[uy.length - 1] += one ? 1 : 0;
    uw[uw.length - 1] += 1;
  }
  const fitted = pavValues(uy.map((s, k) => s / uw[k]), uw);
  // Counts per block: runs of equal fitted values.
  const blockOnes: number[] = [];
  const blockZeros: number[] = [];
  for (let k = 0; k < fitted.length; k++) {
    if (k === 0 || fitted[k] !== fitted[k - 1]) {
      blockOnes.push(0);
      blockZeros.push(0);
    }
    blockOnes[blockOnes.length - 1] += uy[k];
    blockZeros[blockZeros.length - 1] += uw[k] - uy[k];
  }
  let pMiss = 0;
  let pFa = 1;
  for (let b = 0; b < blockOnes.length; b++) {
    const nextMiss = pMiss + blockOnes[b] / hp.length;
    const nextFa = pFa - blockZeros[b] / hd.length;
    if (nextMiss >= nextFa) {
      // The segment from (pMiss, pFa) to (nextMiss, nextFa) crosses the diagonal.
      const t = (pFa - pMiss) / (nextMiss - pMiss - (nextFa - pFa));
      return pMiss + t * (nextMiss - pMiss);
    }
    pMiss = nextMiss;
    pFa = nextFa;
  }
  return pMiss;
}

export interface MisleadingRates {
  /** Share of Hd comparisons with LR > 1 (misleading towards Hp). */
  readonly hdAbove1: number;
  /** Share of Hp comparisons with LR < 1 (misleading towards Hd). */
  readonly hpBelow1: number;
  /** Share of Hd comparisons with LR > 100 and of Hp comparisons with LR < 1/100 (strongly misleading). */
  readonly hdAbove100: number;
  readonly hpBelow100: number;
}

/** Rates of misleading evidence both ways (LR exactly 1 misleads neither way). O(n). */
export function misleadingRates(llr: ArrayLike<number>, label: ArrayLike<number>): MisleadingRates {
  const { hp, hd } = split(llr, label);
  const share = (v: number[], test: (x: number) => boolean): number => v.filter(test).length / v.length;
  return {
    hdAbove1: share(hd, (x) => x > 0),
    hpBelow1: share(hp, (x) => x < 0),
    hdAbove100: share(hd, (x) => x > 2),
    hpBelow100: share(hp, (x) => x < -2),
  };
}

/**
 * Empirical cross-entropy (bits) at each prior log10 odds of Hp: P(Hp)·mean_Hp log2(1 + 1/(O·LR)) +
 * P(Hd)·mean_Hd log2(1 + O·LR). With every LR = 1 it is the uninformative reference; at prior odds 1 it equals Cllr.
 * O(n · priors).
 */
export function ece(llr: ArrayLike<number>, label: ArrayLike<number>, priorLog10Odds: ArrayLike<number>): Float64Array {
  const { hp, hd } = split(llr, label);
  // Each distinct LR once, with its count: PAV-calibrated LRs repeat a great deal.
  const tally = (v: number[]): [Float64Array, Float64Array] => {
    const s = Float64Array.from(v).sort();
    const values: number[] = [];
    const counts: number[] = [];
    for (const x of s) {
      if (values.length && values[values.length - 1] === x) counts[counts.length - 1]++;
      else {
        values.push(x);
        counts.push(1);
      }
    }
    return [Float64Array.from(values), Float64Array.from(counts)];
  };
  const [pv, pc] = tally(hp);
  const [dv, dc] = tally(hd);
  const out = new Float64Array(priorLog10Odds.length);
  for (let k = 0; k < priorLog10Odds.length; k++) {
    const lo = priorLog10Odds[k];
    const pHp = 1 / (1 + Math.pow(10, -lo));
    let a = 0;
    for (let i = 0; i < pv.length; i++) a += pc[i] * log2OnePlusPow10(-(pv[i] + lo));
    let b = 0;
    for (let i = 0; i < dv.length; i++) b += dc[i] * log2OnePlusPow10(dv[i] + lo);
    out[k] = pHp * (a / hp.length) + (1 - pHp) * (b / hd.length);
  }
  return out;
}
