/**
 * Creating and opening workspaces on the desktop: the user chooses the folder in a dialog (or picks a recent
 * entry), the folder is checked, and the registry issues the handle the renderer uses from then on.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkspaceRef } from '../../shared/host/contract';
import { Workspace, type Actor } from '../../shared/workspace/Workspace';
import { layout } from '../../shared/workspace/paths';
import type { Dialogs } from '../host/dialogs';
import { NodeFileStore } from '../files/node-file-store';
import type { WorkspaceRegistry } from './workspace-registry';

export interface LifecycleDeps {
  registry: WorkspaceRegistry;
  dialogs: Pick<Dialogs, 'chooseNewWorkspaceFolder' | 'chooseWorkspaceFolder'>;
  actor: () => Actor;
}

/** Files that operating systems drop into folders and that do not make a folder "not empty". */
const systemFiles = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized']);

/**
 * Creates a workspace in a folder the user chooses, which must be new or empty; the name defaults to the
 * folder's name. Null when the user cancels.
 */
export async function createWorkspace(deps: LifecycleDeps, name?: string): Promise<WorkspaceRef | null> {
  const folder = await deps.dialogs.chooseNewWorkspaceFolder();
  if (!folder) return null;
  const resolved = path.resolve(folder);
  const entries = await readdirOrEmpty(resolved);
  if (entries.includes(layout.manifest)) throw new Error(`${resolved} already holds a workspace; open it instead`);
  if (entries.some((e) => !systemFiles.has(e))) throw new Error(`${resolved} is not empty; choose a new or empty folder for the workspace`);
  await fs.mkdir(resolved, { recursive: true });
  const ws = await Workspace.create(new NodeFileStore(resolved), name ?? path.basename(resolved), deps.actor());
  return deps.registry.opened(resolved, ws.manifest.name);
}

/**
 * Opens a workspace: the recent entry or open workspace that `handle` names, else a folder the user chooses.
 * The manifest is read (and migrated) first, so that a folder without a readable workspace is refused
 * with the reason. Null when the user cancels.
 */
export async function openWorkspace(deps: LifecycleDeps, handle?: string): Promise<WorkspaceRef | null> {
  const folder = handle ? deps.registry.folderOf(handle) : await deps.dialogs.chooseWorkspaceFolder();
  if (!folder) return null;
  const resolved = path.resolve(folder);
  const ws = await Workspace.open(new NodeFileStore(resolved), deps.actor());
  return deps.registry.opened(resolved, ws.manifest.name);
}

async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await fs.readdir(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
