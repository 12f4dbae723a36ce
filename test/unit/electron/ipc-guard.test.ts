import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, IpcRejection, senderProblem, type DispatchContext, type SenderFacts } from '../../../electron/ipc-guard';
import { createHostHandlers } from '../../../node/host/host-handlers';
import { WorkspaceRegistry } from '../../../node/workspace/workspace-registry';
import { channels, type Channel, type Host } from '../../../shared/host/contract';

const WINDOW = 7;
const ours: SenderFacts = { webContentsId: WINDOW, isMainFrame: true, frameUrl: 'app://workbench/index.html#/samples' };

describe('senderProblem', () => {
  it('accepts only the workbench window main frame on app://workbench', () => {
    expect(senderProblem(ours, WINDOW)).toBeNull();
    expect(senderProblem({ ...ours, webContentsId: 8 }, WINDOW)).toMatch(/not the workbench window/);
    expect(senderProblem(ours, null)).toMatch(/not the workbench window/);
    expect(senderProblem({ ...ours, isMainFrame: false }, WINDOW)).toMatch(/not the main frame/);
    expect(senderProblem({ ...ours, frameUrl: null }, WINDOW)).toMatch(/gone/);
    expect(senderProblem({ ...ours, frameUrl: 'https://evil.example/app://workbench/' }, WINDOW)).toMatch(/not the workbench/);
    expect(senderProblem({ ...ours, frameUrl: 'app://print/x.html' }, WINDOW)).toMatch(/not the workbench/);
    expect(senderProblem({ ...ours, frameUrl: 'file:///index.html' }, WINDOW)).toMatch(/not the workbench/);
  });
});

describe('dispatch', () => {
  let dir: string;
  let logs: string[];
  let ctx: DispatchContext;
  let chosenFolder: string | null;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-ipc-'));
    logs = [];
    chosenFolder = null;
    const handlers = createHostHandlers({
      registry: new WorkspaceRegistry({ recentFile: path.join(dir, 'user-data', 'recent-workspaces.json') }),
      dialogs: {
        chooseNewWorkspaceFolder: async () => chosenFolder,
        chooseWorkspaceFolder: async () => chosenFolder,
        chooseFiles: async () => [],
        chooseSavePath: async () => null,
      },
      appInfo: () => ({ name: 'Signature Workbench', version: '0.1.0', host: 'electron', platform: 'linux-x64', user: 'jdoe' }),
      actor: () => ({ user: 'jdoe', appVersion: '0.1.0' }),
      printToPdf: async () => new Uint8Array([37, 80, 68, 70]),
    });
    ctx = { windowId: WINDOW, handlers, log: (m) => logs.push(m) };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a valid call from our window and checks its reply', async () => {
    expect(await dispatch('app:info', {}, ours, ctx)).toMatchObject({ host: 'electron', user: 'jdoe' });
    expect(await dispatch('export:print-pdf', { html: '<p>x</p>' }, ours, ctx)).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it('drives a workspace through the channels: create, lock, write, list, read, append, unlock', async () => {
    chosenFolder = path.join(dir, 'ws');
    const ref = await dispatch('workspace:create', { name: 'Case 1' }, ours, ctx);
    expect(ref).toMatchObject({ name: 'Case 1' });
    const handle = ref!.handle;
    const lock = await dispatch('workspace:lock', { handle, command: 'save' }, ours, ctx);
    if (!('held' in lock)) throw new Error('expected the lock');
    const token = lock.held.token;
    await dispatch('workspace:write-file', { handle, token, path: 'config/a.json', bytes: new TextEncoder().encode('{}') }, ours, ctx);
    expect(await dispatch('workspace:list-files', { handle, dir: 'config' }, ours, ctx)).toEqual(['a.json']);
    expect(await dispatch('workspace:read-file', { handle, path: 'config/a.json' }, ours, ctx)).toEqual(new TextEncoder().encode('{}'));
    expect(await dispatch('workspace:append-file', { handle, token, path: 'audit.jsonl', bytes: new Uint8Array([10]) }, ours, ctx)).toEqual({ ok: true });
    await expect(dispatch('workspace:write-file', { handle, token, path: 'audit.jsonl', bytes: new Uint8Array([10]) }, ours, ctx)).rejects.toThrow(/append-only/);
    expect(await dispatch('workspace:unlock', { handle, token }, ours, ctx)).toEqual({ ok: true });
    await expect(dispatch('workspace:write-file', { handle, token, path: 'config/a.json', bytes: new Uint8Array([10]) }, ours, ctx)).rejects.toThrow(/lock is not held/);
    expect((await dispatch('workspace:recent', {}, ours, ctx)).map((r) => r.handle)).toEqual([handle]);
  });

  it('rejects and logs a call from another window, a subframe or a foreign page, before any handler runs', async () => {
    for (const sender of [
      { ...ours, webContentsId: 99 },
      { ...ours, isMainFrame: false },
      { ...ours, frameUrl: 'https://example.org/' },
    ]) {
      await expect(dispatch('app:info', {}, sender, ctx)).rejects.toBeInstanceOf(IpcRejection);
    }
    expect(logs).toHaveLength(3);
    expect(logs.every((l) => l.startsWith('app:info refused:'))).toBe(true);
  });

  it('rejects invalid requests with the field and reason, never echoing the values', async () => {
    const cases: [Channel, unknown, RegExp][] = [
      ['workspace:read-file', { handle: 'h', path: '../../etc/passwd' }, /path: must be a relative path inside the workspace/],
      ['workspace:write-file', { handle: 'h', token: 't', path: 'a.json', bytes: 'not bytes' }, /bytes:/],
      ['workspace:list-files', { handle: 'h' }, /dir:/],
      ['dialog:open-files', { title: 'x', filters: [{ name: 'bad', extensions: ['c sv'] }], multiple: true }, /filters\.0\.extensions\.0/],
      ['app:info', undefined, /\(request\)/],
      ['workspace:create', { name: '' }, /name:/],
    ];
    for (const [channel, request, message] of cases) {
      const error = await dispatch(channel, request, ours, ctx).catch((e: Error) => e);
      expect(error, channel).toBeInstanceOf(IpcRejection);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(`${channel} refused: invalid request`);
      expect((error as Error).message).not.toContain('etc/passwd');
    }
    expect(logs).toHaveLength(cases.length);
  });

  it('rejects unknown channels', async () => {
    await expect(dispatch('shell:exec' as Channel, {}, ours, ctx)).rejects.toThrow(/unknown channel/);
  });

  it('refuses file access through handles that were never issued', async () => {
    await expect(dispatch('workspace:read-file', { handle: 'forged', path: 'workspace.json' }, ours, ctx)).rejects.toThrow(/unknown workspace handle/);
    expect(logs.join('\n')).toMatch(/workspace:read-file failed: unknown workspace handle/);
  });

  it('passes a handler error on by its message, and stops a reply outside the contract', async () => {
    const broken = { ...ctx, handlers: { ...ctx.handlers, 'app:info': async () => ({ name: 'x' }) } as unknown as Host };
    await expect(dispatch('app:info', {}, ours, broken)).rejects.toThrow('app:info: the host produced an invalid reply');
    expect(logs.join('\n')).toMatch(/reply outside the contract/);
  });

  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(ctx.handlers).filter((k) => k !== 'releaseLocks').sort()).toEqual(Object.keys(channels).sort());
  });
});
