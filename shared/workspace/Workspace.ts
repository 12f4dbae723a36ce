/**
 * A workspace: its manifest, its immutable batch files and its audit log, over any FileStore. Every change is one
 * commit (shared/workspace/commit.ts: intent, data files, manifest, audit line) made under the workspace lock
 * (lock.ts) from the manifest this object read: a writer whose manifest is no longer the one on disk is refused.
 * Opening recovers what a cut write left (recovery.ts) when the lock is free, and cross-checks the manifest with
 * the audit log's chain (check.ts; `sigwb check` also hashes every file).
 */
import { readAuditLines, parseAudit, type AuditEntry } from './audit';
import { commitChange, documentBytes, WorkspaceError, type Change, type DocumentWrite, type OutsideFile } from './commit';
import type { FileStore, HeldLock } from './file-store';
import { WorkspaceBusyError } from './lock';
import { layout } from './paths';
import { ManifestError, newManifest, readManifest, type BatchRecord, type Manifest } from './manifest';
import { needsRecovery, recover, type Recovery } from './recovery';
import { chainProblems } from './check-chain';
import { sha256Hex, sha256Lent } from '../util/sha256';
import { fromUtf8 } from '../util/text';
import { JsonTextError, parseJsonText } from '../util/json-text';

export { documentBytes, WorkspaceError, WorkspaceStaleError, type Change, type DocumentWrite } from './commit';

export interface Actor {
  /** The analyst, as the host knows the signed-in user. */
  user: string;
  appVersion: string;
  now?: () => Date;
}

/** The actor's clock, or the system's. */
const clockOf = (actor: Actor): (() => Date) => actor.now ?? (() => new Date());

export interface OpenOptions {
  /** The lock the caller holds for this whole session of writes (a sigwb command); without it, each commit takes the lock for itself. */
  lock?: HeldLock;
  /** Recover what a cut write left (default true); with no `lock`, only when the lock is free at once (readers never wait). */
  recover?: boolean;
}

export class Workspace {
  /** The documents read through this view, when it records them (`recording`). */
  private reads: Set<string> | null = null;
  /** What opening found wrong between the manifest and the audit log (empty when whole); `sigwb check` says more. */
  integrityProblems: string[] = [];
  /** What recovery on open did, or null. */
  recovered: Recovery | null = null;

  private constructor(
    readonly store: FileStore,
    private current: Manifest,
    /** SHA-256 of the manifest bytes this object read or wrote; null before the creation commit. */
    private currentSha: string | null,
    private readonly actor: Actor,
    private lock: HeldLock | null,
  ) {}

  get manifest(): Manifest {
    return this.current;
  }

  /**
   * A read-only view of the workspace as it is now that records which documents are read through it: an export or
   * report is built on one and lists those, and only those, as its inputs (documentsRead). Its manifest does not
   * follow later saves, so one report reads one state even while the app saves something else.
   */
  recording(): Workspace {
    const view = new Workspace(this.store, this.current, this.currentSha, this.actor, null);
    view.reads = new Set();
    return view;
  }

  /** The documents read through a recording view so far, in the manifest's order; null for a workspace that does not record. */
  get documentsRead(): string[] | null {
    const reads = this.reads;
    return reads === null ? null : Object.keys(this.current.documents).filter((name) => reads.has(name));
  }

  /** Who is acting on this workspace (the analyst named in batches, runs and the audit log). */
  get analyst(): string {
    return this.actor.user;
  }

  /** Creates an empty workspace (generation 1, its first audit line); refuses when the store already holds one. */
  static async create(store: FileStore, name: string, actor: Actor, options: Pick<OpenOptions, 'lock'> = {}): Promise<Workspace> {
    const lock = options.lock ?? (await store.lock({ command: 'create workspace', user: actor.user }));
    try {
      if (await store.read(layout.manifest)) throw new WorkspaceError(`${store.location} already holds a workspace; open it instead`);
      const now = clockOf(actor)();
      const manifest = newManifest({ id: crypto.randomUUID(), name, createdBy: actor.user, appVersion: actor.appVersion, now });
      const ws = new Workspace(store, manifest, null, actor, options.lock ?? null);
      await ws.commitWith(lock, { action: 'workspace.create', summary: `Created workspace "${name}"` });
      return ws;
    } finally {
      if (!options.lock) await lock.release();
    }
  }

