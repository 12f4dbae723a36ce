/**
 * Files in and out through native dialogs: reading the files the user picked to import, and writing an
 * export where the user chose to save it (atomically). The renderer never names a path itself.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { HostReply, HostRequest } from '../../shared/host/contract';
import { writeFileAtomic } from '../files/atomic-write';
import type { Dialogs } from './dialogs';

/**
 * Largest file one pick may carry to the window, in bytes (256 MiB): the bytes cross IPC in one message,
 * and profiling exports are a few megabytes.
 */
export const MAX_PICKED_FILE_BYTES = 256 * 1024 * 1024;

export async function openFiles(
  dialogs: Pick<Dialogs, 'chooseFiles'>,
  request: HostRequest<'dialog:open-files'>,
): Promise<HostReply<'dialog:open-files'>> {
  const files = await dialogs.chooseFiles(request);
  const picked: HostReply<'dialog:open-files'> = [];
  for (const file of request.multiple ? files : files.slice(0, 1)) {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error(`${file} is not a file`);
    if (stat.size > MAX_PICKED_FILE_BYTES) {
      throw new Error(`${path.basename(file)} is ${(stat.size / 2 ** 20).toFixed(0)} MiB; the workbench imports files up to ${MAX_PICKED_FILE_BYTES / 2 ** 20} MiB`);
    }
    const buf = await fs.readFile(file);
    picked.push({ name: path.basename(file), bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
  }
  return picked;
}

export async function saveFile(
  dialogs: Pick<Dialogs, 'chooseSavePath'>,
  request: HostRequest<'dialog:save-file'>,
): Promise<HostReply<'dialog:save-file'>> {
  const target = await dialogs.chooseSavePath({ suggestedName: request.suggestedName, filters: request.filters });
  if (!target) return { saved: false };
  await writeFileAtomic(target, request.bytes);
  return { saved: true, location: target };
}
