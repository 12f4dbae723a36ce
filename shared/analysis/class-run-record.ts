/**
 * The class-run record (config/class-run-R0001.json) and its data file (classes/R0001.arrow): schema, version,
 * migrations and the Arrow layout in one place.
 *
 * Split, decided for 10,000 samples: the JSON holds settings, reasons, figures and the summaries of classes of two
 * or more samples (members included: each sample id appears at most once, about 150 KB at 10,000 samples); the
 * Arrow file holds what grows with every sample: one row per sample (sample_id, class_id, distance_to_class_mean,
 * classes of one included) and, in the same rows, the linkage matrix for the dendrogram (row k < n−1 holds merge
 * k: merge_a, merge_b, merge_height, merge_size, scipy numbering over this file's sample order; null in the last
 * row). At 10,000 samples the file is about 0.5 MB, where the same numbers as pretty JSON would be 2–3 MB.
 *
 * Since schema 4 a run states its method (`method`): 'full', the condensed distances and the linkage tree cut (the
 * dendrogram), or 'threshold-graph', classes without an n × n matrix (shared/linking/sparse-classes.ts): the
 * connected components of the graph of pairs at distance ≤ the threshold (exactly single linkage cut there), each
 * component clustered by the run's linkage and cut at the threshold. A threshold-graph run has no linkage matrix
 * (the merge columns are null in every row) and adds a `component` column (each sample's component: the first
 * sample of it in the file's order), from which the next batch extends it. Runs before schema 4 are 'full'.
 *
 * Since schema 5 a run states the rule its class ids were carried over by (`settings.class_id_rule`,
 * shared/profiling/class-ids.ts): 'jaccard-shared-samples', classes compared on the samples both runs hold, so new
 * samples joining a class do not cost it its id. Runs before schema 5 read as 'jaccard-all-members', the rule they
 * were made by; their ids are read from their data file, never computed again.
 */
import { Table, makeVector, tableFromIPC, tableToIPC } from 'apache-arrow';
// apache-arrow's vectorFromArray compiles code with new Function, which the app's CSP forbids (arrow-build.ts).
import { float64Vector, int32Vector, utf8Vector } from '../db/arrow-build';
import { z } from 'zod';
import { CLASS_ID_RULES } from '../profiling/class-ids';
import { CUT_RULES } from '../profiling/cut-selection';
import { ContaminationRecord, InputBatch, Interval, LinkageName, migrateInputsV1, PairRule, PretreatmentName, ScoreName, SignatureSelectionRecord } from './analysis-inputs';
import { readVersioned, RecordError, type Migrations } from './record-version';
import { refuseIfPresent } from '../workspace/define-format';

export const CLASS_RUN_FORMAT = 'signature-workbench/class-run';
export const CLASS_RUN_VERSION = 5;

const num = z.number();
const count = z.number().int().nonnegative();

const ClassRecord = z.object({
  class_id: z.number().int().positive(),
  size: count,
  members: z.array(z.string()),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  regions: z.array(z.object({ region: z.string(), samples: count })),
  cases: z.array(z.string()),
  seizures: count,
  /** Mean share of the total target area per compound (N), in `settings.signature.compounds` order. */
  mean_signature: z.array(num),
  /** Mean distance between two members (score units) and on the 0–100 scale. */
  cohesion: num,
  cohesion_100: num,
  previous_class_id: z.number().int().positive().nullable(),
  jaccard: num,
});
export type ClassRecord = z.infer<typeof ClassRecord>;

/** How the classes were made (module doc). */
export const ClassRunMethod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full') }),
  z.object({
    kind: z.literal('threshold-graph'),
    /** Pairs at distance ≤ the threshold (each counted once), components of the graph, the largest one's size. */
    edges: count,
    components: count,
    largest_component: count,
    /** The graph run this one extends (its untouched components kept whole), or null when built from all samples. */
    extended_from: z.string().nullable(),
    /** Samples added to `extended_from` (0 when built whole) and the components they touched (clustered again). */
    added_samples: count,
    touched_components: count,
  }),
]);
export type ClassRunMethod = z.infer<typeof ClassRunMethod>;

