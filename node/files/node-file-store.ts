/**
 * The workspace's FileStore on the Node file system, for the Electron main process and the CLI.
 * Atomic writes (./atomic-write.ts): a temporary file beside the target, fsync, rename over the target,
 * fsync of the folder, so that a crash at any point leaves either the old or the new file. The lock is
 * ./workspace-lock.ts.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FileStore, HeldLock, LockOptions } from '../../shared/workspace/file-store';
import type { LockInfo, LockOwner } from '../../shared/workspace/lock';
import { layout, workspaceRelativePath } from '../../shared/workspace/paths';
import { writeFileAtomic } from './atomic-write';
import { acquireLock, readLockFile } from './workspace-lock';

export class NodeFileStore implements FileStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = path.resolve(root);
  }

  private resolve(rel: string): string {
    const checked = workspaceRelativePath.safeParse(rel);
    if (!checked.success) throw new Error(`refused path "${rel}": ${checked.error.issues[0].message}`);
    const full = path.resolve(this.location, rel);
    if (full !== this.location && !full.startsWith(this.location + path.sep)) throw new Error(`refused path "${rel}": outside the workspace`);
    return full;
  }

  async read(rel: string): Promise<Uint8Array | null> {
    try {
      const buf = await fs.readFile(this.resolve(rel));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async writeAtomic(rel: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.resolve(rel), bytes);
  }

  async append(rel: string, bytes: Uint8Array): Promise<void> {
    const target = this.resolve(rel);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const handle = await fs.open(target, 'a');
    try {
      await handle.appendFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async entries(rel: string): Promise<string[]> {
    return (await this.dirents(rel)).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  }

  async remove(rel: string): Promise<void> {
    await fs.rm(this.resolve(rel), { force: true });
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const target = this.resolve(to);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // link + unlink rather than rename: link refuses an existing target, rename would replace it.
    await fs.link(source, target);
    await fs.rm(source);
  }

  lock(owner: LockOwner, options?: LockOptions): Promise<HeldLock> {
    return acquireLock(this.location, owner, options);
  }

  lockHolder(): Promise<LockInfo | null> {
    return readLockFile(this.resolve(layout.lock));
  }

  async list(rel: string): Promise<string[]> {
    return (await this.dirents(rel)).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  }

  /** The folder's entries; none when it does not exist. */
  private async dirents(rel: string): Promise<Dirent[]> {
    try {
      return await fs.readdir(this.resolve(rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }
}
