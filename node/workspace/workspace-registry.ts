/**
 * Which workspace folders the window may touch. The renderer never sees or sends a folder path for file
 * access: it holds opaque handles that this registry issued for folders the user chose in a dialog (or
 * created), and for entries of the recent list. A recent entry's handle only lets workspace:open open it;
 * file access needs the handle of a workspace opened in this session. Unknown handles are refused.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { WorkspaceRef } from '../../shared/host/contract';
import { layout } from '../../shared/workspace/paths';
import { loadRecent, saveRecent, withRecent, type RecentFile } from './recent-workspaces';

export class UnknownHandleError extends Error {
  override name = 'UnknownHandleError';
}

interface Entry {
  folder: string;
  name: string;
  /** Opened (or created) in this session: its files may be read and written. */
  open: boolean;
}

export interface RegistryOptions {
  /** The recent-workspaces.json file in the user-data folder. */
  recentFile: string;
  log?: (message: string) => void;
  newHandle?: () => string;
  now?: () => Date;
}

export class WorkspaceRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly handleOfFolder = new Map<string, string>();
  private recentList: Promise<RecentFile> | null = null;
  /** Saves run one after another, so that two quick opens cannot lose an entry. */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: RegistryOptions) {}

  /** Records a folder the user chose or created as open in this window, and puts it first in the recent list. */
  async opened(folder: string, name: string): Promise<WorkspaceRef> {
    const resolved = path.resolve(folder);
    const handle = this.handleFor(resolved, name, true);
    const at = (this.options.now ?? (() => new Date()))().toISOString();
    const update = this.saving.then(async () => {
      const next = withRecent(await this.loadRecent(), { path: resolved, name, opened_at: at });
      this.recentList = Promise.resolve(next);
      await saveRecent(this.options.recentFile, next);
    });
    // A failed save costs only the recent list; the workspace itself is open and usable.
    this.saving = update.catch((e: Error) => this.options.log?.(`could not save the recent workspaces: ${e.message}`));
    await this.saving;
    return { handle, name, location: resolved };
  }

  /** The recent workspaces whose folder still holds a manifest, most recent first, each with a handle. */
  async recent(): Promise<WorkspaceRef[]> {
    const list = await this.loadRecent();
    const refs: WorkspaceRef[] = [];
    for (const w of list.workspaces) {
      if (!(await exists(path.join(w.path, layout.manifest)))) continue;
      const handle = this.handleFor(w.path, w.name, false);
      refs.push({ handle, name: w.name, location: w.path });
    }
    return refs;
  }

  /** The folder of a handle this registry issued (open or only listed as recent), for workspace:open. */
  folderOf(handle: string): string {
    const entry = this.entries.get(handle);
    if (!entry) throw new UnknownHandleError('unknown workspace handle; open the workspace again');
    return entry.folder;
  }

  /** The folder of a workspace opened in this session, for file access; refuses every other handle. */
  openFolder(handle: string): string {
    const entry = this.entries.get(handle);
    if (!entry?.open) throw new UnknownHandleError('unknown workspace handle; open the workspace again');
    return entry.folder;
  }

  private handleFor(folder: string, name: string, open: boolean): string {
    const existing = this.handleOfFolder.get(folder);
    if (existing) {
      const entry = this.entries.get(existing)!;
      entry.name = name;
      entry.open ||= open;
      return existing;
    }
    const handle = (this.options.newHandle ?? randomUUID)();
    this.entries.set(handle, { folder, name, open });
    this.handleOfFolder.set(folder, handle);
    return handle;
  }

  private loadRecent(): Promise<RecentFile> {
    this.recentList ??= loadRecent(this.options.recentFile).then(({ recent, problem }) => {
      if (problem) this.options.log?.(`recent workspaces ignored: ${problem}`);
      return recent;
    });
    return this.recentList;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
