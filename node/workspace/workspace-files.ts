/**
 * File access inside an open workspace, by handle: the registry turns the handle into the folder (refusing
 * unknown ones) and NodeFileStore checks every relative path and writes atomically. This is what the
 * renderer's Workspace runs on in Electron, through the workspace:* file channels.
 */
import { NodeFileStore } from '../files/node-file-store';
import type { WorkspaceRegistry } from './workspace-registry';

export class WorkspaceFiles {
  constructor(private readonly registry: WorkspaceRegistry) {}

  private store(handle: string): NodeFileStore {
    return new NodeFileStore(this.registry.openFolder(handle));
  }

  /** File names directly inside `dir` ('' for the workspace folder); [] when it does not exist. */
  async list(handle: string, dir: string): Promise<string[]> {
    return this.store(handle).list(dir);
  }

  /** The file's bytes, or null when it does not exist. */
  async read(handle: string, file: string): Promise<Uint8Array | null> {
    return this.store(handle).read(file);
  }

  /** Replaces the file atomically. */
  async write(handle: string, file: string, bytes: Uint8Array): Promise<void> {
    return this.store(handle).writeAtomic(file, bytes);
  }

  /** Appends and flushes (the audit log). */
  async append(handle: string, file: string, bytes: Uint8Array): Promise<void> {
    return this.store(handle).append(file, bytes);
  }
}
