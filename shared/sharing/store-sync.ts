/**
 * What this workspace knows of its national stores (config/store-sync.json): per store (its URL without password),
 * the lab it publishes as, the last publish (what it covered, whether it finished) and the last pull (the store
 * revision reached, the sources it made). From it the app and `sigwb store` say what is pending without reaching the
 * store: results batches, links records, a calibration or class run newer than the last publish.
 */
import { z } from 'zod';
import { readVersioned } from '../exporting/versioned-document';
import type { Workspace } from '../workspace/Workspace';
import { LINKS_PREFIX } from '../linking/link-record';

export const STORE_SYNC_DOCUMENT = 'store-sync';
const FORMAT = 'signature-workbench/store-sync';

const LastPublish = z.object({
  at: z.string(),
  publish_id: z.string(),
  complete: z.boolean(),
  profiles_sent: z.number().int(),
  profiles: z.number().int(),
  classes: z.number().int(),
  links: z.number().int(),
  calibration_id: z.string(),
  class_run_id: z.string().nullable(),
  batches: z.array(z.string()),
  links_records: z.array(z.string()),
});
const LastPull = z.object({
  at: z.string(),
  revision: z.number().int(),
  profiles: z.number().int(),
  sources: z.array(z.string()),
  /** Links other labs published to this lab's samples, as the store held them at the pull (lab roles only). */
  incoming_links: z.array(z.object({ lab_id: z.string(), batch_id: z.string(), sample_id: z.string(), other_sample: z.string(), distance: z.number(), lr: z.number(), verbal: z.string() })),
});
const StoreEntry = z.object({ role: z.string(), kind: z.enum(['lab', 'partner']), lab_id: z.string().nullable(), last_publish: LastPublish.nullable(), last_pull: LastPull.nullable() });
const StoreSyncV1 = z.object({ format: z.literal(FORMAT), schema_version: z.literal(1), stores: z.record(z.string(), StoreEntry) });
export type StoreEntry = z.infer<typeof StoreEntry>;
export type StoreSync = z.infer<typeof StoreSyncV1>;
export type LastPublish = z.infer<typeof LastPublish>;
export type LastPull = z.infer<typeof LastPull>;

/** The sync record (empty when the workspace never reached a store). */
export async function readStoreSync(ws: Workspace): Promise<StoreSync> {
  const raw = await ws.getDocument(STORE_SYNC_DOCUMENT);
  if (raw === null) return { format: FORMAT, schema_version: 1, stores: {} };
  return readVersioned(raw, { format: FORMAT, version: 1, migrations: {}, schema: StoreSyncV1, what: 'a store sync record' }, `config/${STORE_SYNC_DOCUMENT}.json`);
}

/** Saves one store's entry (audited as `action` with `summary`). */
export async function saveStoreEntry(ws: Workspace, url: string, entry: StoreEntry, action: string, summary: string, details: Record<string, unknown>): Promise<void> {
  const sync = await readStoreSync(ws);
  const next = StoreSyncV1.parse({ ...sync, stores: { ...sync.stores, [url]: entry } });
  await ws.putDocument(STORE_SYNC_DOCUMENT, next, action, { summary, details: { store: url, ...details } });
}

/** What the workspace holds that the store has not had from it (see the module doc). */
export interface Pending {
  batches: string[];
  linksRecords: string[];
  calibrationChanged: boolean;
  classRunChanged: boolean;
  unfinished: boolean;
  never: boolean;
}

/** Pending work for a store entry, from the manifest alone. */
export function pendingFor(ws: Workspace, entry: StoreEntry | undefined, current: { calibrationId: string | null; classRunId: string | null }): Pending {
  const p = entry?.last_publish ?? null;
  const results = ws.manifest.batches.filter((b) => b.kind === 'results').map((b) => b.id);
  const links = Object.keys(ws.manifest.documents).filter((n) => n.startsWith(LINKS_PREFIX));
  return {
    batches: results.filter((b) => !p?.batches.includes(b)),
    linksRecords: links.filter((l) => !p?.links_records.includes(l)),
    calibrationChanged: p !== null && current.calibrationId !== null && p.calibration_id !== current.calibrationId,
    classRunChanged: p !== null && current.classRunId !== p.class_run_id,
    unfinished: p !== null && !p.complete,
    never: p === null,
  };
}

/** One line on a pending state. */
export function describePending(p: Pending): string {
  if (p.never) return `never published${p.batches.length ? ` (${p.batches.length} results batch${p.batches.length === 1 ? '' : 'es'} waiting)` : ''}`;
  const parts = [
    p.unfinished ? 'the last publish did not finish (the next one completes it)' : '',
    p.batches.length ? `results batch${p.batches.length === 1 ? '' : 'es'} ${p.batches.join(', ')}` : '',
    p.linksRecords.length ? `links of ${p.linksRecords.map((l) => l.slice(LINKS_PREFIX.length)).join(', ')}` : '',
    p.calibrationChanged ? 'a new calibration in force (every profile is pretreated anew)' : '',
    p.classRunChanged ? 'a new class run' : '',
  ].filter(Boolean);
  return parts.length ? `pending: ${parts.join('; ')}` : 'nothing pending';
}
