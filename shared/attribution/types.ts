/** Result types of an attribution run, shared by the engine, the CLI and the interface. */
import type { ColumnScaling, Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';
import type { ClassifierFigures } from './route-classifiers';
import type { MarkerEvidence } from './marker-evidence';
import type { OpenSetValidation } from './open-set-validation';
import type { PrecursorProfile } from './precursor-profile';
import type { RankedRoute, RouteCall } from './route-decision';
import type { SourceAttribution, SourceCalibration } from './source-attribution';

/** A reference sample as the engine takes it. */
export interface ReferenceInput {
  readonly sampleId: string;
  /** Route id of the drug's library. */
  readonly route: string;
  readonly source: string | null;
}

/** The calibrated comparison (pretreatment + metric) that every distance uses. */
export interface Comparison {
  readonly pretreatment: Pretreatment;
  readonly score: Score;
  readonly logOffset?: number;
  readonly scaling?: ColumnScaling;
}

/** The calibration in force, as attribution uses it. */
export interface CalibrationInForce extends SourceCalibration {
  /** How the analyst can find it again (calibration record id and version, or how it was computed). */
  readonly label: string;
  /** Median distance of unlinked pairs: a sample further than this from every reference is unlike all of them. */
  readonly unlinkedMedian?: number;
}

/** How far a sample is from one referenced route's references (typicality.ts). */
export interface RouteTypicality {
  readonly route: string;
  /** Squared Mahalanobis distance to the route's mean (pooled shrunk covariance). */
  readonly d2: number;
  /** True when d2 is within the run's cut (`openSet.cut`). */
  readonly fits: boolean;
}

/** What the reference samples say of a sample: classifier probabilities among the referenced routes, and typicality. */
export interface ClassifierView {
  /** LDA posteriors among the referenced routes; null with a single referenced route. */
  readonly lda: readonly RankedRoute[] | null;
  readonly knn: readonly RankedRoute[];
  /** Mean of LDA and kNN among the referenced routes (sums to 1 over them). */
  readonly ensemble: readonly RankedRoute[];
  /** Distance (calibrated metric) to the nearest reference sample. */
  readonly nearestReference: number;
  /** Typicality for each referenced route, in the referenced routes' order. */
  readonly typicality: readonly RouteTypicality[];
}

export interface SampleAttribution {
  readonly sampleId: string;
  /** Chemical class (1 = largest). */
  readonly classId: number;
  readonly call: RouteCall;
  /** What the references say; null without reference samples. */
  readonly classifier: ClassifierView | null;
  readonly markers: MarkerEvidence;
}

export interface ClassReference {
  readonly sampleId: string;
  readonly route: string;
  readonly source: string | null;
}

export interface ClassAttribution {
  readonly classId: number;
  /** Questioned (non-reference) members. */
  readonly sampleIds: readonly string[];
  /** Reference samples that fell in the class. */
  readonly references: readonly ClassReference[];
  /**
   * Route of the class: the same rule as for a sample (route-decision.ts) on the members' evidence combined: mean
   * ensemble probabilities, a route fitted when most members fit it, the members' median marker weights.
   */
  readonly call: RouteCall;
  /** Members per individual call (route id or "undetermined"). */
  readonly memberCalls: Readonly<Record<string, number>>;
  /** Nearest known sources; null when there is no calibration or no reference sample names a source. */
  readonly source: SourceAttribution | null;
  readonly precursors: PrecursorProfile;
}

export interface AttributionResult {
  readonly drug: string;
  readonly libraryVersion: string;
  /** The drug's library routes, in library order. */
  readonly routes: readonly string[];
  /** Routes with reference samples, sorted (the classifiers' classes). */
  readonly referenceRoutes: readonly string[];
  /** Library routes without reference samples, in library order: the references cannot speak for them. */
  readonly unreferencedRoutes: readonly string[];
  readonly comparison: Comparison;
  readonly calibration: CalibrationInForce | null;
  readonly references: { readonly used: number; readonly sources: number; readonly missing: readonly string[] };
  /** Cross-validated figures of LDA, kNN and their ensemble; null when fewer than 2 routes have references. */
  readonly crossValidation: ClassifierFigures | null;
  /** The whole open-set rule judged on the references, with its optimism stated; null without references. */
  readonly openSet: OpenSetValidation | null;
  readonly samples: readonly SampleAttribution[];
  readonly classes: readonly ClassAttribution[];
  /** What the analyst should know about how the run was made. */
  readonly notes: readonly string[];
}
