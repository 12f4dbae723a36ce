/**
 * The one rule for every file a command writes outside the workspace (`--out`, `dictionary --export`): an existing
 * file is refused unless --force is given, and so is a folder that does not exist. The check runs before any work,
 * so that a refusal leaves the workspace untouched (no calibration or class run saved for nothing); the write itself
 * uses 'wx' without --force, so a file that appeared meanwhile is refused too.
 */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from './context';

/**
 * Refuses (exit 1) when an output path cannot be written as asked: it exists and `force` is false, it is a folder,
 * or its folder does not exist. `option` names the option in the message (default `--out`). Returns the absolute path.
 */
export function checkOutputPath(file: string, force: boolean, option = '--out'): string {
  const abs = path.resolve(file);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new RefusedError(`${abs} is a folder; give ${option} a file name`);
    if (!force) throw new RefusedError(`${abs} already exists; choose another ${option} or add --force to overwrite`);
  }
  const dir = path.dirname(abs);
  if (!existsSync(dir)) throw new RefusedError(`folder ${dir} does not exist; create it or choose another ${option}`);
  return abs;
}

/** Writes an output file checked by `checkOutputPath`; without `force`, refuses a file that appeared meanwhile. */
export async function writeOutputFile(file: string, bytes: Uint8Array | string, force: boolean): Promise<void> {
  try {
    await writeFile(file, bytes, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const where = err.path ?? file;
    if (err.code === 'EEXIST') throw new RefusedError(`${where} already exists; add --force to overwrite`);
    throw new RefusedError(`cannot write ${where}: ${err.message}`);
  }
}