  /** Opens a workspace (see OpenOptions); throws WorkspaceError when there is none or its manifest is unreadable. */
  static async open(store: FileStore, actor: Actor, options: OpenOptions = {}): Promise<Workspace> {
    let recovered: Recovery | null = null;
    let read = await Workspace.readManifestFile(store);
    if (options.recover !== false) {
      if (options.lock) recovered = await recover(store, options.lock, actor.user, clockOf(actor));
      else if (await needsRecovery(store, read.manifest)) recovered = await Workspace.recoverIfFree(store, actor);
      // Read again unless nothing can have changed it: our own lock held and nothing recovered.
      if (recovered !== null || !options.lock) read = await Workspace.readManifestFile(store);
    }
    const { manifest, sha } = read;
    const ws = new Workspace(store, manifest, sha, actor, options.lock ?? null);
    ws.recovered = recovered;
    const audit = await store.read(layout.audit);
    // A write under way (its intent still there: another writer holds the lock) may be between its manifest and its
    // audit line: the cross-check waits for a quiet moment rather than warn about a state that is about to pass.
    if ((await store.read(layout.intent)) === null) {
      ws.integrityProblems = await chainProblems(await readAuditLines(audit ? fromUtf8(audit) : ''), { manifest, sha }, audit ?? new Uint8Array());
    }
    return ws;
  }

  private static async readManifestFile(store: FileStore): Promise<{ manifest: Manifest; sha: string }> {
    const bytes = await store.read(layout.manifest);
    if (!bytes) throw new WorkspaceError(`${store.location} is not a Signature Workbench workspace (no ${layout.manifest})`);
    let raw: unknown;
    try {
      raw = JSON.parse(fromUtf8(bytes));
    } catch (e) {
      throw new WorkspaceError(`${store.location}/${layout.manifest} is not valid JSON: ${(e as Error).message}`);
    }
    try {
      return { manifest: readManifest(raw, `${store.location}/${layout.manifest}`), sha: await sha256Hex(bytes) };
    } catch (e) {
      if (e instanceof ManifestError) throw new WorkspaceError(e.message);
      throw e;
    }
  }

  /** Recovery by a reader: only when nobody holds the lock (readers never wait). */
  private static async recoverIfFree(store: FileStore, actor: Actor): Promise<Recovery | null> {
    let lock: HeldLock;
    try {
      lock = await store.lock({ command: 'recover', user: actor.user });
    } catch (e) {
      if (e instanceof WorkspaceBusyError) return null;
      throw e;
    }
    try {
      return await recover(store, lock, actor.user, clockOf(actor));
    } finally {
      await lock.release();
    }
  }

