/**
 * Electron glue for the window's security settings; the decisions themselves (which URLs, which schemes)
 * are plain functions in node/host/app-protocol.ts.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAllowedRequestUrl, isAppUrl } from '../node/host/app-protocol';

/**
 * The web preferences of every window the workbench opens: the renderer is a sandboxed web page with no
 * Node.js, isolated from its preload, with the same-origin policy on and no <webview>.
 */
export const lockedWebPreferences: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

/**
 * Denies every permission request and check (camera, notifications, clipboard-read, geolocation …) and
 * every device chooser, cancels every request whose URL `allowRequest` refuses (by default anything but
 * app://workbench, devtools:, blob: and data:, so nothing leaves the machine), and cancels downloads (exports
 * go through the save dialog).
 */
export function lockSession(ses: Session, log: (message: string) => void, allowRequest: (url: string) => boolean = isAllowedRequestUrl): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`permission "${permission}" denied`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = allowRequest(details.url);
    if (!allowed) log(`request blocked: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.on('will-download', (event, item) => {
    log(`download blocked: ${item.getURL().slice(0, 200)}`);
    event.preventDefault();
  });
}

/**
 * Keeps a window's pages on the app: navigation and redirects (main frame and subframes) anywhere that
 * `allowPage` refuses are cancelled, new windows are denied and <webview> attachment is refused.
 */
export function lockWebContents(contents: WebContents, log: (message: string) => void, allowPage: (url: string) => boolean = isAppUrl): void {
  const guard = (event: { preventDefault(): void }, url: string, what: string) => {
    if (allowPage(url)) return;
    log(`${what} blocked: ${url.slice(0, 200)}`);
    event.preventDefault();
  };
  contents.on('will-navigate', (details) => guard(details, details.url, 'navigation'));
  contents.on('will-frame-navigate', (details) => guard(details, details.url, 'frame navigation'));
  contents.on('will-redirect', (details) => guard(details, details.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    log('webview blocked');
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`window.open blocked: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
