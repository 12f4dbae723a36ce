/**
 * How class reports stated likelihood ratios before LRs were validated, kept only so that a report made then is
 * computed again byte for byte by `sigwb verify` (its manifest's class-report settings lack `lr_statement`). Then an
 * LR was f_linked(d)/f_unlinked(d) of Gaussian kernel densities of the calibration's pair distances (Scott's
 * bandwidth, as scipy.stats.gaussian_kde), held within [1/n_linked, n_unlinked], read at the class's mean distance
 * between two members or at a known source's median distance, on a verbal scale with cut-points 10, 100, 1,000 and
 * 10,000 and no "no support" band. No new report states such an LR: it was never validated (DOMAIN.md).
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { readCalibrationDistances } from '../analysis/calibration-store';
import type { SourceCandidate } from '../attribution/source-attribution';
import { gaussianKde, kdeLogDensity, type GaussianKde } from '../profiling/kde';
import type { Workspace } from '../workspace/Workspace';

interface LegacyValue {
  lr: number;
  capped: boolean;
  qualifier: string;
  supports: 'linked' | 'unlinked' | 'neither';
  text: string;
}

const CUTS = [10, 100, 1000, 10000];
const QUALIFIERS = ['weak', 'moderate', 'moderately strong', 'strong', 'very strong'];

function verbal(lr: number): Omit<LegacyValue, 'lr' | 'capped'> {
  if (lr === 1) return { supports: 'neither', qualifier: 'no', text: 'The findings support neither proposition over the other.' };
  const supports = lr > 1 ? 'linked' : 'unlinked';
  const m = lr > 1 ? lr : 1 / lr;
  let level = 1;
  for (const c of CUTS) if (m >= c) level++;
  const qualifier = QUALIFIERS[Math.min(level, QUALIFIERS.length) - 1];
  const [a, b] = supports === 'linked' ? ['share a common source', 'come from different sources'] : ['come from different sources', 'share a common source'];
  return { supports, qualifier, text: `The findings provide ${qualifier} support for the proposition that the samples ${a} rather than that they ${b}.` };
}

/** The earlier limitation, stated by every class report of then, with or without a calibration. */
export const LEGACY_LIMITATION = 'Likelihood ratios come from kernel density estimates of the calibration pairs\' distances: they hold as far as those pairs represent the samples compared, and are capped where the estimates run out of data.';

/** The earlier statements of a report made before validated LRs. */
export interface LegacyLr {
  /** The class summary's "Strength of the link" sentence. */
  classSentence(cohesion: number): string;
  /** The results' fact row. */
  classFact(cohesion: number): [string, string];
  /** A known source's LR as the source phrase and the table's two cells gave it. */
  sourcePhraseLr(c: SourceCandidate): string;
  sourceCells(c: SourceCandidate): [string, string];
}

/** The earlier statements for a calibration that kept its kernel-density model (schema 1 or 2), or null. */
export async function legacyLr(ws: Workspace, record: CalibrationRecord | null): Promise<LegacyLr | null> {
  if (record === null || record.legacy_lr_model === null) return null;
  const d = await readCalibrationDistances(ws, record);
  const linked: GaussianKde = gaussianKde(d.linked, 'scott');
  const unlinked: GaussianKde = gaussianKde(d.unlinked, 'scott');
  const [minLr, maxLr] = [1 / d.linked.length, d.unlinked.length];
  const at = (distance: number): LegacyValue => {
    let lr = Math.exp(kdeLogDensity(linked, distance) - kdeLogDensity(unlinked, distance));
    let capped = false;
    if (lr > maxLr) [lr, capped] = [maxLr, true];
    else if (lr < minLr) [lr, capped] = [minLr, true];
    return { lr, capped, ...verbal(lr) };
  };
  const value = (v: LegacyValue) => `${Number(v.lr.toPrecision(2))}${v.capped ? ' (capped)' : ''}`;
  const side = (v: LegacyValue, [a, b, n]: [string, string, string]) => (v.supports === 'linked' ? a : v.supports === 'unlinked' ? b : n);
  return {
    classSentence(cohesion) {
      const v = at(cohesion);
      return `likelihood ratio ${value(v)} at the class's mean distance between two members: ${v.qualifier} support for ${side(v, ['a common source rather than different sources', 'different sources rather than a common source', 'neither proposition'])}.`;
    },
    classFact(cohesion) {
      const v = at(cohesion);
      return ['Likelihood ratio at that distance', `${value(v)}: ${v.qualifier} support for ${side(v, ['a common source', 'different sources', 'neither proposition'])}`];
    },
    sourcePhraseLr(c) {
      const v = at(c.medianDistance);
      return `LR ${value(v)}: ${v.text}`;
    },
    sourceCells(c) {
      const v = at(c.medianDistance);
      return [value(v), `${v.qualifier} support for ${side(v, ['a common source', 'different sources', 'neither'])}`];
    },
  };
}
