/**
 * The record of one batch's linking (config/links-B0007.json): for each new sample its links to stored profiles with
 * their evidence (distance, score on the 0–100 scale, LR and its ENFSI 2015 verbal equivalent), the class it joins or
 * the candidate class it starts, and the alerts investigators act on. Links and classes name where the other side
 * lives (`lab`: null for this workspace, else the lab or partner whose profiles were received; issue 13), so that
 * cross-lab links use the same record. Written once per batch, never overwritten.
 *
 * Since version 2 the record states the database-search rule that decided what is a link (search-threshold.ts): per
 * drug, the profiles each new sample was searched against, the threshold, and the expected false links per search
 * for that store's size. A version-1 record was linked at the calibration's pair threshold: it reads with
 * `method.search` null, and says so (search-text.ts).
 */
import { z } from 'zod';
import { defineFormat, type Migrations } from '../workspace/define-format';
import { PAIR_COMPARISONS } from '../profiling/pair-comparison';

export const LINKS_FORMAT = 'signature-workbench/links';
export const LINKS_VERSION = 2;
export const LINKS_PREFIX = 'links-';

/** Another profile a new sample links to, with the evidence. */
export const LinkEntry = z.object({
  sample_id: z.string(),
  /** null: this workspace; otherwise the lab or partner the profile came from. */
  lab: z.string().nullable(),
  class_id: z.number().int().nullable(),
  distance: z.number(),
  score_100: z.number(),
  /** Null when the calibration in force had no validated LR system. */
  lr: z.number().nullable(),
  log10_lr: z.number().nullable(),
  verbal: z.string(),
  /** The external source (received package or store pull, shared/sharing/external-sources.ts) the profile came from. */
  source: z.string().optional(),
});
export type LinkEntry = z.infer<typeof LinkEntry>;

