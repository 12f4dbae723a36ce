/**
 * The host in web mode (`npm run web`): workspaces live in the origin-private file system under
 * workspaces/<handle>/, in the same layout as the desktop app's folders; dialogs are the browser's file
 * picker and downloads. Replies are checked against the same contract as the desktop host's.
 */
import { parseReply, parseRequest, type Channel, type Host, type HostReply, type HostRequest, type WorkspaceRef } from '../../shared/host/contract';
import { HostWorkspaceFiles } from '../../shared/host/host-workspace-files';
import { fromUtf8 } from '../../shared/util/text';
import { Workspace } from '../../shared/workspace/Workspace';
import { browserLabKey, browserSign } from './browser-lab-key';
import { opfsDirectories, opfsRead, opfsRoot } from './opfs';
import { OpfsStore } from './opfs-store';
import { storedAnalystName } from '../state/preferences';

const WORKSPACES = 'workspaces';

async function workspacesDir(): Promise<FileSystemDirectoryHandle> {
  return (await opfsRoot()).getDirectoryHandle(WORKSPACES, { create: true });
}

async function workspaceDir(handle: string): Promise<FileSystemDirectoryHandle> {
  if (!/^[a-z0-9-]{1,80}$/.test(handle)) throw new Error(`unknown workspace "${handle}"`);
  try {
    return await (await workspacesDir()).getDirectoryHandle(handle);
  } catch {
    throw new Error(`unknown workspace "${handle}"`);
  }
}

async function describe(handle: string): Promise<WorkspaceRef | null> {
  const bytes = await opfsRead(await workspaceDir(handle), 'workspace.json');
  if (!bytes) return null;
  try {
    const name = (JSON.parse(fromUtf8(bytes)) as { name?: unknown }).name;
    return { handle, name: typeof name === 'string' ? name : handle, location: `browser storage (${handle})` };
  } catch {
    return { handle, name: handle, location: `browser storage (${handle})` };
  }
}

/** Who writes: the analyst's name given on the Welcome screen ('analyst' until one is given). */
const browserUser = (): string => storedAnalystName() ?? 'analyst';

/** A workspace's files as a store; the Web Lock's name is per workspace and per origin. */
const stores = new Map<string, OpfsStore>();
async function storeOf(handle: string): Promise<OpfsStore> {
  let store = stores.get(handle);
  if (store === undefined) {
    store = new OpfsStore(await workspaceDir(handle), `browser storage (${handle})`, `sigwb-workspace:${handle}`);
    stores.set(handle, store);
  }
  return store;
}

// The write rules and the lock of the host contract (shared/host/host-workspace-files.ts), as on the desktop.
const files = new HostWorkspaceFiles(storeOf, browserUser);

function slug(name: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workspace';
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

function pickFiles(request: HostRequest<'dialog:open-files'>): Promise<HostReply<'dialog:open-files'>> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = request.multiple;
    input.accept = request.filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      resolve(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.append(input);
    input.click();
  });
}

function download(request: HostRequest<'dialog:save-file'>): HostReply<'dialog:save-file'> {
  const url = URL.createObjectURL(new Blob([request.bytes as Uint8Array<ArrayBuffer>]));
  const a = document.createElement('a');
  a.href = url;
  a.download = request.suggestedName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true, location: `Downloads/${request.suggestedName}` };
}

const handlers: { [C in Channel]: (request: HostRequest<C>) => Promise<HostReply<C>> } = {
  'app:info': async () => ({ name: 'Signature Workbench', version: __APP_VERSION__, host: 'browser', platform: navigator.platform || 'browser', user: '' }),
  'workspace:create': async ({ name }) => {
    const handle = slug(name ?? 'workspace');
    await (await workspacesDir()).getDirectoryHandle(handle, { create: true });
    // The host creates the workspace, as the desktop host does; the window then opens it.
    await Workspace.create(await storeOf(handle), name ?? handle, { user: browserUser(), appVersion: __APP_VERSION__ });
    return { handle, name: name ?? handle, location: `browser storage (${handle})` };
  },
  'workspace:open': async ({ handle }) => (handle ? describe(handle) : null),
  'workspace:recent': async () => {
    const refs = await Promise.all((await opfsDirectories(await workspacesDir())).map(describe));
    return refs.filter((r): r is WorkspaceRef => r !== null);
  },
  ...files.handlers(),
  // No engine file in the browser: duckdb-wasm cannot hand back a database file it wrote (docs/LINKING.md).
  'workspace:engine-file': async () => null,
  'workspace:engine-refresh': async () => ({ built: false }),
  'dialog:open-files': pickFiles,
  'dialog:save-file': async (request) => download(request),
  'export:print-pdf': async () => {
    throw new Error('PDF export needs the desktop app or the CLI (sigwb report --out file.pdf); in the browser, open the HTML report and print it.');
  },
  'sharing:lab-key': async ({ lab }) => browserLabKey(lab),
  'sharing:sign': async ({ bytes }) => browserSign(bytes),
};

export function browserHost(): Host {
  const host = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(handlers) as Channel[]) {
    const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
    host[channel] = async (request) => parseReply(channel, await handler(parseRequest(channel, request)));
  }
  return host as unknown as Host;
}
