/** A workspace's FileStore over the host contract: the same calls in the desktop app and in web mode. */
import type { Host, WorkspaceRef } from '../../shared/host/contract';
import type { FileStore } from '../../shared/workspace/file-store';

export class HostFileStore implements FileStore {
  readonly location: string;

  constructor(private readonly host: Host, private readonly ref: WorkspaceRef) {
    this.location = ref.location;
  }

  read(path: string) {
    return this.host['workspace:read-file']({ handle: this.ref.handle, path });
  }

  async writeAtomic(path: string, bytes: Uint8Array) {
    await this.host['workspace:write-file']({ handle: this.ref.handle, path, bytes });
  }

  async append(path: string, bytes: Uint8Array) {
    await this.host['workspace:append-file']({ handle: this.ref.handle, path, bytes });
  }

  list(dir: string) {
    return this.host['workspace:list-files']({ handle: this.ref.handle, dir });
  }
}
