/**
 * The host contract implemented over the services: one function per channel, with everything that needs
 * Electron (dialogs, printing) injected. electron/ipc.ts registers these behind the IPC guard; the tests
 * call them directly.
 */
import type { AppInfo, Host } from '../../shared/host/contract';
import type { Actor } from '../../shared/workspace/Workspace';
import type { Dialogs } from './dialogs';
import { openFiles, saveFile } from './file-dialogs';
import { createWorkspace, openWorkspace } from '../workspace/workspace-lifecycle';
import { WorkspaceFiles } from '../workspace/workspace-files';
import type { WorkspaceRegistry } from '../workspace/workspace-registry';
import { sharingHandlers } from '../sharing/host-sharing';

export interface HostDeps {
  registry: WorkspaceRegistry;
  dialogs: Dialogs;
  appInfo: () => AppInfo;
  actor: () => Actor;
  /** Renders self-contained HTML to PDF bytes (electron/print-pdf.ts). */
  printToPdf: (html: string) => Promise<Uint8Array>;
}

export function createHostHandlers(deps: HostDeps): Host {
  const files = new WorkspaceFiles(deps.registry);
  const ok = { ok: true as const };
  return {
    'app:info': async () => deps.appInfo(),
    'workspace:create': (r) => createWorkspace(deps, r.name),
    'workspace:open': (r) => openWorkspace(deps, r.handle),
    'workspace:recent': () => deps.registry.recent(),
    'workspace:list-files': (r) => files.list(r.handle, r.dir),
    'workspace:read-file': (r) => files.read(r.handle, r.path),
    'workspace:write-file': async (r) => (await files.write(r.handle, r.path, r.bytes), ok),
    'workspace:append-file': async (r) => (await files.append(r.handle, r.path, r.bytes), ok),
    'dialog:open-files': (r) => openFiles(deps.dialogs, r),
    'dialog:save-file': (r) => saveFile(deps.dialogs, r),
    'export:print-pdf': (r) => deps.printToPdf(r.html),
    ...sharingHandlers(),
  };
}
