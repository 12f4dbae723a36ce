/**
 * The desktop host's handlers (node/host/host-handlers.ts) over a workspace folder, as Electron's main process builds
 * them, with dialogs that choose `workspaceDir` to open and nothing else: for tests of what the app asks of its host.
 */
import path from 'node:path';
import { createHostHandlers } from '../../node/host/host-handlers';
import { WorkspaceRegistry } from '../../node/workspace/workspace-registry';
import type { Host } from '../../shared/host/contract';
import type { Actor } from '../../shared/workspace/Workspace';

/** Handlers whose recent-workspaces file lives in `scratchDir`; `workspace:open` opens `workspaceDir`; `actor` acts. */
export function desktopHostFor(scratchDir: string, workspaceDir: string, actor: Actor): Host {
  return createHostHandlers({
    registry: new WorkspaceRegistry({ recentFile: path.join(scratchDir, 'recent.json') }),
    dialogs: { chooseNewWorkspaceFolder: async () => null, chooseWorkspaceFolder: async () => workspaceDir, chooseFiles: async () => [], chooseSavePath: async () => null },
    appInfo: () => ({ name: 'Signature Workbench', version: '0.1.0', host: 'electron', platform: 'linux-x64', user: 'ana' }),
    actor: () => actor,
    printToPdf: async () => new Uint8Array(),
  });
}
