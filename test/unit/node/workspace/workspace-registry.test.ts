import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnknownHandleError, WorkspaceRegistry } from '../../../../node/workspace/workspace-registry';

let dir: string;
let recentFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-registry-'));
  recentFile = path.join(dir, 'user-data', 'recent-workspaces.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workspaceFolder(name: string): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'workspace.json'), '{}');
  return folder;
}

describe('WorkspaceRegistry', () => {
  it('issues an opaque handle for an opened folder and resolves only that', async () => {
    const reg = new WorkspaceRegistry({ recentFile });
    const folder = await workspaceFolder('a');
    const ref = await reg.opened(folder, 'Case A');
    expect(ref).toMatchObject({ name: 'Case A', location: folder });
    expect(ref.handle).not.toContain(folder);
    expect(ref.handle).toMatch(/^[0-9a-f-]{36}$/);
    expect(reg.openFolder(ref.handle)).toBe(folder);
    expect(() => reg.openFolder('not-a-handle')).toThrow(UnknownHandleError);
    expect(() => reg.openFolder(folder)).toThrow(UnknownHandleError);
    expect(() => reg.folderOf('')).toThrow(UnknownHandleError);
  });

  it('gives the same handle for the same folder within a session', async () => {
    const reg = new WorkspaceRegistry({ recentFile });
    const folder = await workspaceFolder('a');
    const a = await reg.opened(folder, 'A');
    const b = await reg.opened(path.join(folder, '.'), 'A');
    expect(b.handle).toBe(a.handle);
  });

  it('persists the recent list; a new session lists it with handles that open but do not give file access', async () => {
    const first = new WorkspaceRegistry({ recentFile });
    const a = await workspaceFolder('a');
    const b = await workspaceFolder('b');
    await first.opened(a, 'A');
    await first.opened(b, 'B');
    expect(JSON.parse(await readFile(recentFile, 'utf8')).workspaces.map((w: { name: string }) => w.name)).toEqual(['B', 'A']);

    const second = new WorkspaceRegistry({ recentFile });
    const recent = await second.recent();
    expect(recent.map((r) => r.name)).toEqual(['B', 'A']);
    expect(second.folderOf(recent[0].handle)).toBe(b);
    expect(() => second.openFolder(recent[0].handle)).toThrow(UnknownHandleError);
    const opened = await second.opened(second.folderOf(recent[1].handle), 'A');
    expect(opened.handle).toBe(recent[1].handle);
    expect(second.openFolder(opened.handle)).toBe(a);
  });

  it('leaves out recent folders that no longer hold a workspace', async () => {
    const reg = new WorkspaceRegistry({ recentFile });
    const a = await workspaceFolder('a');
    await reg.opened(a, 'A');
    await rm(path.join(a, 'workspace.json'));
    expect(await reg.recent()).toEqual([]);
  });

  it('starts with an empty list, and logs why, when the recent file is corrupt', async () => {
    await mkdir(path.dirname(recentFile), { recursive: true });
    await writeFile(recentFile, 'garbage');
    const logs: string[] = [];
    const reg = new WorkspaceRegistry({ recentFile, log: (m) => logs.push(m) });
    expect(await reg.recent()).toEqual([]);
    expect(logs.join('\n')).toMatch(/recent workspaces ignored/);
    await reg.opened(await workspaceFolder('a'), 'A');
    expect((await new WorkspaceRegistry({ recentFile }).recent()).map((r) => r.name)).toEqual(['A']);
  });

  it('loses no entry when two workspaces are opened at once', async () => {
    const reg = new WorkspaceRegistry({ recentFile });
    const [a, b] = await Promise.all([workspaceFolder('a'), workspaceFolder('b')]);
    await Promise.all([reg.opened(a, 'A'), reg.opened(b, 'B')]);
    const names = (await new WorkspaceRegistry({ recentFile }).recent()).map((r) => r.name).sort();
    expect(names).toEqual(['A', 'B']);
  });

  it('keeps the workspace open when the recent list cannot be saved', async () => {
    const blocker = path.join(dir, 'blocker');
    await writeFile(blocker, 'a file where the user-data folder should be');
    const logs: string[] = [];
    const reg = new WorkspaceRegistry({ recentFile: path.join(blocker, 'recent-workspaces.json'), log: (m) => logs.push(m) });
    const ref = await reg.opened(await workspaceFolder('a'), 'A');
    expect(reg.openFolder(ref.handle)).toBe(path.join(dir, 'a'));
    expect(logs.join('\n')).toMatch(/could not save the recent workspaces/);
  });
});
