import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { lockedWebPreferences, lockSession, lockWebContents } from '../../../electron/security';

type Listener = (...args: unknown[]) => void;

function fakeSession() {
  const h: Record<string, Listener> = {};
  const ses = {
    setPermissionRequestHandler: (f: Listener) => (h.request = f),
    setPermissionCheckHandler: (f: Listener) => (h.check = f),
    setDevicePermissionHandler: (f: Listener) => (h.device = f),
    webRequest: { onBeforeRequest: (f: Listener) => (h.beforeRequest = f) },
    on: (event: string, f: Listener) => (h[event] = f),
  };
  return { ses: ses as unknown as Session, h };
}

function fakeContents() {
  const h: Record<string, Listener> = {};
  const contents = {
    on: (event: string, f: Listener) => (h[event] = f),
    setWindowOpenHandler: (f: Listener) => (h.open = f),
  };
  return { contents: contents as unknown as WebContents, h };
}

const navEvent = (url: string) => {
  const e = { url, prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
};

describe('lockedWebPreferences', () => {
  it('isolates and sandboxes the renderer without Node.js or webviews', () => {
    expect(lockedWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('lockSession', () => {
  it('denies every permission request, check and device', () => {
    const { ses, h } = fakeSession();
    lockSession(ses, () => {});
    let granted: boolean | undefined;
    h.request(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(h.check(null, 'clipboard-read', 'app://workbench', {})).toBe(false);
    expect(h.device({})).toBe(false);
  });

  it('cancels requests that would leave the machine, and downloads', () => {
    const { ses, h } = fakeSession();
    const logs: string[] = [];
    lockSession(ses, (m) => logs.push(m));
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      h.beforeRequest({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://workbench/assets/duckdb-eh.wasm')).toBe(false);
    expect(decide('blob:app://workbench/abc')).toBe(false);
    expect(decide('https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    const download = navEvent('');
    h['will-download'](download, { getURL: () => 'data:text/csv,x' });
    expect(download.prevented).toBe(true);
    expect(logs.join('\n')).toMatch(/request blocked: https:\/\/cdn/);
  });
});

describe('lockWebContents', () => {
  it('blocks navigation, frame navigation and redirects away from the app, denies new windows and webviews', () => {
    const { contents, h } = fakeContents();
    lockWebContents(contents, () => {});
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navEvent('https://example.org/');
      h[event](away);
      expect(away.prevented, event).toBe(true);
      const inside = navEvent('app://workbench/index.html#/report');
      h[event](inside);
      expect(inside.prevented, event).toBe(false);
    }
    expect(h.open({ url: 'app://workbench/index.html' })).toEqual({ action: 'deny' });
    const webview = navEvent('');
    h['will-attach-webview'](webview);
    expect(webview.prevented).toBe(true);
  });
});
