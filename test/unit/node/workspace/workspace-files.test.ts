import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceFiles } from '../../../../node/workspace/workspace-files';
import { UnknownHandleError, WorkspaceRegistry } from '../../../../node/workspace/workspace-registry';

let dir: string;
let files: WorkspaceFiles;
let handle: string;
const bytes = (s: string) => new TextEncoder().encode(s);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-files-'));
  const registry = new WorkspaceRegistry({ recentFile: path.join(dir, 'recent.json') });
  handle = (await registry.opened(path.join(dir, 'ws'), 'WS')).handle;
  files = new WorkspaceFiles(registry);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WorkspaceFiles', () => {
  it('writes atomically, reads, lists and appends inside the workspace', async () => {
    await files.write(handle, 'batches/B0001.arrow', bytes('one'));
    await files.write(handle, 'batches/B0001.arrow', bytes('two'));
    expect(new TextDecoder().decode((await files.read(handle, 'batches/B0001.arrow'))!)).toBe('two');
    expect(await files.list(handle, 'batches')).toEqual(['B0001.arrow']);
    expect(await readdir(path.join(dir, 'ws', 'batches'))).toEqual(['B0001.arrow']);
    await files.append(handle, 'audit.jsonl', bytes('a\n'));
    await files.append(handle, 'audit.jsonl', bytes('b\n'));
    expect(await readFile(path.join(dir, 'ws', 'audit.jsonl'), 'utf8')).toBe('a\nb\n');
    expect(await files.read(handle, 'missing.json')).toBeNull();
    expect(await files.list(handle, 'nowhere')).toEqual([]);
  });

  it('refuses unknown handles before touching the disk', async () => {
    await expect(files.read('forged', 'workspace.json')).rejects.toThrow(UnknownHandleError);
    await expect(files.write(path.join(dir, 'ws'), 'x', bytes('x'))).rejects.toThrow(UnknownHandleError);
  });

  it('refuses paths that would leave the workspace', async () => {
    for (const bad of ['../escape.txt', '/etc/passwd', 'batches/../../x', 'a\\b', '.hidden']) {
      await expect(files.write(handle, bad, bytes('x')), bad).rejects.toThrow(/refused path/);
    }
    expect(await readdir(dir)).not.toContain('escape.txt');
  });
});