/** 'lab': a link to another lab's or a partner's profiles (issue 13). */
export const ALERT_KINDS = ['region', 'case', 'agency', 'border', 'lab'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a class (or the linked profiles, with no class run) spans, for alerts. */
export const ClassSpan = z.object({
  lab: z.string().nullable(),
  class_id: z.number().int().nullable(),
  samples: z.number().int(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  regions: z.array(z.string()),
  cases: z.array(z.string()),
  agencies: z.array(z.string()),
  ports_of_entry: z.array(z.string()),
});
export type ClassSpan = z.infer<typeof ClassSpan>;

export const LinkAlert = z.object({
  /** Stable id, for acknowledging: <batch>-<sample>-<class or nearest>. */
  id: z.string(),
  sample_id: z.string(),
  kinds: z.array(z.enum(ALERT_KINDS)),
  /** Why, in one sentence an investigator can read. */
  summary: z.string(),
  strongest: LinkEntry,
  span: ClassSpan,
});
export type LinkAlert = z.infer<typeof LinkAlert>;

export const SampleLinks = z.object({
  sample_id: z.string(),
  drug: z.string().nullable(),
  /** 'class': joins class_id; 'bridge': links several classes (assigned to the nearest's, the others named); 'candidate': a new candidate class; 'none': no link. */
  assignment: z.enum(['class', 'bridge', 'candidate', 'none']),
  class_id: z.number().int().nullable(),
  other_classes: z.array(z.number().int()),
  candidate: z.string().nullable(),
  links: z.array(LinkEntry),
  /** Links beyond the kept ones (the closest are kept). */
  more_links: z.number().int(),
  /** The nearest stored profile, when it is within the threshold (null otherwise). */
  nearest: z.object({ sample_id: z.string(), distance: z.number(), score_100: z.number() }).nullable(),
  /** Links to other labs' and partners' profiles (external sources), closest first; they do not change the assignment. */
  external_links: z.array(LinkEntry).default([]),
});
export type SampleLinks = z.infer<typeof SampleLinks>;

export const SEARCH_RULES = ['pair-threshold', 'expected-false-links', 'tail-limited'] as const;

/**
 * The search threshold of one drug's store, at linking time. 'pair-threshold': the calibration's threshold already
 * keeps the expected false links per search within the target; 'expected-false-links': a stricter threshold does;
 * 'tail-limited': even below the calibration's closest different-source pair the target cannot be shown (the pairs
 * are too few for the store's size), so links are kept only below that pair and the bound says how many false
 * links a search may still give.
 */
export const SearchThresholdRecord = z.object({
  /** The main drug (null: samples with none). */
  drug: z.string().nullable(),
  /** Profiles each new sample was searched against (stored of that drug and the batch's other new samples). */
  searched: z.number().int(),
  rule: z.enum(SEARCH_RULES),
  /** Distance in the calibration's score; null: no distance meets the rule, nothing is linked. */
  threshold: z.number().nullable(),
  score_100: z.number().nullable(),
  /** Estimated different-source rate at the threshold, and its upper bound at `confidence`. */
  fpr: z.number(),
  fpr_upper: z.number(),
  /** searched × fpr and searched × fpr_upper: false links one new sample's search is expected to give. */
  expected_false_links: z.number(),
  expected_false_links_upper: z.number(),
});
export type SearchThresholdRecord = z.infer<typeof SearchThresholdRecord>;

/** The database-search rule (search-threshold.ts) and the calibration pairs it was estimated on. */
export const SearchRuleRecord = z.object({
  /** At most this many false links per search expected (upper bound at `confidence`). */
  target_false_links: z.number().positive(),
  confidence: z.number().gt(0).lt(1),
  /** The calibration's different-source pairs: their number, the effective number after the contamination weights. */
  different_source_pairs: z.number().int(),
  effective_pairs: z.number(),
  corrected: z.boolean(),
  /** The closest different-source pair of the calibration (where the empirical tail ends); null without pairs. */
  closest_different_source: z.number().nullable(),
  by_drug: z.array(SearchThresholdRecord),
});
export type SearchRuleRecord = z.infer<typeof SearchRuleRecord>;

export const LinksRecordSchema = z.object({
  format: z.literal(LINKS_FORMAT),
  schema_version: z.literal(LINKS_VERSION),
  batch_id: z.string(),
  created_at: z.string(),
  analyst: z.string(),
  app_version: z.string(),
  calibration_id: z.string(),
  class_run_id: z.string().nullable(),
  method: z.object({
    pretreatment: z.string(),
    score: z.string(),
    /** The calibration's pair threshold (distance); the search thresholds per drug are in `search`. */
    threshold: z.number(),
    /** The database-search rule; null in records made before it (version 1: linked at `threshold`). */
    search: SearchRuleRecord.nullable(),
    compounds: z.array(z.string()),
    /** How the LRs were obtained and whether they are validated (issue 11). */
    lr_model: z.string(),
    lr_validated: z.boolean(),
    same_drug: z.literal(true),
    /** The external sources searched, and those left out with the reason (another method). */
    /** `how`: 'as-sent' (the same method: their pretreated values) or 'relative' (our pretreatment of their relative areas). */
    /** `search`: the search threshold for that source's profiles of each drug (absent before version 2). */
    external_sources: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          profiles: z.number().int(),
          links: z.number().int(),
          how: z.enum(['as-sent', 'relative']),
          /** How its links' LRs compared the pair: 'censored' with the partner's detection flags; absent in records made before. */
          pair_comparison: z.enum(PAIR_COMPARISONS).optional(),
          search: z.array(SearchThresholdRecord).default([]),
        }),
      )
      .default([]),
    external_skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).default([]),
  }),
  counts: z.object({ new_samples: z.number().int(), stored_profiles: z.number().int(), links: z.number().int(), joined: z.number().int(), bridges: z.number().int(), candidates: z.number().int(), alerts: z.number().int() }),
  samples: z.array(SampleLinks),
  alerts: z.array(LinkAlert),
});
export type LinksRecord = z.infer<typeof LinksRecordSchema>;

const migrations: Migrations = {
  // 1 → 2: the database-search rule; a version-1 record was linked at the calibration's pair threshold.
  1: (old) => ({ ...old, method: { ...(old.method as Record<string, unknown>), search: null } }),
};

const LinksFormat = defineFormat({ format: LINKS_FORMAT, version: LINKS_VERSION, migrations, schema: LinksRecordSchema, defaults: {}, what: 'a links record' });

/** Parses (and migrates) a stored record; throws with the file and the field when it is not one. */
export function readLinksRecord(raw: unknown, where: string): LinksRecord {
  return LinksFormat.read(raw, where);
}
