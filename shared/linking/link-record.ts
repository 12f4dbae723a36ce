/**
 * The record of one batch's linking (config/links-B0007.json): for each new sample its links to stored profiles with
 * their evidence (distance, score on the 0–100 scale, LR and its ENFSI 2015 verbal equivalent), the class it joins or
 * the candidate class it starts, and the alerts investigators act on. Links and classes name where the other side
 * lives (`lab`: null for this workspace, else the lab or partner whose profiles were received; issue 13), so that
 * cross-lab links use the same record. Written once per batch, never overwritten.
 */
import { z } from 'zod';

export const LINKS_FORMAT = 'signature-workbench/links';
export const LINKS_VERSION = 1;
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

export const LinksRecordV1 = z.object({
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
    threshold: z.number(),
    compounds: z.array(z.string()),
    /** How the LRs were obtained and whether they are validated (issue 11). */
    lr_model: z.string(),
    lr_validated: z.boolean(),
    same_drug: z.literal(true),
    /** The external sources searched, and those left out with the reason (another method). */
    /** `how`: 'as-sent' (the same method: their pretreated values) or 'relative' (our pretreatment of their relative areas). */
    external_sources: z.array(z.object({ id: z.string(), name: z.string(), profiles: z.number().int(), links: z.number().int(), how: z.enum(['as-sent', 'relative']) })).default([]),
    external_skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).default([]),
  }),
  counts: z.object({ new_samples: z.number().int(), stored_profiles: z.number().int(), links: z.number().int(), joined: z.number().int(), bridges: z.number().int(), candidates: z.number().int(), alerts: z.number().int() }),
  samples: z.array(SampleLinks),
  alerts: z.array(LinkAlert),
});
export type LinksRecord = z.infer<typeof LinksRecordV1>;

/** Parses a stored record; throws with the file and the field when it is not one. */
export function readLinksRecord(raw: unknown, where: string): LinksRecord {
  const parsed = LinksRecordV1.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
