/**
 * The held-out experiment of docs/ATTRIBUTION.md on generated data: references from some sources, routes predicted
 * for samples of other sources; sources predicted for unseen seizures of the reference sources and for new sources.
 * The calibration and classes come from shared/profiling's automatic mode, as `sigwb attribute` computes them.
 */
import { attribute } from '../../../shared/attribution/attribute';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import type { SourceRule } from '../../../shared/attribution/source-attribution';
import type { AttributionResult } from '../../../shared/attribution/types';
import { autoProfile } from '../../../shared/profiling/auto';
import { generateFentanyl, heldOutSplit, toMatrix, type GenerateOptions, type GeneratedSample } from './generate';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { groupLrFor } from '../../util/group-lr';

/** The generator settings of the experiment: 5 routes × 10 sources × 2 seizures × 3 samples (300 samples). */
export const EXPERIMENT: GenerateOptions = { sourcesPerRoute: 10, sourceSd: 0.8, routeSd: 0.3 };
/** Reference sources per route (the other 4 are new). */
export const REFERENCE_SOURCES = 6;

export interface HeldOutFigures {
  readonly seed: number;
  readonly choice: string;
  readonly cv: { readonly lda: number; readonly knn: number; readonly ensemble: number; readonly combined: number; readonly sampleWise: number };
  /** New sources: ensemble argmax accuracy; the full rule's coverage, accuracy among calls and overall. */
  readonly newSource: { readonly n: number; readonly ensemble: number; readonly coverage: number; readonly accuracyCalled: number; readonly accuracy: number };
  /** New sources with the per-route gate (route-gate.ts, default floor): called, right when called, called wrongly. */
  readonly gated: { readonly coverage: number; readonly accuracyCalled: number; readonly wrong: number; readonly gatedRoutes: readonly string[] };
  readonly knownSource: { readonly n: number; readonly accuracy: number };
  /** Marker rules alone (no reference samples), over every questioned sample. */
  readonly markersOnly: { readonly n: number; readonly coverage: number; readonly accuracyCalled: number };
  /** Classes of unseen seizures of reference sources named with their true source, per rule. */
  readonly sourceRecall: Record<SourceRule, number>;
  /** Classes of new sources left with "no known source", per rule. */
  readonly noFalseSource: Record<SourceRule, number>;
  readonly classes: { readonly known: number; readonly new: number };
}

function run(samples: GeneratedSample[], references: GeneratedSample[], rule: SourceRule, auto: ReturnType<typeof autoProfile>, withRefs = true): AttributionResult {
  const cal = auto.calibration!;
  const lr = groupLrFor(toMatrix(samples), auto.choice.pretreatment, auto.choice.score, samples.map((s) => s.seizure), samples.map((s) => s.caseId));
  return attribute({
    matrix: toMatrix(samples),
    library: DEFAULT_SIGNATURE_LIBRARY,
    drug: 'fentanyl',
    references: withRefs ? references.map((s) => ({ sampleId: s.id, route: s.route, source: s.source })) : [],
    comparison: { pretreatment: auto.choice.pretreatment, score: auto.choice.score },
    calibration: { threshold: cal.threshold, lr, unlinkedMedian: cal.unlinked.median, label: 'computed' },
    classIds: auto.classIds,
    options: { sourceRule: rule },
  });
}

const share = (k: number, n: number) => (n === 0 ? Number.NaN : k / n);

