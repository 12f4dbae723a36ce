/**
 * Atomic replacement of a file at an absolute path the user or the host chose (a save dialog's target, the
 * recent-workspaces list), where NodeFileStore's workspace-relative names do not apply: a temporary file
 * beside the target, fsync, rename over it, fsync of the folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `bytes` to a new temporary file beside `target` (`.<name>.<12 hex digits>.tmp`, the name recovery knows:
 * shared/workspace/paths.ts isTemporaryFile) and flushes it; returns its path. The caller renames or links it.
 */
export async function writeTemporaryBeside(target: string, bytes: Uint8Array | string): Promise<string> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** Replaces `target` with `bytes` in one step: a crash leaves the old file or the new one, never a mix. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const tmp = await writeTemporaryBeside(target, bytes);
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Windows cannot open a folder to fsync it; NTFS journals the rename, so this is not an error.
  }
}
