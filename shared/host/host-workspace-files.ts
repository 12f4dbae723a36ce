/**
 * The host's side of the workspace file channels, the same for the desktop host (node/host/host-handlers.ts, over
 * NodeFileStore) and the browser host (renderer/host/browser-host.ts, over OPFS): the renderer reads freely, but
 * writes only while it holds the workspace lock (the token of `workspace:lock`), appends only to the audit log, and
 * can never rewrite or remove the audit log, the manifest's removal or the lock file. A compromised or buggy renderer
 * can therefore not rewrite the record behind the workbench's back, nor write beside another writer.
 */
import type { FileStore, HeldLock } from '../workspace/file-store';
import { WorkspaceBusyError } from '../workspace/lock';
import { layout } from '../workspace/paths';
import type { Host, HostReply, HostRequest } from './contract';

type WorkspaceFileChannel =
  | 'workspace:view-cache' | 'workspace:view-cache-save'
  | 'workspace:list-files' | 'workspace:entries' | 'workspace:read-file' | 'workspace:lock' | 'workspace:lock-held' | 'workspace:unlock'
  | 'workspace:lock-holder' | 'workspace:write-file' | 'workspace:append-file' | 'workspace:remove-file' | 'workspace:move-file';

export class HostRefusedError extends Error {
  override name = 'HostRefusedError';
}

const ok = { ok: true as const };

/** The file the app's view tables are kept in under `key` (a SHA-256 in hex, checked by the contract's schema). */
const viewCacheFile = (key: string) => `engine/view-${key}.tables`;
const VIEW_CACHE_NAME = /^view-[0-9a-f]{64}\.tables$/;

/** Why a write to `path` is refused whatever the lock (null when it is allowed). */
export function protectedPath(op: 'write' | 'append' | 'remove' | 'move', path: string): string | null {
  if (path === layout.lock || path === `${layout.lock}.takeover`) return `${path} is the host's own lock file`;
  if (op === 'append') return path === layout.audit ? null : `only ${layout.audit} is appended to`;
  if (path === layout.audit) return `${layout.audit} is append-only: it is never rewritten, moved or removed`;
  if ((op === 'remove' || op === 'move') && path === layout.manifest) return `${layout.manifest} is replaced by a commit, never removed or moved`;
  return null;
}

export class HostWorkspaceFiles {
  /** Locks the renderer holds, by token. */
  private readonly held = new Map<string, { handle: string; lock: HeldLock }>();

  constructor(private readonly storeOf: (handle: string) => FileStore | Promise<FileStore>, private readonly user: () => string) {}

  private async guard(handle: string, token: string, op: 'write' | 'append' | 'remove' | 'move', path: string): Promise<FileStore> {
    const why = protectedPath(op, path);
    if (why !== null) throw new HostRefusedError(`refused ${op} of ${path}: ${why}`);
    const h = this.held.get(token);
    if (h === undefined || h.handle !== handle) throw new HostRefusedError(`refused ${op} of ${path}: the workspace lock is not held (take it with workspace:lock first)`);
    return await this.storeOf(handle);
  }

  list = async (r: HostRequest<'workspace:list-files'>) => (await this.storeOf(r.handle)).list(r.dir);
  entries = async (r: HostRequest<'workspace:entries'>) => (await this.storeOf(r.handle)).entries(r.dir);
  read = async (r: HostRequest<'workspace:read-file'>) => (await this.storeOf(r.handle)).read(r.path);
  lockHolder = async (r: HostRequest<'workspace:lock-holder'>) => (await this.storeOf(r.handle)).lockHolder();

  async lock(r: HostRequest<'workspace:lock'>): Promise<HostReply<'workspace:lock'>> {
    try {
      const lock = await (await this.storeOf(r.handle)).lock({ command: r.command, user: this.user() }, { wait: r.wait });
      this.held.set(lock.info.token, { handle: r.handle, lock });
      return { held: lock.info };
    } catch (e) {
      if (e instanceof WorkspaceBusyError) return { busy: e.holder };
      throw e;
    }
  }

  async lockHeld(r: HostRequest<'workspace:lock-held'>): Promise<boolean> {
    const h = this.held.get(r.token);
    return h !== undefined && h.handle === r.handle && (await h.lock.stillHeld());
  }

  async unlock(r: HostRequest<'workspace:unlock'>): Promise<HostReply<'workspace:unlock'>> {
    const h = this.held.get(r.token);
    if (h !== undefined && h.handle === r.handle) {
      this.held.delete(r.token);
      await h.lock.release();
    }
    return ok;
  }

  /** The contract's workspace file channels, answered by this object (both hosts spread these into their handlers). */
  handlers(): Pick<Host, WorkspaceFileChannel> {
    return {
      'workspace:list-files': this.list,
      'workspace:entries': this.entries,
      'workspace:read-file': this.read,
      'workspace:lock': (r) => this.lock(r),
      'workspace:lock-held': (r) => this.lockHeld(r),
      'workspace:unlock': (r) => this.unlock(r),
      'workspace:lock-holder': this.lockHolder,
      'workspace:write-file': (r) => this.write(r),
      'workspace:append-file': (r) => this.append(r),
      'workspace:remove-file': (r) => this.remove(r),
      'workspace:move-file': (r) => this.move(r),
      'workspace:view-cache': (r) => this.viewCache(r),
      'workspace:view-cache-save': (r) => this.saveViewCache(r),
    };
  }

  /** The app's view tables kept under `key` (engine/view-<key>.tables), or null. */
  async viewCache(r: HostRequest<'workspace:view-cache'>): Promise<Uint8Array | null> {
    return (await this.storeOf(r.handle)).read(viewCacheFile(r.key));
  }

  /**
   * Keeps the app's view tables (a cache the app alone reads: no lock, no audit line), removing those kept under other
   * keys. Only engine/view-<64 hex>.tables is ever written or removed.
   */
  async saveViewCache(r: HostRequest<'workspace:view-cache-save'>) {
    const store = await this.storeOf(r.handle);
    await store.writeAtomic(viewCacheFile(r.key), r.bytes);
    for (const name of await store.list('engine')) {
      if (VIEW_CACHE_NAME.test(name) && `engine/${name}` !== viewCacheFile(r.key)) await store.remove(`engine/${name}`);
    }
    return ok;
  }

  /** Gives up every lock the renderer holds (its window closed or reloaded). */
  async releaseAll(): Promise<void> {
    const all = [...this.held.values()];
    this.held.clear();
    await Promise.all(all.map((h) => h.lock.release()));
  }

  async write(r: HostRequest<'workspace:write-file'>) {
    await (await this.guard(r.handle, r.token, 'write', r.path)).writeAtomic(r.path, r.bytes);
    return ok;
  }

  async append(r: HostRequest<'workspace:append-file'>) {
    await (await this.guard(r.handle, r.token, 'append', r.path)).append(r.path, r.bytes);
    return ok;
  }

  async remove(r: HostRequest<'workspace:remove-file'>) {
    await (await this.guard(r.handle, r.token, 'remove', r.path)).remove(r.path);
    return ok;
  }

  async move(r: HostRequest<'workspace:move-file'>) {
    const store = await this.guard(r.handle, r.token, 'move', r.from);
    const why = protectedPath('write', r.to);
    if (why !== null) throw new HostRefusedError(`refused move to ${r.to}: ${why}`);
    await store.move(r.from, r.to);
    return ok;
  }
}
