/**
 * The one way the workspace changes: a commit. Its order is what makes a crash at any point recoverable
 * (shared/workspace/recovery.ts finishes or rolls back what it finds):
 *
 *   1. the intent (workspace.intent.json, atomic): every file the commit will write with its SHA-256, the config
 *      documents' text, the manifest to commit and the audit line to append;
 *   2. the new data files (batches, quarantine, calibrations, classes: never an existing name), then the config
 *      documents, each atomic; files outside the workspace (an export) after them;
 *   3. the manifest (atomic rename): the commit point, one generation higher;
 *   4. the audit line, which records that generation and the manifest's SHA-256 (hash-chained, audit.ts);
 *   5. the intent is removed.
 *
 * Before any of it, under the workspace lock, the manifest on disk must still be the one this writer read
 * (same SHA-256, hence same generation): a writer working from an older state is refused, never merged.
 */
import { z } from 'zod';
import { sha256Hex } from '../util/sha256';
import { fromUtf8, utf8 } from '../util/text';
import { AuditEntry, CHAIN_START_ACTION, chainedLine, EMPTY_SHA256, Sha256 } from './audit';
import { defineFormat } from './define-format';
import type { FileStore, HeldLock } from './file-store';
import { readManifest, type Manifest } from './manifest';
import { layout } from './paths';

/** One config document to write: config/<name>.json and its bytes. */
export interface DocumentWrite {
  name: string;
  bytes: Uint8Array;
  /** Refuse the write when the manifest already names this document. */
  fresh?: boolean;
}

/** A file written outside the workspace (an export, a report): its path as the writer names it, and its SHA-256. */
export interface OutsideFile {
  path: string;
  sha256: string;
}

/** One change to the workspace, committed whole or not at all. */
export interface Change {
  /** The audit line's action (`batch.import`) and summary. */
  action: string;
  summary: string;
  details?: Record<string, unknown>;
  /** New data files: an existing or named path is refused (data files are never overwritten). */
  files?: readonly { path: string; bytes: Uint8Array }[];
  /** Config documents, recorded in the manifest's `documents`. */
  documents?: readonly DocumentWrite[];
  /** The rest of the manifest's change (a batch added); documents and generation are done by the commit. */
  manifest?: (m: Manifest) => Manifest;
  /** Files the caller writes outside the workspace in `writeOutside`, after the intent is logged. */
  outside?: readonly OutsideFile[];
  /** Recovery's own steps: files moved aside and files removed. */
  moves?: readonly { from: string; to: string }[];
  removes?: readonly string[];
}

export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}

/**
 * Thrown by a commit's `writeOutside` that wrote nothing (the analyst cancelled the save dialog): a commit that
 * changes no workspace file then removes its intent and writes nothing, as if it never began.
 */
export class OutsideWriteCancelled extends Error {
  override name = 'OutsideWriteCancelled';
}

/** A write from a state that is no longer the workspace's: someone else committed since it was read. */
export class WorkspaceStaleError extends WorkspaceError {
  override name = 'WorkspaceStaleError';
}

export const IntentV1 = z.object({
  format: z.literal('signature-workbench/intent'),
  schema_version: z.literal(1),
  tx: z.string().min(8),
  action: z.string(),
  by: z.string(),
  at: z.string(),
  base_generation: z.number().int().nonnegative(),
  /** The manifest the commit starts from (null: none yet, the workspace's creation). */
  base_sha256: Sha256.nullable(),
  files: z.array(z.object({ path: z.string(), sha256: Sha256, size: z.number().int().nonnegative() })),
  documents: z.array(z.object({ path: z.string(), sha256: Sha256, text: z.string() })),
  moves: z.array(z.object({ from: z.string(), to: z.string() })),
  removes: z.array(z.string()),
  outside: z.array(z.object({ path: z.string(), sha256: Sha256 })),
  manifest: z.string(),
  manifest_sha256: Sha256,
  audit: AuditEntry,
});
export type Intent = z.infer<typeof IntentV1>;

export const intentFormat = defineFormat({ format: 'signature-workbench/intent', version: 1, migrations: {}, schema: IntentV1, defaults: {}, what: 'a write intent', error: WorkspaceError });

