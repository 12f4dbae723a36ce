/** Reading the files a command is given (a reference CSV, a report, a dictionary), with a refusal that says why. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from './context';

/** Why a file could not be read, in words, for a message (the Node error code kept in brackets for the rarer ones). */
export function readFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err.code ? `${err.message} (${err.code})` : err.message;
  }
}

/** The bytes of a file named on the command line; refuses (exit 1) with `cannot read <what> <file>: <why>`. */
export async function readInputFile(file: string, what: string): Promise<Uint8Array> {
  try {
    const buf = await readFile(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new RefusedError(`cannot read ${what} ${path.resolve(file)}: ${readFailure(e)}`);
  }
}
