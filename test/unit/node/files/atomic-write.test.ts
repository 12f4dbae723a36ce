import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../node/files/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates folders, replaces the file and leaves no temporary file', async () => {
    const target = path.join(dir, 'a b', 'out.json');
    await writeFileAtomic(target, new TextEncoder().encode('old'));
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(path.dirname(target))).toEqual(['out.json']);
  });

  it('keeps the old file and cleans up when the rename fails', async () => {
    const target = path.join(dir, 'folder');
    await writeFile(path.join(dir, 'keep.txt'), 'x');
    await writeFileAtomic(path.join(target, 'inner.txt'), new Uint8Array([1]));
    // Renaming a file over a non-empty folder fails on every platform.
    await expect(writeFileAtomic(target, new Uint8Array([2]))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['folder', 'keep.txt']);
    expect(await readFile(path.join(target, 'inner.txt'))).toEqual(Buffer.from([1]));
  });
});
