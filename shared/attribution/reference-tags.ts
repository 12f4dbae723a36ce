/**
 * Reference samples: samples whose origin the lab knows (a dismantled lab, a controlled synthesis, a seizure tied to
 * a known group), tagged with a route and a source name. The tags live in the workspace, kept as versions
 * (config/reference-samples-V0001.json …, the one in force copied to config/reference-samples.json;
 * shared/workspace/document-versions.ts), so that a report made with an earlier set can still be verified; every
 * change is written to its audit log. Schema, version, migrations and storage in one file.
 */
import { z } from 'zod';
import { defineFormat } from '../workspace/define-format';
import { readInForce, saveVersion, VERSION_ID } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';

export const REFERENCE_DOCUMENT = 'reference-samples';
export const REFERENCE_FORMAT = 'signature-workbench/reference-samples';
export const REFERENCE_VERSION = 2;

/** How the lab knows the origin. */
export const ReferenceKind = z.enum(['dismantled-lab', 'controlled-synthesis', 'known-group-seizure', 'other']);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

export const ReferenceTag = z.object({
  sample_id: z.string().min(1),
  /** Main drug whose library names the route. */
  drug: z.string().min(1),
  /** Route id of the signature library. */
  route: z.string().min(1),
  /** Known source (lab, group), or null when only the route is known. */
  source: z.string().min(1).nullable(),
  kind: ReferenceKind.default('other'),
  note: z.string().max(2000).default(''),
  tagged_by: z.string().min(1),
  /** ISO 8601 time of tagging. */
  tagged_at: z.string().min(1),
});
export type ReferenceTag = z.infer<typeof ReferenceTag>;

export const ReferenceSamples = z
  .object({
    format: z.literal(REFERENCE_FORMAT),
    schema_version: z.literal(REFERENCE_VERSION),
    /** The version this set was saved as (V0001 …); null before its first save, and for a set kept before versions. */
    version: z.string().regex(VERSION_ID).nullable(),
    samples: z.array(ReferenceTag),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.samples.forEach((t, i) => {
      if (seen.has(t.sample_id)) ctx.addIssue({ code: 'custom', path: ['samples', i, 'sample_id'], message: `${t.sample_id} is tagged twice` });
      seen.add(t.sample_id);
    });
  });
export type ReferenceSamples = z.infer<typeof ReferenceSamples>;

export class ReferenceTagsError extends Error {
  override name = 'ReferenceTagsError';
}

/** The reference set's format. 1 → 2: versions are kept; a version-1 set was kept before them. */
export const referenceFormat = defineFormat({
  format: REFERENCE_FORMAT,
  version: REFERENCE_VERSION,
  migrations: { 1: (doc) => ({ ...doc, version: null }) },
  schema: ReferenceSamples,
  defaults: { version: null, samples: [] },
  what: 'reference samples',
  error: ReferenceTagsError,
});

/** An empty reference set. */
export function emptyReferenceSamples(): ReferenceSamples {
  return referenceFormat.create({});
}

/** Reads a stored reference set of any known schema version, or throws ReferenceTagsError naming the field. */
export function readReferenceSamples(raw: unknown, where = `config/${REFERENCE_DOCUMENT}.json`): ReferenceSamples {
  return referenceFormat.read(raw, where);
}

/** The workspace's reference set in force (empty when none was saved). */
export async function loadReferenceSamples(ws: Workspace): Promise<ReferenceSamples> {
  const stored = await readInForce(ws, REFERENCE_DOCUMENT);
  return stored === null ? emptyReferenceSamples() : readReferenceSamples(stored.raw, stored.inForce.file);
}

export interface ReferenceChange {
  readonly added: string[];
  readonly changed: string[];
  readonly removed: string[];
}

/** Tags of `incoming` replace those of the same sample in `current`; `remove` untags samples. O(n). */
export function mergeReferenceTags(current: ReferenceSamples, incoming: readonly ReferenceTag[], remove: readonly string[] = []): { doc: ReferenceSamples; change: ReferenceChange } {
  const byId = new Map(current.samples.map((t) => [t.sample_id, t]));
  const change: ReferenceChange = { added: [], changed: [], removed: [] };
  for (const id of remove) if (byId.delete(id)) change.removed.push(id);
  for (const t of incoming) {
    const old = byId.get(t.sample_id);
    if (old === undefined) change.added.push(t.sample_id);
    else if (old.route !== t.route || old.source !== t.source || old.drug !== t.drug || old.kind !== t.kind || old.note !== t.note) change.changed.push(t.sample_id);
    else continue;
    byId.set(t.sample_id, t);
  }
  const samples = [...byId.values()].sort((a, b) => (a.sample_id < b.sample_id ? -1 : a.sample_id > b.sample_id ? 1 : 0));
  return { doc: ReferenceSamples.parse({ ...current, samples }), change };
}

/**
 * Saves the reference set when it changed, as a new version (config/reference-samples-V0002.json and its copy in
 * force; audit `reference.save`), then an audit line naming the version and the samples added, changed and
 * removed. Returns false when nothing changed.
 */
export async function saveReferenceSamples(ws: Workspace, doc: ReferenceSamples, change: ReferenceChange, origin: string): Promise<boolean> {
  if (change.added.length + change.changed.length + change.removed.length === 0) return false;
  const checked = ReferenceSamples.parse(doc);
  const saved = await saveVersion(ws, REFERENCE_DOCUMENT, (version) => ReferenceSamples.parse({ ...checked, version }), 'reference.save');
  await ws.audit(
    'reference.tag',
    `Reference samples from ${origin}: ${change.added.length} added, ${change.changed.length} changed, ${change.removed.length} removed`,
    [],
    { origin, version: saved.version, added: change.added, changed: change.changed, removed: change.removed },
  );
  return true;
}
