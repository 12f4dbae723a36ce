/**
 * A workspace folder of the origin-private file system as a FileStore, for the browser host. The lock is a Web Lock
 * (navigator.locks), which the browser releases when the tab that holds it closes or crashes, so a browser lock is
 * never stale; the holder also writes workspace.lock so that a refused tab can say who holds it. A move is a copy
 * then a removal: OPFS has no rename every browser offers, and recovery repeats a move cut half-way (commit.ts).
 */
import type { FileStore, HeldLock, LockOptions } from '../../shared/workspace/file-store';
import { lockFormat, WorkspaceBusyError, type LockInfo, type LockOwner } from '../../shared/workspace/lock';
import { layout } from '../../shared/workspace/paths';
import { fromUtf8, utf8 } from '../../shared/util/text';
import { opfsEntries, opfsList, opfsRead, opfsRemove, opfsWrite } from './opfs';

export class OpfsStore implements FileStore {
  constructor(private readonly dir: FileSystemDirectoryHandle, readonly location: string, private readonly lockName: string) {}

  read(path: string) {
    return opfsRead(this.dir, path);
  }
  writeAtomic(path: string, bytes: Uint8Array) {
    return opfsWrite(this.dir, path, bytes);
  }
  append(path: string, bytes: Uint8Array) {
    return opfsWrite(this.dir, path, bytes, true);
  }
  list(dir: string) {
    return opfsList(this.dir, dir);
  }
  entries(dir: string) {
    return opfsEntries(this.dir, dir);
  }
  remove(path: string) {
    return opfsRemove(this.dir, path);
  }

  async move(from: string, to: string) {
    const bytes = await opfsRead(this.dir, from);
    if (bytes === null) throw new Error(`cannot move ${from}: it does not exist`);
    if ((await opfsRead(this.dir, to)) !== null) throw new Error(`cannot move ${from} to ${to}: the target exists`);
    await opfsWrite(this.dir, to, bytes);
    await opfsRemove(this.dir, from);
  }

  async lockHolder(): Promise<LockInfo | null> {
    const held = await navigator.locks.query();
    if (!(held.held ?? []).some((l) => l.name === this.lockName)) return null;
    return this.lockFileInfo();
  }

  private async lockFileInfo(): Promise<LockInfo> {
    const bytes = await opfsRead(this.dir, layout.lock);
    try {
      return lockFormat.read(JSON.parse(fromUtf8(bytes!)));
    } catch {
      return lockFormat.create({ token: 'unknown-holder', host: 'browser', pid: null, command: 'another tab', user: 'unknown', started_at: new Date().toISOString() });
    }
  }

  lock(owner: LockOwner, options: LockOptions = {}): Promise<HeldLock> {
    const info = lockFormat.create({ token: crypto.randomUUID(), host: 'browser', pid: null, command: owner.command, user: owner.user, started_at: new Date().toISOString() });
    return new Promise<HeldLock>((resolve, reject) => {
      let release: () => void = () => {};
      const done = new Promise<void>((r) => (release = r));
      navigator.locks
        .request(this.lockName, { ifAvailable: !options.wait, signal: options.wait ? options.signal : undefined }, async (lock) => {
          if (lock === null) {
            reject(new WorkspaceBusyError(await this.lockFileInfo(), 'try again when it has finished'));
            return;
          }
          await opfsWrite(this.dir, layout.lock, utf8(JSON.stringify(info, null, 2) + '\n'));
          let released = false;
          resolve({
            info,
            stillHeld: async () => !released,
            release: async () => {
              if (released) return;
              released = true;
              await opfsRemove(this.dir, layout.lock);
              release();
            },
          });
          await done;
        })
        .catch(reject);
    });
  }
}