/** A JSON document's bytes as the workspace writes them: two-space indent, final newline. */
export function documentBytes(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value, null, 2) + '\n');
}

/** What a commit needs to know about the workspace it changes. */
export interface CommitBase {
  store: FileStore;
  lock: HeldLock;
  manifest: Manifest;
  /** SHA-256 of the manifest's bytes as read; null when there is none on disk yet (creation). */
  manifestSha: string | null;
  who: string;
  now: () => Date;
}

/** What a commit leaves: the new manifest, its SHA-256, and the audit entry it wrote. */
export interface Committed {
  manifest: Manifest;
  manifestSha: string;
  entry: AuditEntry;
}

const txId = (): string => crypto.randomUUID();

/** Refuses a commit whose base is no longer the manifest on disk, or whose lock was taken over. */
async function fence(base: CommitBase): Promise<void> {
  if (!(await base.lock.stillHeld())) throw new WorkspaceError(`the workspace lock of ${base.store.location} was taken over by another writer; nothing written`);
  const onDisk = await base.store.read(layout.manifest);
  const sha = onDisk === null ? null : await sha256Hex(onDisk);
  if (sha === base.manifestSha) return;
  let now = 'removed';
  if (onDisk !== null) {
    try {
      now = `generation ${readManifest(JSON.parse(fromUtf8(onDisk))).generation}`;
    } catch {
      now = 'unreadable';
    }
  }
  throw new WorkspaceStaleError(`the workspace changed since it was read (generation ${base.manifest.generation}, now ${now}): another writer committed in between; nothing written. Open the workspace again and repeat.`);
}

/** Runs a change through the protocol above; returns the committed state. Requires the lock (`base.lock`). */
export async function commitChange(base: CommitBase, change: Change, writeOutside?: () => Promise<readonly OutsideFile[] | void>): Promise<Committed> {
  await fence(base);
  if ((await base.store.read(layout.intent)) !== null) throw new WorkspaceError(`an interrupted write awaits recovery in ${base.store.location} (${layout.intent}); open the workspace again to recover it`);
  const m = base.manifest;
  const now = base.now().toISOString();
  const named = new Set([...m.batches.flatMap((b) => [b.data_file, b.quarantine_file ?? '']), ...Object.values(m.documents).map((d) => d.file)]);
  const files: Intent['files'] = [];
  for (const f of change.files ?? []) {
    if (named.has(f.path) || (await base.store.read(f.path)) !== null) throw new WorkspaceError(`${f.path} already exists; data files are never overwritten`);
    files.push({ path: f.path, sha256: await sha256Hex(f.bytes), size: f.bytes.length });
  }
  const documents: Intent['documents'] = [];
  const entries: Manifest['documents'] = {};
  for (const d of change.documents ?? []) {
    if (d.fresh && m.documents[d.name] !== undefined) throw new WorkspaceError(`config/${d.name}.json already exists; versions are never overwritten`);
    const file = `${layout.configDir}/${d.name}.json`;
    const sha256 = await sha256Hex(d.bytes);
    documents.push({ path: file, sha256, text: fromUtf8(d.bytes) });
    entries[d.name] = { file, sha256, updated_at: now };
  }
  const changed = change.manifest ? change.manifest(m) : m;
  const next = readManifest({ ...changed, documents: { ...changed.documents, ...entries }, generation: m.generation + 1 });
  const manifestText = fromUtf8(documentBytes(next));
  const manifestSha = await sha256Hex(utf8(manifestText));
  const outside = [...(change.outside ?? [])];
  const tx = txId();
  const entry = (written: readonly OutsideFile[]): AuditEntry => ({
    at: now,
    who: base.who,
    action: change.action,
    summary: change.summary,
    written: [...files.map((f) => ({ path: f.path, sha256: f.sha256 })), ...documents.map((d) => ({ path: d.path, sha256: d.sha256 })), ...written, { path: layout.manifest, sha256: manifestSha }],
    details: change.details,
    generation: next.generation,
    tx,
  });
  const intent: Intent = intentFormat.create({
    tx, action: change.action, by: base.who, at: now, base_generation: m.generation, base_sha256: base.manifestSha,
    files, documents, moves: [...(change.moves ?? [])], removes: [...(change.removes ?? [])], outside,
    manifest: manifestText, manifest_sha256: manifestSha, audit: entry(outside),
  });
  await base.store.writeAtomic(layout.intent, documentBytes(intent));
  for (const f of change.files ?? []) await base.store.writeAtomic(f.path, f.bytes);
  for (const d of change.documents ?? []) await base.store.writeAtomic(`${layout.configDir}/${d.name}.json`, d.bytes);
  await applyMovesAndRemoves(base.store, intent);
  let wroteOutside: readonly OutsideFile[] | void = undefined;
  try {
    if (writeOutside) wroteOutside = await writeOutside();
  } catch (e) {
    // Nothing was written outside and nothing inside: the intent alone is removed. Otherwise recovery decides.
    const nothingInside = !files.length && !documents.length && !intent.moves.length && !intent.removes.length;
    if (e instanceof OutsideWriteCancelled && nothingInside) await base.store.remove(layout.intent);
    throw e;
  }
  const finalEntry = wroteOutside ? entry(wroteOutside) : intent.audit;
  await base.store.writeAtomic(layout.manifest, utf8(manifestText));
  await appendAudit(base.store, finalEntry);
  await base.store.remove(layout.intent);
  return { manifest: next, manifestSha, entry: finalEntry };
}

