/**
 * A workspace's FileStore over the host contract: the same calls in the desktop app and in web mode. Writes carry the
 * token of the workspace lock this store holds (the host refuses them without it), so the app's saves follow the
 * CLI's rule: one writer at a time.
 */
import type { Host, WorkspaceRef } from '../../shared/host/contract';
import type { FileStore, HeldLock, LockOptions } from '../../shared/workspace/file-store';
import { WorkspaceBusyError, WorkspaceLockError, type LockOwner } from '../../shared/workspace/lock';

export class HostFileStore implements FileStore {
  readonly location: string;
  /** The token of the lock held through this store, or null. */
  private token: string | null = null;
  /** Saves of this window wait for one another here (one lock per window at a time), then for other writers at the host. */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly host: Host, private readonly ref: WorkspaceRef) {
    this.location = ref.location;
  }

  private held(what: string): { handle: string; token: string } {
    if (this.token === null) throw new WorkspaceLockError(`${what}: the workspace lock is not held`);
    return { handle: this.ref.handle, token: this.token };
  }

  read(path: string) {
    return this.host['workspace:read-file']({ handle: this.ref.handle, path });
  }

  list(dir: string) {
    return this.host['workspace:list-files']({ handle: this.ref.handle, dir });
  }

  entries(dir: string) {
    return this.host['workspace:entries']({ handle: this.ref.handle, dir });
  }

  async writeAtomic(path: string, bytes: Uint8Array) {
    await this.host['workspace:write-file']({ ...this.held(path), path, bytes });
  }

  async append(path: string, bytes: Uint8Array) {
    await this.host['workspace:append-file']({ ...this.held(path), path, bytes });
  }

  async remove(path: string) {
    await this.host['workspace:remove-file']({ ...this.held(path), path });
  }

  async move(from: string, to: string) {
    await this.host['workspace:move-file']({ ...this.held(from), from, to });
  }

  lockHolder() {
    return this.host['workspace:lock-holder']({ handle: this.ref.handle });
  }

  async lock(owner: LockOwner, options: LockOptions = {}): Promise<HeldLock> {
    const before = this.turn;
    let done: () => void = () => {};
    this.turn = new Promise<void>((resolve) => (done = resolve));
    await before;
    let reply;
    try {
      reply = await this.host['workspace:lock']({ handle: this.ref.handle, command: owner.command, wait: options.wait });
    } catch (e) {
      done();
      throw e;
    }
    if ('busy' in reply) {
      done();
      throw new WorkspaceBusyError(reply.busy, 'try again when it has finished');
    }
    const info = reply.held;
    this.token = info.token;
    const handle = this.ref.handle;
    return {
      info,
      stillHeld: () => this.host['workspace:lock-held']({ handle, token: info.token }),
      release: async () => {
        if (this.token !== info.token) return;
        this.token = null;
        try {
          await this.host['workspace:unlock']({ handle, token: info.token });
        } finally {
          done();
        }
      },
    };
  }
}
