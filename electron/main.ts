/**
 * The Electron main process: one locked-down window showing the renderer's build over app://workbench,
 * the host services behind validated IPC, and the application menu. Everything with logic lives in
 * node/ (the Node host) and ipc-guard.ts as plain Node modules; this file only wires Electron to them.
 */
import { app, BrowserWindow, Menu, protocol, session } from 'electron';
import path from 'node:path';
import { parseHostEvent, type MenuAction } from '../shared/host/events';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { printToPdf } from './print-pdf';
import { lockedWebPreferences, lockSession, lockWebContents } from './security';
import { actorFor, appInfo, PRODUCT_NAME } from '../node/host/app-info';
import { APP_INDEX_URL, APP_SCHEME, handleAppRequest } from '../node/host/app-protocol';
import { createHostHandlers } from '../node/host/host-handlers';
import { WorkspaceRegistry } from '../node/workspace/workspace-registry';

const log = (message: string) => console.error(`[sigwb] ${message}`);

// Tests and second profiles run with their own user-data folder (and so their own single-instance lock and
// recent list); it must be set before anything reads it.
if (process.env.SIGWB_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.SIGWB_USER_DATA_DIR));

// Every renderer this app creates is sandboxed, whatever its own webPreferences say.
app.enableSandbox();

// Privileges must be registered before "ready", in this one call (a second call replaces the first).
// standard + secure make app://workbench a secure origin with relative URLs, module scripts and workers;
// supportFetchAPI lets duckdb-wasm fetch its .wasm; stream serves large bodies; codeCache keeps V8's
// compile cache for the app's scripts. corsEnabled stays off: the app fetches only from its own origin,
// and off keeps app:// unreadable from any other origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...lockedWebPreferences, preload: path.join(__dirname, 'preload.cjs'), devTools: !app.isPackaged },
  });
  lockWebContents(win.webContents, log);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    releaseLocksWithPage();
  });
  win.webContents.on('render-process-gone', (_event, details) => (log(`renderer gone: ${details.reason}`), releaseLocksWithPage()));
  win.webContents.on('did-start-loading', () => releaseLocksWithPage());
  win.webContents.on('did-fail-load', (_event, code, description, url) => log(`could not load ${url}: ${description} (${code})`));
  void win.loadURL(APP_INDEX_URL);
  return win;
}

let releaseLocksWithPage: () => void = () => {};

function sendMenuAction(action: MenuAction): void {
  const contents = mainWindow?.webContents;
  if (!contents || contents.isDestroyed()) return;
  contents.send('menu:action', parseHostEvent('menu:action', { action }));
}

function start(): void {
  const distRoot = path.join(app.getAppPath(), 'dist');
  const facts = { version: app.getVersion() };
  const registry = new WorkspaceRegistry({ recentFile: path.join(app.getPath('userData'), 'recent-workspaces.json'), log });

  lockSession(session.defaultSession, log);
  session.defaultSession.protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, distRoot));

  const handlers = createHostHandlers({
    registry,
    dialogs: electronDialogs(() => mainWindow),
    appInfo: () => appInfo(facts),
    actor: () => actorFor(facts),
    printToPdf: (html) => printToPdf(html, log),
  });
  registerIpc(handlers, () => mainWindow?.webContents.id ?? null, log);
  // A workspace lock the renderer held dies with its page (a reload, a crash, the window closed), as a process's would.
  releaseLocksWithPage = () => void handlers.releaseLocks().catch((e: Error) => log(`could not release a workspace lock: ${e.message}`));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged, productName: PRODUCT_NAME, send: sendMenuAction })),
  );
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Any other web contents (DevTools, a window something managed to create) gets no new windows or webviews.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) mainWindow = createWindow();
  });
  app.whenReady().then(start).catch((e: Error) => {
    log(`could not start: ${e.message}`);
    app.exit(1);
  });
}
