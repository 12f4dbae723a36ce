/**
 * Target lists: the fixed compounds of a signature per drug and analytical method (26 targets in the harmonised
 * amphetamine method, Andersson et al. 2007; 12 impurities in recent methamphetamine-tablet work), kept in the
 * workspace document config/target-lists.json. Each save adds a version; the content of an earlier version is
 * never changed, so a calibration or class run that names "fentanyl / GC-MS v1, version 2" stays checkable.
 */
import { z } from 'zod';
import { WorkspaceError, type Workspace } from '../workspace/Workspace';
import type { RecordAuthor } from './calibration-store';
import { readVersioned, type Migrations } from './record-version';
import type { SignatureSelection } from './signature-query';

export const TARGET_LISTS_DOCUMENT = 'target-lists';
export const TARGET_LISTS_FORMAT = 'signature-workbench/target-lists';
export const TARGET_LISTS_VERSION = 1;

export const TargetListVersion = z.object({
  drug: z.string().trim().min(1).max(200),
  method: z.string().trim().min(1).max(200),
  version: z.number().int().positive(),
  saved_at: z.string(),
  saved_by: z.string(),
  /** Canonical compound names, in signature column order. */
  compounds: z.array(z.string().min(1)).min(1).refine((c) => new Set(c).size === c.length, { message: 'a compound appears twice' }),
  note: z.string().max(2000).nullable(),
});
export type TargetListVersion = z.infer<typeof TargetListVersion>;

export const TargetListsV1 = z
  .object({ format: z.literal(TARGET_LISTS_FORMAT), schema_version: z.literal(1), lists: z.array(TargetListVersion) })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.lists.forEach((l, i) => {
      const key = `${l.drug}\u0000${l.method}\u0000${l.version}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['lists', i], message: `${l.drug} / ${l.method} version ${l.version} appears twice` });
      seen.add(key);
    });
  });
export type TargetLists = z.infer<typeof TargetListsV1>;

const migrations: Migrations = {};

/** Parses and migrates the document; throws RecordError saying what is wrong. */
export function readTargetListsDocument(raw: unknown): TargetLists {
  return readVersioned(raw, TARGET_LISTS_FORMAT, TARGET_LISTS_VERSION, migrations, TargetListsV1, `config/${TARGET_LISTS_DOCUMENT}.json`);
}

/** Every saved version of every list (empty when none was saved). */
export async function readTargetLists(ws: Workspace): Promise<TargetLists> {
  const raw = await ws.getDocument(TARGET_LISTS_DOCUMENT);
  return raw === null ? { format: TARGET_LISTS_FORMAT, schema_version: TARGET_LISTS_VERSION, lists: [] } : readTargetListsDocument(raw);
}

/** Versions of one drug × method list, oldest first. */
export async function targetListVersions(ws: Workspace, drug: string, method: string): Promise<TargetListVersion[]> {
  const all = await readTargetLists(ws);
  return all.lists.filter((l) => l.drug === drug.trim() && l.method === method.trim()).sort((a, b) => a.version - b.version);
}

/** One version of a list (default the latest), or null. */
export async function targetList(ws: Workspace, drug: string, method: string, version?: number): Promise<TargetListVersion | null> {
  const versions = await targetListVersions(ws, drug, method);
  if (version === undefined) return versions[versions.length - 1] ?? null;
  return versions.find((v) => v.version === version) ?? null;
}

/** Saves the compounds as the next version of the drug × method list; earlier versions are copied unchanged. */
export async function saveTargetList(
  ws: Workspace,
  list: { drug: string; method: string; compounds: string[]; note?: string | null },
  author: RecordAuthor,
): Promise<TargetListVersion> {
  const doc = await readTargetLists(ws);
  const previous = doc.lists.filter((l) => l.drug === list.drug.trim() && l.method === list.method.trim());
  const entry = TargetListVersion.parse({
    drug: list.drug,
    method: list.method,
    version: previous.reduce((m, l) => Math.max(m, l.version), 0) + 1,
    saved_at: (author.now ?? (() => new Date()))().toISOString(),
    saved_by: author.analyst,
    compounds: list.compounds,
    note: list.note ?? null,
  });
  const next = TargetListsV1.parse({ ...doc, lists: [...doc.lists, entry] });
  if (JSON.stringify(next.lists.slice(0, doc.lists.length)) !== JSON.stringify(doc.lists)) throw new WorkspaceError('saving a target list would change an earlier version');
  await ws.putDocument(TARGET_LISTS_DOCUMENT, next, 'target-list.save');
  return entry;
}

/** A signature selection taking exactly a saved list's compounds, and naming the list for the records. */
export function targetListSelection(list: TargetListVersion, sampleFilter?: string): SignatureSelection {
  return { compounds: [...list.compounds], targetList: { drug: list.drug, method: list.method, version: list.version }, sampleFilter };
}
