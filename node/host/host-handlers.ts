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
import { HostWorkspaceFiles } from '../../shared/host/host-workspace-files';
import { NodeFileStore } from '../files/node-file-store';
import type { WorkspaceRegistry } from '../workspace/workspace-registry';
import { sharingHandlers } from '../sharing/host-sharing';
import { engineFileHandlers } from './engine-file';

export interface HostDeps {
  registry: WorkspaceRegistry;
  dialogs: Dialogs;
  appInfo: () => AppInfo;
  actor: () => Actor;
  /** Renders self-contained HTML to PDF bytes (electron/print-pdf.ts). */
  printToPdf: (html: string) => Promise<Uint8Array>;
}

/** The handlers, and the workspace files' side (to release the renderer's locks when its window goes). */
export function createHostHandlers(deps: HostDeps): Host & { releaseLocks(): Promise<void> } {
  // Files by handle: the registry turns a handle into its folder (refusing unknown ones), NodeFileStore checks every
  // relative path; the write rules and the lock are the host contract's (shared/host/host-workspace-files.ts).
  const files = new HostWorkspaceFiles((handle) => new NodeFileStore(deps.registry.openFolder(handle)), () => deps.actor().user);
  return {
    releaseLocks: () => files.releaseAll(),
    'app:info': async () => deps.appInfo(),
    'workspace:create': (r) => createWorkspace(deps, r.name),
    'workspace:open': (r) => openWorkspace(deps, r.handle),
    'workspace:recent': () => deps.registry.recent(),
    ...files.handlers(),
    ...engineFileHandlers((handle) => deps.registry.openFolder(handle), deps.actor),
    'dialog:open-files': (r) => openFiles(deps.dialogs, r),
    'dialog:save-file': (r) => saveFile(deps.dialogs, r),
    'export:print-pdf': (r) => deps.printToPdf(r.html),
    ...sharingHandlers(),
  };
}
