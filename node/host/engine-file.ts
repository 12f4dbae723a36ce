/**
 * The desktop host's side of the app's engine file (shared/db/workspace-engine-cache.ts): its bytes as they are on
 * disk, and a refresh that rebuilds it with native DuckDB (node/db/workspace-engine-file.ts) from the workspace's own
 * manifest and batches, read without the lock and without recovery (a reader). Refreshes of one workspace run one
 * after the other; a refresh that fails costs the next open its speed, never its data.
 */
import path from 'node:path';
import type { Host } from '../../shared/host/contract';
import { ENGINE } from '../../shared/db/engine-cache';
import { Workspace, type Actor } from '../../shared/workspace/Workspace';
import { NodeFileStore } from '../files/node-file-store';

/** The engine-file channels, for the workspace folders `folderOf` resolves from handles. */
export function engineFileHandlers(folderOf: (handle: string) => string, actor: () => Actor): Pick<Host, 'workspace:engine-file' | 'workspace:engine-refresh'> {
  const running = new Map<string, Promise<{ built: boolean }>>();
  return {
    'workspace:engine-file': async ({ handle }) => new NodeFileStore(folderOf(handle)).read(ENGINE.workspaceFile),
    'workspace:engine-refresh': async ({ handle }) => {
      const root = path.resolve(folderOf(handle));
      const before = running.get(root) ?? Promise.resolve({ built: false });
      const next = before.catch(() => undefined).then(async () => {
        // Loaded only here: the main process starts without the native engine, and a refresh is never on the way of an open.
        const { refreshWorkspaceEngineFile } = await import('../db/workspace-engine-file');
        const ws = await Workspace.open(new NodeFileStore(root), actor(), { recover: false });
        return { built: (await refreshWorkspaceEngineFile(root, ws)) === 'built' };
      });
      running.set(root, next);
      try {
        return await next;
      } finally {
        if (running.get(root) === next) running.delete(root);
      }
    },
  };
}
