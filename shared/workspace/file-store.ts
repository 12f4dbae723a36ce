/**
 * The storage a workspace lives in. Three implementations share this contract: the Node file system
 * (node/files/node-file-store.ts, for the Electron main process and the CLI), the Electron
 * renderer's IPC proxy to it, and the browser's origin-private file system.
 */
export interface FileStore {
  /** Human-readable location, for messages. */
  readonly location: string;
  /** The file's bytes, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Replaces the file as one step: a crash leaves either the old or the new content, never a mix. */
  writeAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /** Appends and flushes to stable storage (the audit log). */
  append(path: string, bytes: Uint8Array): Promise<void>;
  /** File names directly inside a folder ('' for the root); [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
}
