/**
 * Which comparisons carry a held-out Cllr (`npm run bench -- validation --diagnose`): the Cllr of held-out LRs is a
 * sum over comparisons, ½·log2(1 + 1/LR)/n_Hp for each Hp pair and ½·log2(1 + LR)/n_Hd for each Hd pair, so it splits
 * exactly by the sources a pair joins (one source for an Hp pair, an unordered pair of sources for an Hd pair). A
 * collection that misses the goal is then read by where its loss sits: one source pair of look-alikes, one wide
 * source, or spread thinly over all.
 */
import { log2OnePlusPow10 } from './log-odds';

export interface LossPart {
  /** "Hp SRC-03" or "Hd SRC-01 ~ SRC-10". */
  readonly key: string;
  readonly hp: boolean;
  /** Comparisons in the part, and their share of their proposition's comparisons. */
  readonly pairs: number;
  readonly shareOfProposition: number;
  /** Bits of Cllr the part carries (the parts sum to the Cllr). */
  readonly bits: number;
  /** Smallest and largest held-out log10 LR in the part. */
  readonly llr: [number, number];
}

/** The held-out Cllr split by source (Hp) and source pair (Hd), largest first. NaN LRs (not validated) are left out. O(n log n). */
export function lossBySource(llr: ArrayLike<number>, label: ArrayLike<number>, sourceA: readonly string[], sourceB: readonly string[]): LossPart[] {
  let nHp = 0;
  let nHd = 0;
  for (let k = 0; k < llr.length; k++) {
    if (Number.isNaN(llr[k])) continue;
    if (label[k] === 1) nHp++;
    else nHd++;
  }
  const parts = new Map<string, { hp: boolean; pairs: number; bits: number; lo: number; hi: number }>();
  for (let k = 0; k < llr.length; k++) {
    const l = llr[k];
    if (Number.isNaN(l)) continue;
    const hp = label[k] === 1;
    const [a, b] = [sourceA[k], sourceB[k]].sort();
    const key = hp ? `Hp ${a}` : `Hd ${a} ~ ${b}`;
    const p = parts.get(key) ?? { hp, pairs: 0, bits: 0, lo: Infinity, hi: -Infinity };
    p.pairs++;
    p.bits += hp ? log2OnePlusPow10(-l) / (2 * nHp) : log2OnePlusPow10(l) / (2 * nHd);
    p.lo = Math.min(p.lo, l);
    p.hi = Math.max(p.hi, l);
    parts.set(key, p);
  }
  return [...parts.entries()]
    .map(([key, p]) => ({ key, hp: p.hp, pairs: p.pairs, shareOfProposition: p.pairs / (p.hp ? nHp : nHd), bits: p.bits, llr: [p.lo, p.hi] as [number, number] }))
    .sort((x, y) => y.bits - x.bits);
}

/** The largest parts in one line each: bits and share of the Cllr, share of the proposition's pairs, LR range. */
export function lossLines(parts: LossPart[], top = 3): string[] {
  const total = parts.reduce((s, p) => s + p.bits, 0);
  return parts.slice(0, top).map((p) => `  ${p.key}: ${p.bits.toFixed(3)} bits (${Math.round((100 * p.bits) / total)} % of the Cllr) from ${p.pairs} pairs (${(100 * p.shareOfProposition).toFixed(1)} % of ${p.hp ? 'Hp' : 'Hd'}), held-out log10 LR ${p.llr[0].toFixed(2)} to ${p.llr[1].toFixed(2)}`);
}