/** Recovery's moves and removes, idempotent: a move already made (source gone, target there) is skipped. */
export async function applyMovesAndRemoves(store: FileStore, intent: Pick<Intent, 'moves' | 'removes'>): Promise<void> {
  for (const mv of intent.moves) {
    if ((await store.read(mv.from)) !== null && (await store.read(mv.to)) === null) await store.move(mv.from, mv.to);
  }
  for (const r of intent.removes) await store.remove(r);
}

/**
 * Appends an entry as the chain's next line. A log written before the chain gets its `audit.chain-start` line first,
 * whose `prev` is the SHA-256 of every byte before it; an empty log's first line has the SHA-256 of no bytes. The head
 * is the last line that parses (a line cut by a crash during an append is left as it is and reported by the check).
 */
export async function appendAudit(store: FileStore, entry: AuditEntry): Promise<string> {
  const bytes = (await store.read(layout.audit)) ?? new Uint8Array();
  const text = fromUtf8(bytes);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let head: AuditEntry | null = null;
  for (let i = lines.length - 1; i >= 0 && head === null; i--) {
    try {
      head = AuditEntry.parse(JSON.parse(lines[i]));
    } catch {
      head = null;
    }
  }
  let out = text === '' || text.endsWith('\n') ? '' : '\n';
  let prev: string;
  if (lines.length === 0) prev = EMPTY_SHA256;
  else if (head?.hash !== undefined) prev = head.hash;
  else {
    const start = await chainedLine(
      {
        at: entry.at,
        who: entry.who,
        action: CHAIN_START_ACTION,
        summary: `The audit log's hash chain starts here: the ${lines.length} line${lines.length === 1 ? '' : 's'} before this one were written without it; their SHA-256 is this line's "prev", so a change to any of them shows.`,
        written: [],
        details: { lines_before: lines.length },
        generation: entry.generation === undefined ? undefined : entry.generation - 1,
      },
      await sha256Hex(bytes),
    );
    out += start.text;
    prev = start.hash;
  }
  const line = await chainedLine(entry, prev);
  await store.append(layout.audit, utf8(out + line.text));
  return line.hash;
}

/** The intent left by a cut write, or null. A file that does not read as an intent is returned as `unreadable`. */
export async function readIntent(store: FileStore): Promise<{ intent: Intent } | { unreadable: string } | null> {
  const bytes = await store.read(layout.intent);
  if (bytes === null) return null;
  try {
    return { intent: intentFormat.read(JSON.parse(fromUtf8(bytes)), layout.intent) };
  } catch (e) {
    return { unreadable: (e as Error).message };
  }
}
