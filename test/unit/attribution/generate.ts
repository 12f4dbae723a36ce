/**
 * Seeded synthetic fentanyl profiles with known routes and sources, for held-out checks of attribution.
 * Model (log areas): route profile + source deviation + seizure deviation + sample noise; route-specific
 * by-products and residual precursors follow the chemistry of default-library.ts (benzylfentanyl for Janssen,
 * NPP for Siegfried and Gupta, 4-AP and 1-boc-4-AP for their routes, phenethyl-4-ANPP in Gupta sources that
 * "run badly"). Traces under 0.02 % of the total area are not detected. The figures measure the code on this
 * model, not performance on casework.
 */
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { DEFAULT_NON_DETECT_RULE, type NonDetectRule } from '../../../shared/profiling/non-detects';
import { signatureMatrixFromRows, withNonDetectRule, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';

export const FENTANYL_COMPOUNDS = [
  '4-ANPP', 'NPP', 'norfentanyl', 'benzylfentanyl', '4-AP', '1-boc-4-AP', 'phenethyl-4-ANPP', 'acetylfentanyl',
  'aniline', 'N-phenylpropanamide', 'phenethyl alcohol', '1-phenethylpiperidin-4-ol', 'ethyl-4-ANPP', '4-piperidone',
] as const;

export const FENTANYL_ROUTES = ['janssen', 'siegfried', 'gupta', '4-ap', '1-boc-4-ap'] as const;

/** Log area of a compound a route does not make (no route offset, no source deviation: trace noise only). */
export const ABSENT = -9;

/**
 * Phenethyl-4-ANPP in Gupta sources that run the one-pot reaction badly (every other source, the first included):
 * log area mean + sd · N(0, 1) per source, in place of ABSENT.
 */
export const PHENETHYL_4_ANPP = { column: 6, mean: 0.3, sd: 0.5 } as const;

/** Route means of the log areas, in FENTANYL_COMPOUNDS order (before the seeded route offsets). */
/** The generator's default spreads (log units): route offsets, source, seizure (batch) and sample deviations. */
export const DEFAULT_SD = { route: 0.4, source: 0.5, seizure: 0.15, sample: 0.1 } as const;

export const ROUTE_MEANS: Record<(typeof FENTANYL_ROUTES)[number], number[]> = {
  janssen: [1.0, ABSENT, 2.0, 1.5, ABSENT, ABSENT, ABSENT, 0.5, -1.0, 0.5, 0.0, -0.5, 0.0, -1.0],
  siegfried: [3.0, 1.5, -1.0, ABSENT, ABSENT, ABSENT, ABSENT, 0.5, 0.5, 0.5, 0.0, 0.5, 0.0, -1.0],
  gupta: [3.0, 1.0, -1.0, ABSENT, ABSENT, ABSENT, ABSENT, 0.5, 0.5, 0.5, 0.0, 0.5, 0.0, 0.3],
  '4-ap': [2.5, ABSENT, 1.0, ABSENT, 1.0, ABSENT, ABSENT, 0.5, -0.5, 0.5, 0.0, -0.5, 0.0, -1.0],
  '1-boc-4-ap': [1.0, ABSENT, 2.0, ABSENT, 0.0, 0.5, ABSENT, 0.5, -1.0, 0.5, 0.0, -0.5, 0.0, -1.0],
};

export interface GeneratedSample {
  readonly id: string;
  readonly route: string;
  readonly source: string;
  readonly seizure: string;
  readonly caseId: string;
  /** Area per compound (FENTANYL_COMPOUNDS order); null = not detected. */
  readonly areas: (number | null)[];
  /** The areas before detection (what a perfect instrument would report), for measuring what censoring does. */
  readonly trueAreas: number[];
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Sources (clandestine labs) per route; default 6. */
  readonly sourcesPerRoute?: number;
  /** Seizures per source; default 2. */
  readonly seizuresPerSource?: number;
  /** Samples per seizure; default 3. */
  readonly samplesPerSeizure?: number;
  /** sd of the source deviation (log units); default 0.5. */
  readonly sourceSd?: number;
  /** sd of the route offsets added to every compound (log units); default 0.4. */
  readonly routeSd?: number;
  /** sd of a seizure's (production batch's) deviation from its source (log units); default 0.15. */
  readonly seizureSd?: number;
  /** sd of a sample's deviation from its seizure (log units, within-seizure noise); default 0.1. */
  readonly sampleSd?: number;
  /**
   * The route means (log areas, FENTANYL_COMPOUNDS order, offsets included) to use instead of drawing them: more
   * sources of the routes of a collection already drawn (generateFentanylWithMeans), for oracle bounds.
   */
  readonly routeMeans?: Readonly<Record<string, readonly number[]>>;
  /**
   * Detection limit as a peak area (absolute, like an integrator's threshold); samples' total areas span 1e5–1e6.
   * Default: none, and traces under 0.02 % of the sample's total are not detected (a relative limit).
   */
  readonly lod?: number;
}

/** Generates the data set; the same options always give the same samples. */
export function generateFentanyl(options: GenerateOptions = {}): GeneratedSample[] {
  return generateFentanylWithMeans(options).samples;
}

/** The data set and the route means it was drawn from (the generator's truth, for oracle bounds). */
export function generateFentanylWithMeans(options: GenerateOptions = {}): { samples: GeneratedSample[]; routeMeans: Record<string, number[]> } {
  const routeMeans: Record<string, number[]> = {};
  const rng = mulberry32(options.seed ?? 2026);
  const out: GeneratedSample[] = [];
  let sourceNo = 0;
  let seizureNo = 0;
  let sampleNo = 0;
  const routeSd = options.routeSd ?? DEFAULT_SD.route;
  const sourceSd = options.sourceSd ?? DEFAULT_SD.source;
  for (const route of FENTANYL_ROUTES) {
    const given = options.routeMeans?.[route];
    const mu = given === undefined ? ROUTE_MEANS[route].map((m) => (m === ABSENT ? m : m + routeSd * rng.nextNormal())) : [...given];
    routeMeans[route] = mu;
    for (let s = 0; s < (options.sourcesPerRoute ?? 6); s++) {
      const source = `L${String(++sourceNo).padStart(2, '0')}`;
      const lab = mu.map((m) => (m === ABSENT ? m : m + sourceSd * rng.nextNormal()));
      // Gupta sources that run the one-pot reaction badly make phenethyl-4-ANPP (Vandeputte et al. 2021).
      if (route === 'gupta' && s % 2 === 0) lab[PHENETHYL_4_ANPP.column] = PHENETHYL_4_ANPP.mean + PHENETHYL_4_ANPP.sd * rng.nextNormal();
      for (let z = 0; z < (options.seizuresPerSource ?? 2); z++) {
        const seizure = `SZ-${String(++seizureNo).padStart(3, '0')}`;
        const batch = lab.map((m) => m + (options.seizureSd ?? DEFAULT_SD.seizure) * rng.nextNormal());
        for (let k = 0; k < (options.samplesPerSeizure ?? 3); k++) {
          const amount = 1e5 * (1 + 9 * rng.next());
          const raw = batch.map((m) => Math.exp(m + (options.sampleSd ?? DEFAULT_SD.sample) * rng.nextNormal()));
          const total = raw.reduce((a, b) => a + b, 0);
          const trueAreas = raw.map((v) => Math.round((v / total) * amount * 100) / 100);
          const lod = options.lod;
          const areas = raw.map((v, c) => ((lod === undefined ? v / total < 2e-4 : trueAreas[c] < lod) ? null : trueAreas[c]));
          out.push({ id: `S${String(++sampleNo).padStart(4, '0')}`, route, source, seizure, caseId: `C-${seizure.slice(3)}`, areas, trueAreas });
        }
      }
    }
  }
  return { samples: out, routeMeans };
}

/**
 * The samples as a signature matrix (FENTANYL_COMPOUNDS columns), non-detects per `rule` (default the workspace's,
 * 'half-lod', the collection read as one results batch).
 */
export function toMatrix(samples: readonly GeneratedSample[], rule: NonDetectRule = DEFAULT_NON_DETECT_RULE): SignatureMatrix {
  return withNonDetectRule(signatureMatrixFromRows(samples.map((s) => s.id), [...FENTANYL_COMPOUNDS], samples.map((s) => s.areas)), rule);
}

/** The areas before detection as a matrix (no non-detects), for measuring what censoring does. */
export function trueMatrix(samples: readonly GeneratedSample[]): SignatureMatrix {
  return signatureMatrixFromRows(samples.map((s) => s.id), [...FENTANYL_COMPOUNDS], samples.map((s) => s.trueAreas));
}

/**
 * The held-out design: in each route, the first `referenceSources` sources are references (their first seizure);
 * their other seizures are questioned samples of a known source; the remaining sources are new, wholly questioned.
 */
export function heldOutSplit(samples: readonly GeneratedSample[], referenceSources = 4): { references: GeneratedSample[]; knownSource: GeneratedSample[]; newSource: GeneratedSample[] } {
  const references: GeneratedSample[] = [];
  const knownSource: GeneratedSample[] = [];
  const newSource: GeneratedSample[] = [];
  const order = new Map<string, string[]>();
  const firstSeizure = new Map<string, string>();
  for (const s of samples) {
    const list = order.get(s.route) ?? [];
    if (!list.includes(s.source)) list.push(s.source);
    order.set(s.route, list);
    if (!firstSeizure.has(s.source)) firstSeizure.set(s.source, s.seizure);
  }
  for (const s of samples) {
    const rank = order.get(s.route)!.indexOf(s.source);
    if (rank >= referenceSources) newSource.push(s);
    else if (firstSeizure.get(s.source) === s.seizure) references.push(s);
    else knownSource.push(s);
  }
  return { references, knownSource, newSource };
}