/** The current schema (the version in CLASS_RUN_VERSION). */
export const ClassRunRecordSchema = z.object({
  format: z.literal(CLASS_RUN_FORMAT),
  schema_version: z.literal(CLASS_RUN_VERSION),
  id: z.string().regex(/^R\d{4,}$/),
  created_at: z.string(),
  analyst: z.string(),
  app_version: z.string(),
  /** 'auto' when the analyst set nothing but the signature. */
  mode: z.enum(['auto', 'explicit']),
  settings: z.object({
    signature: SignatureSelectionRecord,
    pairs_rule: PairRule,
    pretreatment: PretreatmentName,
    score: ScoreName,
    linkage: LinkageName,
    threshold: num.nullable(),
    k: z.number().int().positive().nullable(),
    accepted_fpr: num,
    calibration_id: z.string().nullable(),
    /** default: no pairs to choose by; held-out: the cut chosen on held-out pairs; fresh-calibration: schema 1 and 2 runs only. */
    source: z.object({
      combination: z.enum(['auto', 'override', 'calibration', 'default']),
      linkage: z.enum(['auto', 'override', 'default']),
      cut: z.enum(['held-out', 'calibration', 'fresh-calibration', 'threshold', 'k']),
    }),
    /** The rule of a held-out cut (cut-selection.ts), else null. */
    cut_rule: z.enum(CUT_RULES).nullable(),
    /** What the analyst asked for (null = automatic). */
    requested: z.object({
      pretreatment: PretreatmentName.nullable(),
      score: ScoreName.nullable(),
      linkage: LinkageName.nullable(),
      threshold: num.nullable(),
      k: z.number().int().positive().nullable(),
      accepted_fpr: num.nullable(),
      calibration: z.string(),
    }),
    log_offset: num,
    seed: z.number().int(),
    min_jaccard: num,
    /** Which samples the Jaccard index of the id rule counts (shared/profiling/class-ids.ts); schema ≤ 4: all members. */
    class_id_rule: z.enum(CLASS_ID_RULES),
  }),
  reasons: z.array(z.string()),
  figures: z.object({
    /** By AUC; intervals by a bootstrap grouped by seizure (null in runs before schema 3). */
    combinations: z.array(
      z.object({ pretreatment: PretreatmentName, score: ScoreName, rank: z.number().int(), auc: num, auc_interval: Interval.nullable(), gain_interval: Interval.nullable(), threshold: num, fpr_at_threshold: num, tpr_at_threshold: num }),
    ),
    /** Per linkage: held-out (or fixed-cut) estimates; cophenetic correlation in runs before schema 3. */
    linkages: z.array(z.object({ method: LinkageName, cophenetic_correlation: num.nullable(), f1: num.nullable(), recall: num.nullable(), false_link_rate: num.nullable() })),
    /** Held-out candidates, best first (empty unless the cut was chosen on held-out pairs). */
    cut_candidates: z.array(z.object({ linkage: LinkageName, rule: z.enum(CUT_RULES), f1: num, recall: num, false_link_rate: num, threshold: num })),
    folds: z.number().int().positive().nullable(),
    contamination: ContaminationRecord.nullable(),
    pairs_calibration: z.object({ auc: num, threshold: num, fpr: num, tpr: num, linked: count, unlinked: count }).nullable(),
    reference_distance: num,
  }),
  inputs: z.object({ batches: z.array(InputBatch), samples: count }),
  previous_run: z.string().nullable(),
  method: ClassRunMethod,
  next_class_id: z.number().int().positive(),
  retired_class_ids: z.array(z.number().int().positive()),
  class_count: count,
  singletons: count,
  /** Classes of two or more samples, by class id; classes of one are in the data file only. */
  classes: z.array(ClassRecord),
  data: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), rows: count }),
});
export type ClassRunRecord = z.infer<typeof ClassRunRecordSchema>;

