import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFiles, saveFile } from '../../../../node/host/file-dialogs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-dialogs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openFiles', () => {
  it('reads the picked files by name, and passes the dialog options through', async () => {
    await writeFile(path.join(dir, 'batch 1.csv'), 'sample,compound\nS1,MDMA\n');
    await writeFile(path.join(dir, 'b.csv'), 'x');
    let seen: unknown;
    const picked = await openFiles(
      { chooseFiles: async (o) => ((seen = o), [path.join(dir, 'batch 1.csv'), path.join(dir, 'b.csv')]) },
      { title: 'Import', filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true },
    );
    expect(seen).toEqual({ title: 'Import', filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true });
    expect(picked.map((p) => p.name)).toEqual(['batch 1.csv', 'b.csv']);
    expect(new TextDecoder().decode(picked[0].bytes)).toContain('S1,MDMA');
    expect(picked[0].bytes).toBeInstanceOf(Uint8Array);
  });

  it('returns nothing on cancel, one file when not multiple, and refuses folders', async () => {
    const req = { title: 'Import', filters: [], multiple: false };
    expect(await openFiles({ chooseFiles: async () => [] }, req)).toEqual([]);
    await writeFile(path.join(dir, 'a'), 'a');
    await writeFile(path.join(dir, 'b'), 'b');
    expect(await openFiles({ chooseFiles: async () => [path.join(dir, 'a'), path.join(dir, 'b')] }, req)).toHaveLength(1);
    await expect(openFiles({ chooseFiles: async () => [dir] }, req)).rejects.toThrow(/is not a file/);
  });
});

describe('saveFile', () => {
  it('writes the bytes where the user chose, atomically, and says where', async () => {
    const target = path.join(dir, 'Report 2025.pdf');
    const reply = await saveFile({ chooseSavePath: async () => target }, { suggestedName: 'report.pdf', filters: [], bytes: new Uint8Array([37, 80, 68, 70]) });
    expect(reply).toEqual({ saved: true, location: target });
    expect(await readFile(target, 'latin1')).toBe('%PDF');
    expect(await readdir(dir)).toEqual(['Report 2025.pdf']);
  });

  it('saves nothing when the user cancels', async () => {
    expect(await saveFile({ chooseSavePath: async () => null }, { suggestedName: 'x.csv', filters: [], bytes: new Uint8Array() })).toEqual({ saved: false });
  });
});
