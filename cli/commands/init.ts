import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Workspace } from '../../shared/workspace/Workspace';
import { actor, RefusedError, UsageError, workspaceStores } from '../context';
import type { CliCommand } from '../command';

/** `sigwb init <dir> [--name <name>]`: creates an empty workspace in a new or empty folder. */
export const initCommand: CliCommand = {
  name: 'init',
  usage: 'sigwb init <dir> [--name <workspace name>]',
  summary: 'Create an empty workspace in a new or empty folder.',
  options: { name: { type: 'string' } },
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('name the folder to create the workspace in');
    if (positionals.length > 1) throw new UsageError(`init takes one folder, not ${positionals.length} (quote a path that holds spaces)`);
    const store = workspaceStores.open(positionals[0]);
    if (existsSync(store.location) && !statSync(store.location).isDirectory()) throw new RefusedError(`${store.location} is a file; choose a new or empty folder for the workspace`);
    const existing = await store.list('');
    if (existing.includes('workspace.json')) throw new RefusedError(`${store.location} already holds a workspace`);
    if (existing.length > 0) throw new RefusedError(`${store.location} is not empty; choose a new or empty folder for the workspace`);
    const name = typeof values.name === 'string' ? values.name : path.basename(store.location);
    const ws = await Workspace.create(store, name, actor(), { lock: await store.lock({ command: 'init', user: actor().user }) });
    await ws.close();
    io.out(`Created workspace "${ws.manifest.name}" in ${store.location}\n`);
  },
};
