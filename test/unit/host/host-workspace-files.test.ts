import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostWorkspaceFiles } from '../../../shared/host/host-workspace-files';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { UnknownHandleError, WorkspaceRegistry } from '../../../node/workspace/workspace-registry';

let dir: string;
let files: HostWorkspaceFiles;
let handle: string;
const bytes = (s: string) => new TextEncoder().encode(s);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-files-'));
  await mkdir(path.join(dir, 'ws'));
  const registry = new WorkspaceRegistry({ recentFile: path.join(dir, 'recent.json') });
  handle = (await registry.opened(path.join(dir, 'ws'), 'WS')).handle;
  files = new HostWorkspaceFiles((h) => new NodeFileStore(registry.openFolder(h)), () => 'ana');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lock(command = 'save') {
  const reply = await files.lock({ handle, command });
  if (!('held' in reply)) throw new Error('expected the lock');
  return reply.held.token;
}

describe('HostWorkspaceFiles (the host side of the workspace file channels)', () => {
  it('writes atomically, reads, lists and appends inside the workspace while the lock is held', async () => {
    const token = await lock();
    await files.write({ handle, token, path: 'batches/B0001.arrow', bytes: bytes('one') });
    await files.write({ handle, token, path: 'batches/B0001.arrow', bytes: bytes('two') });
    expect(new TextDecoder().decode((await files.read({ handle, path: 'batches/B0001.arrow' }))!)).toBe('two');
    expect(await files.list({ handle, dir: 'batches' })).toEqual(['B0001.arrow']);
    await files.append({ handle, token, path: 'audit.jsonl', bytes: bytes('a\n') });
    await files.append({ handle, token, path: 'audit.jsonl', bytes: bytes('b\n') });
    expect(await readFile(path.join(dir, 'ws', 'audit.jsonl'), 'utf8')).toBe('a\nb\n');
    expect(await files.read({ handle, path: 'missing.json' })).toBeNull();
    expect(await files.list({ handle, dir: 'nowhere' })).toEqual([]);
  });

  it('never rewrites, moves or removes the audit log, appends to nothing else, and never touches the lock file', async () => {
    const token = await lock();
    await writeFile(path.join(dir, 'ws', 'audit.jsonl'), 'line 1\n');
    await expect(files.write({ handle, token, path: 'audit.jsonl', bytes: bytes('forged\n') })).rejects.toThrow(/audit.jsonl is append-only/);
    await expect(files.remove({ handle, token, path: 'audit.jsonl' })).rejects.toThrow(/append-only/);
    await expect(files.move({ handle, token, from: 'audit.jsonl', to: 'config/x.json' })).rejects.toThrow(/append-only/);
    await expect(files.move({ handle, token, from: 'config/x.json', to: 'audit.jsonl' })).rejects.toThrow(/append-only/);
    await expect(files.append({ handle, token, path: 'workspace.json', bytes: bytes('{}') })).rejects.toThrow(/only audit.jsonl is appended to/);
    await expect(files.remove({ handle, token, path: 'workspace.json' })).rejects.toThrow(/never removed/);
    await expect(files.write({ handle, token, path: 'workspace.lock', bytes: bytes('{}') })).rejects.toThrow(/lock file/);
    expect(await readFile(path.join(dir, 'ws', 'audit.jsonl'), 'utf8')).toBe('line 1\n');
  });

  it('refuses every write without the lock, or with a token it did not issue', async () => {
    await expect(files.write({ handle, token: 'guessed-token', path: 'config/a.json', bytes: bytes('{}') })).rejects.toThrow(/lock is not held/);
    const token = await lock();
    await files.unlock({ handle, token });
    await expect(files.append({ handle, token, path: 'audit.jsonl', bytes: bytes('x\n') })).rejects.toThrow(/lock is not held/);
    await expect(readdir(path.join(dir, 'ws'))).resolves.not.toContain('audit.jsonl');
  });

  it('answers busy with the holder while a writer holds the lock, and held once it is released', async () => {
    const store = new NodeFileStore(path.join(dir, 'ws'));
    const cli = await store.lock({ command: 'import', user: 'ben' });
    const busy = await files.lock({ handle, command: 'annotate class' });
    expect(busy).toMatchObject({ busy: { command: 'import', user: 'ben', pid: process.pid } });
    expect(await files.lockHolder({ handle })).toMatchObject({ command: 'import' });
    await cli.release();
    const token = await lock('annotate class');
    expect(await files.lockHeld({ handle, token })).toBe(true);
    expect(await store.lockHolder()).toMatchObject({ command: 'annotate class', user: 'ana' });
    await files.releaseAll();
    expect(await store.lockHolder()).toBeNull();
  });

  it('refuses unknown handles before touching the disk', async () => {
    await expect(files.read({ handle: 'forged', path: 'workspace.json' })).rejects.toThrow(UnknownHandleError);
    await expect(files.lock({ handle: path.join(dir, 'ws'), command: 'x' })).rejects.toThrow(UnknownHandleError);
  });

  it('refuses paths that would leave the workspace', async () => {
    const token = await lock();
    for (const bad of ['../escape.txt', '/etc/passwd', 'batches/../../x', 'a\\b', '.hidden']) {
      await expect(files.write({ handle, token, path: bad, bytes: bytes('x') }), bad).rejects.toThrow(/refused path/);
    }
    expect(await readdir(dir)).not.toContain('escape.txt');
  });
});
