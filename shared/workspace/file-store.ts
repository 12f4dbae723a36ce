/**
 * The storage a workspace lives in. Three implementations share this contract: the Node file system
 * (node/files/node-file-store.ts, for the Electron main process and the CLI), the renderer's proxy over the host
 * contract (renderer/host/host-file-store.ts), and behind it the browser's origin-private file system.
 * Paths are workspace-relative (shared/workspace/paths.ts). What is written when, and how a crash is recovered,
 * is shared/workspace/commit.ts and recovery.ts; this is only the storage.
 */
import type { LockOwner, LockInfo } from './lock';

/** The workspace lock while it is held (shared/workspace/lock.ts): one writer at a time. */
export interface HeldLock {
  readonly info: LockInfo;
  /** True while the lock file still names this holder (false after a takeover by someone who judged it stale). */
  stillHeld(): Promise<boolean>;
  /** Gives the lock up; a second call does nothing. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** Wait for the holder to finish instead of refusing (the CLI's --wait); called once when the wait starts. */
  wait?: boolean;
  onWait?: (holder: LockInfo) => void;
  /** Stops a wait (cancel). */
  signal?: AbortSignal;
}

export interface FileStore {
  /** Human-readable location, for messages. */
  readonly location: string;
  /** The file's bytes, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Replaces the file as one step: a crash leaves either the old or the new content, never a mix. */
  writeAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /** Appends and flushes to stable storage (the audit log; a host refuses any other file). */
  append(path: string, bytes: Uint8Array): Promise<void>;
  /** File names directly inside a folder ('' for the root), hidden ones left out; [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
  /** Every name directly inside a folder, hidden and temporary files included, folders ending in '/'. */
  entries(dir: string): Promise<string[]>;
  /** Deletes a file; nothing when it is absent. Hosts refuse it for the manifest and the audit log. */
  remove(path: string): Promise<void>;
  /** Moves a file inside the workspace; refuses to replace an existing target. */
  move(from: string, to: string): Promise<void>;
  /** Takes the workspace lock, or throws WorkspaceBusyError naming the holder (waits instead with `wait`). */
  lock(owner: LockOwner, options?: LockOptions): Promise<HeldLock>;
  /** Who holds the lock now (null when nobody does), for messages and `sigwb check`; never blocks. */
  lockHolder(): Promise<LockInfo | null>;
}