  /** Gives up the lock this workspace was opened with (a writer's session); nothing for one opened without. */
  async close(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  /** The next free batch id (B0001, B0002 …). */
  nextBatchId(): string {
    const max = this.current.batches.reduce((m, b) => Math.max(m, Number(b.id.slice(1))), 0);
    return `B${String(max + 1).padStart(4, '0')}`;
  }

  /** The bytes of a batch's data file, checked against the SHA-256 the manifest recorded. */
  async readBatchData(batch: BatchRecord): Promise<Uint8Array> {
    return this.readChecked(batch.data_file, batch.data_sha256);
  }

  /** A file of the workspace, checked against `sha256`; a fault names the file relative to the workspace folder, as `sigwb check` and the record readers do. */
  async readChecked(path: string, sha256: string): Promise<Uint8Array> {
    const read = await this.store.read(path);
    if (!read) throw new WorkspaceError(`${path} is missing`);
    // Lent to the hash, not copied (a batch is tens of MB): the bytes come back with it.
    const { hex: actual, bytes } = await sha256Lent(read);
    if (actual !== sha256) {
      throw new WorkspaceError(`${path} has changed since it was written (SHA-256 ${actual.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…)`);
    }
    return bytes;
  }

  /**
   * Commits one change (commit.ts): under the lock this workspace holds, else under one taken for this commit alone
   * (refused at once when another writer holds it). `writeOutside` writes files outside the workspace after the
   * intent is logged (an export). Returns the audit entry written.
   */
  async commit(change: Change, writeOutside?: () => Promise<readonly OutsideFile[] | void>): Promise<AuditEntry> {
    this.refuseIfRecording(change.action);
    if (this.lock) return this.commitWith(this.lock, change, writeOutside);
    const lock = await this.store.lock({ command: change.action, user: this.actor.user });
    try {
      return await this.commitWith(lock, change, writeOutside);
    } finally {
      await lock.release();
    }
  }

  private async commitWith(lock: HeldLock, change: Change, writeOutside?: () => Promise<readonly OutsideFile[] | void>): Promise<AuditEntry> {
    const done = await commitChange({ store: this.store, lock, manifest: this.current, manifestSha: this.currentSha, who: this.actor.user, now: () => this.now() }, change, writeOutside);
    this.current = done.manifest;
    this.currentSha = done.manifestSha;
    return done.entry;
  }

  /** Records a batch: its data file and quarantine file (new names only: batch files are never overwritten) in one commit. */
  async addBatch(record: Omit<BatchRecord, 'data_sha256'>, data: Uint8Array, quarantine: Uint8Array | null): Promise<BatchRecord> {
    if (this.current.batches.some((b) => b.id === record.id)) throw new WorkspaceError(`batch ${record.id} already exists`);
    const full: BatchRecord = { ...record, data_sha256: await sha256Hex(data) };
    const files = [{ path: record.data_file, bytes: data }];
    if (quarantine && record.quarantine_file) files.push({ path: record.quarantine_file, bytes: quarantine });
    await this.commit({
      action: 'batch.import',
      summary: `Imported ${record.file_name} as ${record.id} (${record.rows_imported} rows, ${record.rows_quarantined} quarantined)`,
      details: { batch: record.id, file_sha256: record.file_sha256, supersedes: record.supersedes },
      files,
      manifest: (m) => ({ ...m, batches: [...m.batches, full] }),
    });
    return full;
  }

  /**
   * Writes a named JSON document under config/ and records it in the manifest; `change` (optional) says in the
   * audit line what changed (its summary follows "Saved <file>: ", its details go in the line's details).
   */
  async putDocument(name: string, value: unknown, action: string, change?: { summary: string; details?: Record<string, unknown> }): Promise<void> {
    const file = `${layout.configDir}/${name}.json`;
    await this.putDocuments([{ name, bytes: documentBytes(value) }], action, change ? `Saved ${file}: ${change.summary}` : `Saved ${file}`, change?.details);
  }

  /**
   * Writes several config documents (bytes as given) in one commit and one audit line. A `fresh` name must not be in
   * the manifest yet (a version is never overwritten); that is checked before any write.
   */
  async putDocuments(docs: readonly DocumentWrite[], action: string, summary: string, details?: Record<string, unknown>): Promise<AuditEntry['written']> {
    return (await this.commit({ action, summary, details, documents: docs })).written;
  }

  /** A named JSON document from config/, or null; throws WorkspaceError naming the file (workspace-relative, and line and column) when it is not JSON. */
  async getDocument(name: string): Promise<unknown> {
    const doc = this.current.documents[name];
    if (!doc) return null;
    this.reads?.add(name);
    const text = fromUtf8(await this.readChecked(doc.file, doc.sha256));
    try {
      return parseJsonText(text, doc.file);
    } catch (e) {
      // A document whose SHA-256 was recomputed after an edit: said as the workspace's fault, naming file, line and column.
      if (e instanceof JsonTextError) throw new WorkspaceError(e.message);
      throw e;
    }
  }

  /**
   * An audit line of its own (a commit with no workspace file): `written` names files outside the workspace (an
   * export's), which `write` writes after the intent is logged (or which were written before, without it); a cut
   * before the line is recovered as "not recorded" naming them, never lost. `write` may return the files as written
   * (a location chosen in a save dialog), or throw OutsideWriteCancelled when it wrote nothing (no line, no intent left).
   */
  async audit(action: string, summary: string, written: AuditEntry['written'], details?: Record<string, unknown>, write?: () => Promise<readonly OutsideFile[] | void>): Promise<AuditEntry> {
    return this.commit({ action, summary, details, outside: written }, write);
  }

  /** The audit log as entries, with the numbers of any unreadable lines. */
  async readAudit(): Promise<ReturnType<typeof parseAudit>> {
    const bytes = await this.store.read(layout.audit);
    return parseAudit(bytes ? fromUtf8(bytes) : '');
  }

  private refuseIfRecording(what: string): void {
    if (this.reads !== null) throw new WorkspaceError(`a recording view of the workspace reads only (refused: ${what})`);
  }

  private now(): Date {
    return clockOf(this.actor)();
  }
}
