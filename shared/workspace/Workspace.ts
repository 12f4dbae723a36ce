/**
 * A workspace: its manifest, its immutable batch files and its audit log, over any FileStore.
 * Every change follows one order so that a crash at any point leaves the previous state readable:
 * data files first (each written atomically, under a new name), then the manifest (atomically), then the
 * audit line. A data file that the manifest does not name is ignored on open.
 */
import { auditLine, parseAudit, type AuditEntry } from './audit';
import type { FileStore } from './file-store';
import { layout } from './paths';
import { ManifestError, newManifest, readManifest, type BatchRecord, type Manifest } from './manifest';
import { sha256Hex } from '../util/sha256';
import { fromUtf8, utf8 } from '../util/text';

export interface Actor {
  /** The analyst, as the host knows the signed-in user. */
  user: string;
  appVersion: string;
  now?: () => Date;
}

/** One config document to write: config/<name>.json and its bytes. */
export interface DocumentWrite {
  name: string;
  bytes: Uint8Array;
  /** Refuse the write when the manifest already names this document. */
  fresh?: boolean;
}

/** A JSON document's bytes as the workspace writes them (putDocument): two-space indent, final newline. */
export function documentBytes(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value, null, 2) + '\n');
}

export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}

export class Workspace {
  /** The documents read through this view, when it records them (`recording`). */
  private reads: Set<string> | null = null;