/** Runs the experiment for one seed. About 1 s. */
export function heldOutExperiment(seed: number): HeldOutFigures {
  const samples = generateFentanyl({ ...EXPERIMENT, seed });
  const split = heldOutSplit(samples, REFERENCE_SOURCES);
  const truth = new Map(samples.map((s) => [s.id, s]));
  const auto = autoProfile(toMatrix(samples),simplePopulation(samples.map((s) => s.seizure), samples.map((s) => s.caseId)));
  const byRule = {
    threshold: run(samples, split.references, 'threshold', auto),
    'threshold-and-lr': run(samples, split.references, 'threshold-and-lr', auto),
  };
  const res = byRule.threshold;
  const newIds = new Set(split.newSource.map((s) => s.id));
  const knownIds = new Set(split.knownSource.map((s) => s.id));
  const fresh = res.samples.filter((s) => newIds.has(s.sampleId));
  const known = res.samples.filter((s) => knownIds.has(s.sampleId));
  // newSource: the rule before the gate (a gated call counted as its leading route); gated: as the run called them.
  const before = (s: (typeof fresh)[number]) => (s.call.reason === 'gated' ? s.call.ranked[0].route : s.call.route);
  const right = (s: (typeof fresh)[number]) => before(s) === truth.get(s.sampleId)!.route;
  const called = fresh.filter((s) => before(s) !== null);
  const gCalled = fresh.filter((s) => s.call.route !== null);
  const gRight = gCalled.filter((s) => s.call.route === truth.get(s.sampleId)!.route);

  // Sample-wise folds (sources withheld from the fold plan) show how much grouping by source matters.
  const cvSampleWise = sampleWiseCv(samples, split.references, auto);

  const markersOnly = run(samples, split.references, 'threshold', auto, false);
  const mCalled = markersOnly.samples.filter((s) => s.call.route !== null);

  const sourceFigures = (r: AttributionResult) => {
    let knownRight = 0;
    let knownClasses = 0;
    let newNone = 0;
    let newClasses = 0;
    for (const c of r.classes) {
      const sources = new Set(c.sampleIds.map((id) => truth.get(id)!.source));
      if (c.sampleIds.every((id) => newIds.has(id))) {
        newClasses++;
        if (c.source?.source === null) newNone++;
      } else if (c.sampleIds.every((id) => knownIds.has(id))) {
        knownClasses++;
        if (c.source?.source !== null && c.source?.source !== undefined && sources.has(c.source.source)) knownRight++;
      }
    }
    return { recall: share(knownRight, knownClasses), none: share(newNone, newClasses), knownClasses, newClasses };
  };
  const t = sourceFigures(byRule.threshold);
  const tl = sourceFigures(byRule['threshold-and-lr']);
  const cv = res.crossValidation!;
  return {
    seed,
    choice: `${auto.choice.pretreatment} + ${auto.choice.score}`,
    cv: { lda: cv.lda!.accuracy, knn: cv.knn.accuracy, ensemble: cv.ensemble.accuracy, combined: res.openSet!.nested.right, sampleWise: cvSampleWise },
    newSource: {
      n: fresh.length,
      ensemble: share(fresh.filter((s) => s.classifier!.ensemble[0].route === truth.get(s.sampleId)!.route).length, fresh.length),
      coverage: share(called.length, fresh.length),
      accuracyCalled: share(called.filter(right).length, called.length),
      accuracy: share(fresh.filter(right).length, fresh.length),
    },
    gated: {
      coverage: share(gCalled.length, fresh.length), accuracyCalled: share(gRight.length, gCalled.length), wrong: share(gCalled.length - gRight.length, fresh.length),
      gatedRoutes: res.openSet!.gate.routes.filter((g) => g.gated).map((g) => g.route),
    },
    knownSource: { n: known.length, accuracy: share(known.filter(right).length, known.length) },
    markersOnly: {
      n: markersOnly.samples.length,
      coverage: share(mCalled.length, markersOnly.samples.length),
      accuracyCalled: share(mCalled.filter((s) => s.call.route === truth.get(s.sampleId)!.route).length, mCalled.length),
    },
    sourceRecall: { threshold: t.recall, 'threshold-and-lr': tl.recall },
    noFalseSource: { threshold: t.none, 'threshold-and-lr': tl.none },
    classes: { known: t.knownClasses, new: t.newClasses },
  };
}

/** Ensemble accuracy of 5-fold cross-validation by sample (sources ignored) on the same references. */
function sampleWiseCv(samples: GeneratedSample[], references: GeneratedSample[], auto: ReturnType<typeof autoProfile>): number {
  const r = attribute({
    matrix: toMatrix(samples), library: DEFAULT_SIGNATURE_LIBRARY, drug: 'fentanyl',
    references: references.map((s) => ({ sampleId: s.id, route: s.route, source: null })),
    comparison: { pretreatment: auto.choice.pretreatment, score: auto.choice.score }, calibration: null, classIds: auto.classIds,
  });
  return r.crossValidation!.ensemble.accuracy;
}
