import { afterEach, describe, expect, it, vi } from 'vitest';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../../node/files/node-file-store';
import { tempDir } from '../../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((c) => c());
});

function store() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return { dir: t.dir, store: new NodeFileStore(t.dir) };
}

describe('NodeFileStore', () => {
  it('writes, reads, appends and lists inside the workspace', async () => {
    const { store: s } = store();
    await s.writeAtomic('config/a.json', new TextEncoder().encode('{}'));
    await s.append('audit.jsonl', new TextEncoder().encode('1\n'));
    await s.append('audit.jsonl', new TextEncoder().encode('2\n'));
    expect(new TextDecoder().decode((await s.read('audit.jsonl'))!)).toBe('1\n2\n');
    expect(await s.list('config')).toEqual(['a.json']);
    expect(await s.read('missing.json')).toBeNull();
    expect(await s.list('nowhere')).toEqual([]);
  });

  it('refuses paths that leave the workspace', async () => {
    const { store: s } = store();
    await expect(s.read('../etc/passwd')).rejects.toThrow(/refused path/);
    await expect(s.writeAtomic('/tmp/x', new Uint8Array())).rejects.toThrow(/refused path/);
    await expect(s.writeAtomic('a/../../x', new Uint8Array())).rejects.toThrow(/refused path/);
  });

  it('leaves the old file whole when a write fails before the rename (a crash mid-write)', async () => {
    const { dir, store: s } = store();
    await s.writeAtomic('workspace.json', new TextEncoder().encode('old'));
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(new Error('power cut'));
    await expect(s.writeAtomic('workspace.json', new TextEncoder().encode('new'))).rejects.toThrow('power cut');
    expect(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['workspace.json']);
  });
});