  private constructor(
    readonly store: FileStore,
    private current: Manifest,
    private readonly actor: Actor,
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
    const view = new Workspace(this.store, this.current, this.actor);
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

  /** Creates an empty workspace; refuses when the store already holds one. */
  static async create(store: FileStore, name: string, actor: Actor): Promise<Workspace> {
    if (await store.read(layout.manifest)) {
      throw new WorkspaceError(`${store.location} already holds a workspace; open it instead`);
    }
    const now = (actor.now ?? (() => new Date()))();
    const manifest = newManifest({ id: crypto.randomUUID(), name, createdBy: actor.user, appVersion: actor.appVersion, now });
    const ws = new Workspace(store, manifest, actor);
    const bytes = documentBytes(manifest);
    await store.writeAtomic(layout.manifest, bytes);
    await ws.audit('workspace.create', `Created workspace "${name}"`, [{ path: layout.manifest, sha256: await sha256Hex(bytes) }]);
    return ws;
  }

  /** Opens a workspace; throws WorkspaceError when there is none or its manifest is unreadable. */
  static async open(store: FileStore, actor: Actor): Promise<Workspace> {
    const bytes = await store.read(layout.manifest);
    if (!bytes) throw new WorkspaceError(`${store.location} is not a Signature Workbench workspace (no ${layout.manifest})`);
    let raw: unknown;
    try {
      raw = JSON.parse(fromUtf8(bytes));
    } catch (e) {
      throw new WorkspaceError(`${store.location}/${layout.manifest} is not valid JSON: ${(e as Error).message}`);
    }
    try {
      return new Workspace(store, readManifest(raw, `${store.location}/${layout.manifest}`), actor);
    } catch (e) {
      if (e instanceof ManifestError) throw new WorkspaceError(e.message);
      throw e;
    }
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

  async readChecked(path: string, sha256: string): Promise<Uint8Array> {
    const bytes = await this.store.read(path);
    if (!bytes) throw new WorkspaceError(`${this.store.location}/${path} is missing`);
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) {
      throw new WorkspaceError(`${this.store.location}/${path} has changed since it was written (SHA-256 ${actual.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…)`);
    }
    return bytes;
  }

  /**
   * Records a batch: writes its files (new names only: batch files are never overwritten), then the
   * manifest, then the audit line.
   */
  async addBatch(record: Omit<BatchRecord, 'data_sha256'>, data: Uint8Array, quarantine: Uint8Array | null): Promise<BatchRecord> {
    this.refuseIfRecording(record.data_file);
    if (this.current.batches.some((b) => b.id === record.id)) throw new WorkspaceError(`batch ${record.id} already exists`);
    if (await this.store.read(record.data_file)) throw new WorkspaceError(`${record.data_file} already exists; batch files are never overwritten`);
    const written: AuditEntry['written'] = [];
    await this.store.writeAtomic(record.data_file, data);
    const full: BatchRecord = { ...record, data_sha256: await sha256Hex(data) };
    written.push({ path: record.data_file, sha256: full.data_sha256 });
    if (quarantine && record.quarantine_file) {
      await this.store.writeAtomic(record.quarantine_file, quarantine);
      written.push({ path: record.quarantine_file, sha256: await sha256Hex(quarantine) });
    }
    written.push(await this.commit({ ...this.current, batches: [...this.current.batches, full] }));
    await this.audit('batch.import', `Imported ${record.file_name} as ${record.id} (${record.rows_imported} rows, ${record.rows_quarantined} quarantined)`, written, {
      batch: record.id,
      file_sha256: record.file_sha256,
      supersedes: record.supersedes,
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
   * Writes several config documents (bytes as given), then records them all in one manifest commit and one audit
   * line. A crash before the commit leaves the previous manifest: a new file is one it does not name (ignored), a
   * rewritten one fails its SHA-256 check, as after putDocument. A `fresh` name must not be in the manifest yet (a
   * version is never overwritten); that is checked before any write.
   */
  async putDocuments(docs: readonly DocumentWrite[], action: string, summary: string, details?: Record<string, unknown>): Promise<AuditEntry['written']> {
    this.refuseIfRecording(action);
    for (const d of docs) {
      if (d.fresh && this.current.documents[d.name] !== undefined) throw new WorkspaceError(`config/${d.name}.json already exists; versions are never overwritten`);
    }
    const written: AuditEntry['written'] = [];
    const entries: Manifest['documents'] = {};
    const now = this.now().toISOString();
    for (const d of docs) {
      const file = `${layout.configDir}/${d.name}.json`;
      await this.store.writeAtomic(file, d.bytes);
      const sha256 = await sha256Hex(d.bytes);
      entries[d.name] = { file, sha256, updated_at: now };
      written.push({ path: file, sha256 });
    }
    written.push(await this.commit({ ...this.current, documents: { ...this.current.documents, ...entries } }));
    await this.audit(action, summary, written, details);
    return written;
  }

  /** A named JSON document from config/, or null. */
  async getDocument(name: string): Promise<unknown> {
    const doc = this.current.documents[name];
    if (!doc) return null;
    this.reads?.add(name);
    return JSON.parse(fromUtf8(await this.readChecked(doc.file, doc.sha256)));
  }

  /** Appends one line to the audit log. */
  async audit(action: string, summary: string, written: AuditEntry['written'], details?: Record<string, unknown>): Promise<void> {
    this.refuseIfRecording(action);
    const entry: AuditEntry = { at: this.now().toISOString(), who: this.actor.user, action, summary, written, details };
    await this.store.append(layout.audit, utf8(auditLine(entry)));
  }

  /** The audit log as entries, with the numbers of any unreadable lines. */
  async readAudit(): Promise<ReturnType<typeof parseAudit>> {
    const bytes = await this.store.read(layout.audit);
    return parseAudit(bytes ? fromUtf8(bytes) : '');
  }

  private refuseIfRecording(what: string): void {
    if (this.reads !== null) throw new WorkspaceError(`a recording view of the workspace reads only (refused: ${what})`);
  }

  private async commit(next: Manifest): Promise<{ path: string; sha256: string }> {
    this.refuseIfRecording(layout.manifest);
    const checked = readManifest(next);
    const bytes = documentBytes(checked);
    await this.store.writeAtomic(layout.manifest, bytes);
    this.current = checked;
    return { path: layout.manifest, sha256: await sha256Hex(bytes) };
  }

  private now(): Date {
    return (this.actor.now ?? (() => new Date()))();
  }
}
