/**
 * Workspace files in the browser's origin-private file system, in the same layout as on disk.
 * `createWritable()` writes to a swap file that replaces the target only on `close()`: an atomic write.
 */
import { workspaceRelativePath } from '../../shared/workspace/paths';

export async function opfsRoot(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('This browser has no origin-private file system; use a current Chromium, Edge or Firefox, or the desktop app.');
  return navigator.storage.getDirectory();
}

function segments(rel: string): string[] {
  const checked = workspaceRelativePath.safeParse(rel);
  if (!checked.success) throw new Error(`refused path "${rel}": ${checked.error.issues[0].message}`);
  return rel === '' ? [] : rel.split('/');
}

async function dirAt(base: FileSystemDirectoryHandle, parts: string[], create: boolean): Promise<FileSystemDirectoryHandle | null> {
  let dir = base;
  for (const p of parts) {
    try {
      dir = await dir.getDirectoryHandle(p, { create });
    } catch (e) {
      if ((e as DOMException).name === 'NotFoundError') return null;
      throw e;
    }
  }
  return dir;
}

export async function opfsRead(base: FileSystemDirectoryHandle, rel: string): Promise<Uint8Array | null> {
  const parts = segments(rel);
  const dir = await dirAt(base, parts.slice(0, -1), false);
  if (!dir) return null;
  try {
    const file = await (await dir.getFileHandle(parts[parts.length - 1])).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    if ((e as DOMException).name === 'NotFoundError') return null;
    throw e;
  }
}

export async function opfsWrite(base: FileSystemDirectoryHandle, rel: string, bytes: Uint8Array, append = false): Promise<void> {
  const parts = segments(rel);
  const dir = (await dirAt(base, parts.slice(0, -1), true))!;
  const handle = await dir.getFileHandle(parts[parts.length - 1], { create: true });
  const writable = await handle.createWritable({ keepExistingData: append });
  try {
    if (append) await writable.seek((await handle.getFile()).size);
    await writable.write(bytes as Uint8Array<ArrayBuffer>);
    await writable.close();
  } catch (e) {
    await writable.abort();
    throw e;
  }
}

export async function opfsList(base: FileSystemDirectoryHandle, rel: string): Promise<string[]> {
  const dir = await dirAt(base, segments(rel), false);
  if (!dir) return [];
  const names: string[] = [];
  for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (handle.kind === 'file' && !name.startsWith('.')) names.push(name);
  }
  return names.sort();
}

/** Every name in a folder, hidden ones too, folders ending in '/'. */
export async function opfsEntries(base: FileSystemDirectoryHandle, rel: string): Promise<string[]> {
  const dir = await dirAt(base, segments(rel), false);
  if (!dir) return [];
  const names: string[] = [];
  for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    names.push(handle.kind === 'directory' ? `${name}/` : name);
  }
  return names.sort();
}

/** Removes a file; nothing when it is absent. */
export async function opfsRemove(base: FileSystemDirectoryHandle, rel: string): Promise<void> {
  const parts = segments(rel);
  const dir = await dirAt(base, parts.slice(0, -1), false);
  if (!dir) return;
  try {
    await dir.removeEntry(parts[parts.length - 1]);
  } catch (e) {
    if ((e as DOMException).name !== 'NotFoundError') throw e;
  }
}

export async function opfsDirectories(base: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const [name, handle] of (base as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (handle.kind === 'directory') names.push(name);
  }
  return names.sort();
}
