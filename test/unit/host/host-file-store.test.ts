import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostHandlers } from '../../../node/host/host-handlers';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { WorkspaceRegistry } from '../../../node/workspace/workspace-registry';
import { HostFileStore } from '../../../renderer/host/host-file-store';
import type { Host, WorkspaceRef } from '../../../shared/host/contract';
import { checkWorkspace } from '../../../shared/workspace/check';
import { WorkspaceBusyError } from '../../../shared/workspace/lock';
import { Workspace, WorkspaceStaleError } from '../../../shared/workspace/Workspace';

/** The app's side of a workspace: the renderer's Workspace over HostFileStore, over the desktop host's handlers. */
let dir: string;
let host: Host;
let ref: WorkspaceRef;
const actor = { user: 'ana', appVersion: '0.1.0' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-app-'));
  host = createHostHandlers({
    registry: new WorkspaceRegistry({ recentFile: path.join(dir, 'recent.json') }),
    dialogs: { chooseNewWorkspaceFolder: async () => path.join(dir, 'ws'), chooseWorkspaceFolder: async () => path.join(dir, 'ws'), chooseFiles: async () => [], chooseSavePath: async () => null },
    appInfo: () => ({ name: 'Signature Workbench', version: '0.1.0', host: 'electron', platform: 'linux-x64', user: 'ana' }),
    actor: () => actor,
    printToPdf: async () => new Uint8Array(),
  });
  ref = (await host['workspace:create']({ name: 'Case 1' }))!;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the app saving through the host contract', () => {
  it('saves under the workspace lock, one save of the window after the other, each one commit', async () => {
    const ws = await Workspace.open(new HostFileStore(host, ref), actor);
    await Promise.all([ws.putDocument('target-lists', { lists: [] }, 'target-list.save'), ws.putDocument('import-profiles', { profiles: [] }, 'import-profile.save')]);
    expect(ws.manifest.generation).toBe(3);
    expect(Object.keys(ws.manifest.documents).sort()).toEqual(['import-profiles', 'target-lists']);
    expect((await readFile(path.join(dir, 'ws', 'audit.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(3);
    expect((await checkWorkspace(new NodeFileStore(path.join(dir, 'ws')))).problems).toEqual([]);
  });

  it('is refused while a command holds the workspace, naming it, and after a command changed it, as stale', async () => {
    const ws = await Workspace.open(new HostFileStore(host, ref), actor);
    const cli = new NodeFileStore(path.join(dir, 'ws'));
    const lock = await cli.lock({ command: 'cluster', user: 'ben' });
    const refused = await ws.putDocument('target-lists', { lists: [] }, 'target-list.save').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkspaceBusyError);
    expect((refused as Error).message).toMatch(/^the workspace is busy: cluster by ben \(process \d+ on .+\) since .* UTC; try again when it has finished$/);
    await lock.release();
    const other = await Workspace.open(cli, { ...actor, user: 'ben' });
    await other.putDocument('target-lists', { lists: [{ name: 'from the CLI' }] }, 'target-list.save');
    await expect(ws.putDocument('target-lists', { lists: [] }, 'target-list.save')).rejects.toThrow(WorkspaceStaleError);
    expect(JSON.parse(await readFile(path.join(dir, 'ws', 'config', 'target-lists.json'), 'utf8'))).toEqual({ lists: [{ name: 'from the CLI' }] });
  });
});
