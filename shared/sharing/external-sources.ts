/**
 * Other labs' profiles kept in this workspace as read-only sources that linking uses: each received package and each
 * pull from the national store is a source `Snnnn`, its profiles in sources/Snnnn.arrow (profiles-arrow.ts, never
 * overwritten) and its record in config/source-Snnnn.json (who sent it, how it was verified, the method its profiles
 * were pretreated with). A later source supersedes an earlier one's row for the same lab and sample (an updated
 * profile or class), so a partner's new package replaces what it sent before without deleting any record.
 * Record schema 2 adds `detection`: the detection part its profiles carry (a package of schema 2, or a store pull of
 * rows published with flags: node/store/pull.ts), or null (schema-1 records, packages of schema 1, flagless store rows).
 */
import { z } from 'zod';
import { nextVersionedId, versionedIds } from '../analysis/versioned-documents';
import { readVersioned } from '../exporting/versioned-document';
import { documentBytes, type Workspace } from '../workspace/Workspace';
import { sha256Hex } from '../util/sha256';
import { pretreat } from '../profiling/pretreatment';
import { createSignatureMatrix } from '../profiling/signature-matrix';
import { comparability, SharedMethod } from './exchange-method';
import { DetectionPart } from './detection-part';
import { profilesFromArrow, type ProfileColumns } from './profiles-arrow';

export const SOURCE_PREFIX = 'source-';
export const SOURCE_FORMAT = 'signature-workbench/external-source';
export const sourceDataFile = (id: string): string => `sources/${id}.arrow`;

export const SOURCE_VERSION = 2;

export const SourceRecordV2 = z.object({
  format: z.literal(SOURCE_FORMAT),
  schema_version: z.literal(SOURCE_VERSION),
  id: z.string().regex(/^S\d{4,}$/),
  kind: z.enum(['package', 'store']),
  /** Who the profiles come from, as alerts name them: the trusted partner's name, or the store (each row names its lab). */
  name: z.string(),
  received_at: z.string(),
  received_by: z.string(),
  method: SharedMethod,
  /** A package: its id, the file's SHA-256, the signer, the label and the redaction it was made under. */
  package: z
    .object({ package_id: z.string(), sha256: z.string(), file_name: z.string(), lab: z.string(), fingerprint: z.string(), label: z.string(), created_at: z.string(), redaction: z.unknown() })
    .nullable(),
  /** A store pull: the store (URL without password), the labs and the revision range pulled. */
  store: z.object({ url: z.string(), labs: z.array(z.string()), from_revision: z.number().int(), to_revision: z.number().int() }).nullable(),
  data: z.object({ file: z.string(), sha256: z.string(), rows: z.number().int().nonnegative() }),
  /** The detection flags and limits the profiles file carries (detection-part.ts); null: none. */
  detection: DetectionPart.nullable(),
});
export type SourceRecord = z.infer<typeof SourceRecordV2>;

/** Source ids, oldest first. */
export function sourceIds(ws: Workspace): string[] {
  return versionedIds(ws, SOURCE_PREFIX, 'S');
}

/** A source record as stored (schema 1, made before detection parts, reads as having none). */
export function readSourceRecord(raw: unknown, where: string): SourceRecord {
  return readVersioned(raw, { format: SOURCE_FORMAT, version: SOURCE_VERSION, migrations: { 1: (r) => ({ ...r, detection: null }) }, schema: SourceRecordV2, what: 'an external source record' }, where);
}

/** One source's record. */
export async function readSource(ws: Workspace, id: string): Promise<SourceRecord> {
  return readSourceRecord(await ws.getDocument(`${SOURCE_PREFIX}${id}`), `config/${SOURCE_PREFIX}${id}.json`);
}

/** Every source's record, oldest first. */
export async function listSources(ws: Workspace): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for (const id of sourceIds(ws)) out.push(await readSource(ws, id));
  return out;
}

/** Saves a source: its profiles file and its record in one commit (audited as `action`). Returns the record. */
export async function saveSource(ws: Workspace, make: (id: string, data: SourceRecord['data']) => SourceRecord, profiles: Uint8Array, rows: number, action: string): Promise<SourceRecord> {
  const id = nextVersionedId(ws, SOURCE_PREFIX, 'S');
  const file = sourceDataFile(id);
  const record = SourceRecordV2.parse(make(id, { file, sha256: await sha256Hex(profiles), rows }));
  await ws.commit({
    action,
    summary: `Saved config/${SOURCE_PREFIX}${id}.json and ${file} (${rows} profiles from ${record.name})`,
    files: [{ path: file, bytes: profiles }],
    documents: [{ name: `${SOURCE_PREFIX}${id}`, bytes: documentBytes(record), fresh: true }],
  });
  return record;
}

/** A source's profiles, read with `compounds` as the column order, with their detection flags when the record has them. */
export async function readSourceProfiles(ws: Workspace, record: SourceRecord, compounds: readonly string[]): Promise<ProfileColumns> {
  return profilesFromArrow(await ws.readChecked(record.data.file, record.data.sha256), compounds, record.data.file, { detection: record.detection !== null });
}

/** Profiles of other labs that linking can use under `ours`, one block per source, and the sources it cannot with why. */
export interface LinkableSources {
  /** `values`: the rows' signatures in our pretreatment's space, our compound order (n × our compounds). */
  blocks: { source: SourceRecord; profiles: ProfileColumns; rows: number[]; values: Float64Array; how: 'as-sent' | 'relative' }[];
  skipped: { source: SourceRecord; reason: string }[];
}

/** Their relative areas over our compounds, pretreated as ours are (renormalised to our compounds' sum first). O(n·p). */
function fromRelative(profiles: ProfileColumns, ours: SharedMethod): Float64Array {
  const ids = profiles.facts.sample_id!.map((id, i) => id ?? String(i));
  const values = profiles.relative!;
  const m = createSignatureMatrix(ids, [...ours.compounds], values, Uint8Array.from(values, (v) => (v > 0 ? 1 : 0)));
  const s = ours.column_scaling;
  return pretreat(m, ours.pretreatment as never, { logOffset: ours.log_offset, scaling: s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: null } : undefined }).values;
}

/**
 * The sources linking can use under `ours` (exchange-method.ts comparability), each with the rows still current (not
 * superseded by a later source's row for the same lab and sample) and their signatures in our space.
 * O(total rows × compounds).
 */
export async function linkableSources(ws: Workspace, ours: SharedMethod): Promise<LinkableSources> {
  const out: LinkableSources = { blocks: [], skipped: [] };
  const seen = new Set<string>();
  // Newest first, so that the first row met for a lab and sample is the current one.
  for (const source of (await listSources(ws)).reverse()) {
    const missing = ours.compounds.filter((c) => !source.method.compounds.includes(c));
    const profiles = missing.length ? null : await readSourceProfiles(ws, source, ours.compounds);
    const how = comparability(ours, source.method, profiles?.relative != null);
    if ('reason' in how || profiles === null) {
      out.skipped.push({ source, reason: `not comparable with calibration ${ours.calibration_id}: ${'reason' in how ? how.reason : 'other compounds'}` });
      continue;
    }
    const ids = profiles.facts.sample_id!;
    const rows: number[] = [];
    for (let i = 0; i < profiles.n; i++) {
      const key = `${profiles.lab[i]}\u0000${ids[i]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(i);
    }
    out.blocks.push({ source, profiles, rows, values: how.use === 'as-sent' ? profiles.values : fromRelative(profiles, ours), how: how.use });
  }
  return out;
}
