import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../shared/host/contract';
import { CONTENT_SECURITY_POLICY } from '../../../node/host/app-protocol';

// electron/main.ts is glue; this runs it against a recording stand-in for Electron, since the real binary
// is not available everywhere the tests run.
type Listener = (...args: unknown[]) => unknown;

function fakeElectron(options: { gotLock: boolean }) {
  const calls: string[] = [];
  const appEvents: Record<string, Listener> = {};
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, Listener>();
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (ready = resolve));

  const fakeSession = () => ({
    setPermissionRequestHandler: () => calls.push('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => calls.push('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: () => calls.push('session.setDevicePermissionHandler'),
    webRequest: { onBeforeRequest: () => calls.push('session.webRequest.onBeforeRequest') },
    on: (event: string) => calls.push(`session.on:${event}`),
    protocol: { handle: (scheme: string, f: Listener) => (calls.push(`protocol.handle:${scheme}`), protocolHandlers.set(scheme, f)) },
  });

  class FakeWindow {
    options: Record<string, unknown>;
    url = '';
    events: Record<string, Listener> = {};
    contentsEvents: Record<string, Listener> = {};
    focused = false;
    webContents = {
      id: 41,
      on: (event: string, f: Listener) => (this.contentsEvents[event] = f),
      setWindowOpenHandler: (f: Listener) => (this.contentsEvents.open = f),
      send: (...args: unknown[]) => calls.push(`send:${JSON.stringify(args)}`),
      isDestroyed: () => false,
    };
    constructor(o: Record<string, unknown>) {
      this.options = o;
      windows.push(this);
      calls.push('new BrowserWindow');
    }
    loadURL(url: string) {
      this.url = url;
      calls.push(`loadURL:${url}`);
      return Promise.resolve();
    }
    once(event: string, f: Listener) {
      this.events[event] = f;
    }
    on(event: string, f: Listener) {
      this.events[event] = f;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused = true;
    }
    show() {}
  }

  const electron = {
    app: {
      setPath: (name: string, p: string) => calls.push(`app.setPath:${name}:${p}`),
      enableSandbox: () => calls.push('app.enableSandbox'),
      requestSingleInstanceLock: () => (calls.push('app.requestSingleInstanceLock'), options.gotLock),
      quit: () => calls.push('app.quit'),
      exit: (code: number) => calls.push(`app.exit:${code}`),
      on: (event: string, f: Listener) => (appEvents[event] = f),
      whenReady: () => whenReady,
      isReady: () => true,
      getAppPath: () => '/opt/sigwb/resources/app.asar',
      getVersion: () => '0.1.0',
      getPath: () => '/home/analyst/.config/Signature Workbench',
      isPackaged: true,
    },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`protocol.registerSchemesAsPrivileged:${JSON.stringify(schemes)}`) },
    session: { defaultSession: fakeSession(), fromPartition: () => fakeSession() },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (t: unknown[]) => (calls.push(`Menu.buildFromTemplate:${t.length}`), t),
      setApplicationMenu: () => calls.push('Menu.setApplicationMenu'),
    },
    ipcMain: { handle: (channel: string, f: Listener) => ipcHandlers.set(channel, f) },
    dialog: {},
  };
  return { electron, calls, appEvents, windows, ipcHandlers, protocolHandlers, ready: () => ready() };
}

let fake: ReturnType<typeof fakeElectron>;
// Getters, so that each test's fresh stand-in is seen through the one mocked module.
vi.mock('electron', () => {
  const live: Record<string, unknown> = {};
  for (const name of ['app', 'protocol', 'session', 'BrowserWindow', 'Menu', 'ipcMain', 'dialog']) {
    Object.defineProperty(live, name, { enumerable: true, get: () => (fake.electron as Record<string, unknown>)[name] });
  }
  return live;
});

async function runMain(gotLock = true) {
  fake = fakeElectron({ gotLock });
  vi.resetModules();
  await import('../../../electron/main');
  return fake;
}

describe('electron/main.ts', () => {
  beforeEach(() => {
    delete process.env.SIGWB_USER_DATA_DIR;
  });

  it('sandboxes every renderer and registers app:// as privileged before ready, then takes the single-instance lock', async () => {
    const { calls } = await runMain();
    expect(calls[0]).toBe('app.enableSandbox');
    const register = calls.findIndex((c) => c.startsWith('protocol.registerSchemesAsPrivileged'));
    expect(register).toBe(1);
    expect(JSON.parse(calls[1].split(':').slice(1).join(':'))).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
    ]);
    expect(calls).toContain('app.requestSingleInstanceLock');
    expect(calls).not.toContain('new BrowserWindow');
  });

  it('quits at once when another instance holds the lock', async () => {
    const { calls, appEvents } = await runMain(false);
    expect(calls).toContain('app.quit');
    expect(appEvents['second-instance']).toBeUndefined();
  });

  it('on ready: locks the session, serves app://, registers every channel, sets the menu and opens one locked window', async () => {
    const f = await runMain();
    f.ready();
    await vi.waitFor(() => expect(f.windows).toHaveLength(1));
    for (const c of ['session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.webRequest.onBeforeRequest', 'session.on:will-download', 'protocol.handle:app', 'Menu.setApplicationMenu']) {
      expect(f.calls).toContain(c);
    }
    expect(f.calls.indexOf('protocol.handle:app')).toBeLessThan(f.calls.indexOf('new BrowserWindow'));
    expect([...f.ipcHandlers.keys()].sort()).toEqual(Object.keys(channels).sort());
    const win = f.windows[0];
    expect(win.url).toBe('app://workbench/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect(Object.keys(win.contentsEvents)).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview', 'open']));
  });

  it('serves dist/ from inside the app folder with the CSP', async () => {
    const f = await runMain();
    f.ready();
    await vi.waitFor(() => expect(f.protocolHandlers.has('app')).toBe(true));
    const res = (await f.protocolHandlers.get('app')!(new Request('app://workbench/missing.js'))) as Response;
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('focuses the existing window on a second start', async () => {
    const f = await runMain();
    f.ready();
    await vi.waitFor(() => expect(f.windows).toHaveLength(1));
    f.appEvents['second-instance']();
    expect(f.windows[0].focused).toBe(true);
    expect(f.windows).toHaveLength(1);
  });

  it('guards IPC against senders other than its window', async () => {
    const f = await runMain();
    f.ready();
    await vi.waitFor(() => expect(f.windows).toHaveLength(1));
    const call = f.ipcHandlers.get('app:info')!;
    const frame = { parent: null, url: 'app://workbench/index.html' };
    await expect(call({ sender: { id: 41 }, senderFrame: frame }, {})).resolves.toMatchObject({ host: 'electron', version: '0.1.0' });
    await expect(call({ sender: { id: 42 }, senderFrame: frame }, {})).rejects.toThrow(/not the workbench window/);
  });

  it('uses SIGWB_USER_DATA_DIR for the user-data folder (tests and second profiles)', async () => {
    process.env.SIGWB_USER_DATA_DIR = 'relative/profile';
    const { calls } = await runMain();
    expect(calls).toContain(`app.setPath:userData:${path.resolve('relative/profile')}`);
  });
});