/** Each older schema's step to the next, with a test (test/unit/analysis/record-migrations.test.ts). */
const migrations: Migrations = {
  // 4 → 5: the class id rule (earlier runs counted every member of the new class, new samples included).
  4: (old) => {
    const settings = old.settings as Record<string, unknown>;
    refuseIfPresent(settings, 'class_id_rule', 'settings.class_id_rule', 5);
    return { ...old, settings: { ...settings, class_id_rule: 'jaccard-all-members' } };
  },
  // 3 → 4: the method (every earlier run is a full clustering with its linkage matrix).
  3: (old) => ({ ...old, method: { kind: 'full' } }),
  // 2 → 3: held-out cut selection, contamination and AUC intervals (none in earlier runs).
  2: (old) => {
    const settings = old.settings as Record<string, unknown>;
    const figures = old.figures as { combinations: Record<string, unknown>[]; linkages: Record<string, unknown>[] } & Record<string, unknown>;
    return {
      ...old,
      settings: { ...settings, cut_rule: null },
      figures: {
        ...figures,
        combinations: figures.combinations.map((c) => ({ ...c, auc_interval: null, gain_interval: null })),
        linkages: figures.linkages.map((l) => ({ ...l, f1: null, recall: null, false_link_rate: null })),
        cut_candidates: [],
        folds: null,
        contamination: null,
      },
    };
  },
  // 1 → 2: pair rules of several columns (Popovic et al.'s R1–R4), excluded compounds.
  1: (old) => {
    const settings = old.settings as { pairs_rule: { linked_by: string; unlinked_by: { column: string } }; signature: Record<string, unknown> };
    const { rule, signature } = migrateInputsV1(settings.pairs_rule, settings.signature);
    return { ...old, settings: { ...settings, pairs_rule: rule, signature } };
  },
};

/** Parses and migrates a stored class run; throws RecordError saying what is wrong. */
export function readClassRunRecord(raw: unknown, where = 'class run'): ClassRunRecord {
  return readVersioned(raw, CLASS_RUN_FORMAT, CLASS_RUN_VERSION, migrations, ClassRunRecordSchema, where);
}

/** Per-sample rows of a run, in matrix order, with the linkage matrix alongside. */
export interface ClassRunData {
  sampleIds: string[];
  classIds: Int32Array;
  distanceToMean: Float64Array;
  /** Empty for a threshold-graph run (no tree). */
  linkageMatrix: Float64Array;
  /** Threshold-graph runs: each sample's component (first member's index in this order); null for full runs. */
  component?: Int32Array | null;
}

/** Arrow IPC file bytes of a run's data (layout in the module doc). O(n). */
export function classRunDataToArrow(d: ClassRunData): Uint8Array {
  const n = d.sampleIds.length;
  const tree = d.linkageMatrix.length > 0;
  const col = (k: number): (number | null)[] => Array.from({ length: n }, (_, i) => (tree && i < n - 1 ? d.linkageMatrix[i * 4 + k] : null));
  return tableToIPC(
    new Table({
      sample_id: utf8Vector(d.sampleIds),
      class_id: makeVector(Int32Array.from(d.classIds)),
      distance_to_class_mean: makeVector(Float64Array.from(d.distanceToMean)),
      merge_a: int32Vector(col(0)),
      merge_b: int32Vector(col(1)),
      merge_height: float64Vector(col(2)),
      merge_size: int32Vector(col(3)),
      ...(d.component ? { component: makeVector(Int32Array.from(d.component)) } : {}),
    }),
    'file',
  );
}

/** Reads a run's data file back. O(n). */
export function classRunDataFromArrow(bytes: Uint8Array): ClassRunData {
  const t = tableFromIPC(bytes);
  const get = (name: string) => {
    const c = t.getChild(name);
    if (!c) throw new RecordError(`class-run data file lacks its ${name} column`);
    return c;
  };
  const n = t.numRows;
  const ids = get('sample_id');
  const cols = ['merge_a', 'merge_b', 'merge_height', 'merge_size'].map(get);
  // A threshold-graph run has no tree: its merge columns are null throughout.
  const tree = n > 1 && cols[0].get(0) !== null;
  const z = new Float64Array(tree ? (n - 1) * 4 : 0);
  if (tree) for (let i = 0; i < n - 1; i++) for (let k = 0; k < 4; k++) z[i * 4 + k] = Number(cols[k].get(i));
  const component = t.getChild('component');
  return {
    component: component ? Int32Array.from(component.toArray() as Int32Array) : null,
    sampleIds: Array.from({ length: n }, (_, i) => String(ids.get(i))),
    classIds: Int32Array.from(get('class_id').toArray() as Int32Array),
    distanceToMean: Float64Array.from(get('distance_to_class_mean').toArray() as Float64Array),
    linkageMatrix: z,
  };
}
