import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, openWorkspace, type LifecycleDeps } from '../../../../node/workspace/workspace-lifecycle';
import { UnknownHandleError, WorkspaceRegistry } from '../../../../node/workspace/workspace-registry';

let dir: string;
let chosen: string | null;
let deps: LifecycleDeps;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-lifecycle-'));
  chosen = null;
  deps = {
    registry: new WorkspaceRegistry({ recentFile: path.join(dir, 'user-data', 'recent-workspaces.json') }),
    dialogs: { chooseNewWorkspaceFolder: async () => chosen, chooseWorkspaceFolder: async () => chosen },
    actor: () => ({ user: 'analyst1', appVersion: '0.1.0', now: () => new Date('2025-03-01T10:00:00Z') }),
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createWorkspace', () => {
  it('creates a workspace in a new folder, named after it by default, and opens it', async () => {
    chosen = path.join(dir, 'Seizures 2025');
    const ref = await createWorkspace(deps);
    expect(ref).toMatchObject({ name: 'Seizures 2025', location: chosen });
    const manifest = JSON.parse(await readFile(path.join(chosen, 'workspace.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'Seizures 2025', created_by: 'analyst1', app_version: '0.1.0' });
    expect(await readFile(path.join(chosen, 'audit.jsonl'), 'utf8')).toContain('workspace.create');
    expect(deps.registry.openFolder(ref!.handle)).toBe(chosen);
    expect((await deps.registry.recent()).map((r) => r.location)).toEqual([chosen]);
  });

  it('takes the requested name, and accepts an empty folder (system files aside)', async () => {
    chosen = path.join(dir, 'empty');
    await mkdir(chosen);
    await writeFile(path.join(chosen, '.DS_Store'), '');
    expect(await createWorkspace(deps, 'Operation Larch')).toMatchObject({ name: 'Operation Larch' });
  });

  it('returns null when the user cancels', async () => {
    expect(await createWorkspace(deps)).toBeNull();
  });

  it('refuses a folder that already holds a workspace, or anything else', async () => {
    chosen = path.join(dir, 'taken');
    await createWorkspace(deps);
    await expect(createWorkspace(deps)).rejects.toThrow(/already holds a workspace; open it instead/);
    chosen = path.join(dir, 'full');
    await mkdir(path.join(chosen, 'sub'), { recursive: true });
    await expect(createWorkspace(deps)).rejects.toThrow(/is not empty/);
  });
});

describe('openWorkspace', () => {
  it('opens a folder the user chooses, by its manifest name', async () => {
    chosen = path.join(dir, 'ws');
    await createWorkspace(deps, 'Case 7');
    const fresh = { ...deps, registry: new WorkspaceRegistry({ recentFile: path.join(dir, 'other', 'recent.json') }) };
    const ref = await openWorkspace(fresh);
    expect(ref).toMatchObject({ name: 'Case 7', location: chosen });
    expect(fresh.registry.openFolder(ref!.handle)).toBe(chosen);
  });

  it('opens a recent entry by its handle, without a dialog', async () => {
    chosen = path.join(dir, 'ws');
    await createWorkspace(deps, 'Case 7');
    const next = { ...deps, registry: new WorkspaceRegistry({ recentFile: path.join(dir, 'user-data', 'recent-workspaces.json') }) };
    const [recent] = await next.registry.recent();
    chosen = null;
    const ref = await openWorkspace(next, recent.handle);
    expect(ref).toMatchObject({ handle: recent.handle, name: 'Case 7' });
    expect(next.registry.openFolder(recent.handle)).toBe(path.join(dir, 'ws'));
  });

  it('refuses a folder without a workspace, a corrupt manifest and unknown handles', async () => {
    chosen = path.join(dir, 'plain');
    await mkdir(chosen);
    await expect(openWorkspace(deps)).rejects.toThrow(/is not a Signature Workbench workspace/);
    await writeFile(path.join(chosen, 'workspace.json'), '{"format":"something else"}');
    await expect(openWorkspace(deps)).rejects.toThrow(/not a Signature Workbench workspace manifest/);
    await expect(openWorkspace(deps, 'forged-handle')).rejects.toThrow(UnknownHandleError);
  });

  it('returns null when the user cancels', async () => {
    expect(await openWorkspace(deps)).toBeNull();
  });
});
