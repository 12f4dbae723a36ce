/**
 * The workspace lock: one writer at a time. A writer (a sigwb command that changes the workspace, or one save in
 * the app) holds `workspace.lock`, a small JSON file naming the host, the process, the command, the analyst and the
 * start time; a second writer is refused with "the workspace is busy: <command> by <who> since <time>" (or waits
 * for it, `--wait`). Readers never take it. A lock whose process is gone is stale and is taken over: on this host
 * when its process no longer exists, from another host (a shared folder) when it is older than
 * LOCK_DEFAULTS.otherHostStaleAfterMs. The hosts implement it (node/files/workspace-lock.ts with an exclusive
 * create and an atomic takeover; the browser host with Web Locks); this file holds what they share.
 */
import { z } from 'zod';
import { defineFormat } from './define-format';

/** The lock's settings. */
export const LOCK_DEFAULTS = {
  /**
   * A lock written on another host (where its process cannot be asked) counts as stale after this long, in ms:
   * 12 hours, longer than any command at the scales the workbench is built for (docs/ARCHITECTURE.md).
   */
  otherHostStaleAfterMs: 12 * 60 * 60 * 1000,
  /** How often a waiting writer (--wait) looks again, in ms. */
  pollMs: 200,
  /** A takeover guard (workspace.lock.takeover) lives for milliseconds; one older than this, in ms, was left by a crash. */
  takeoverGuardStaleMs: 30_000,
} as const;

/** Who wants the lock: the command (or the app's action) and the analyst. */
export interface LockOwner {
  command: string;
  user: string;
}

export class WorkspaceLockError extends Error {
  override name = 'WorkspaceLockError';
}

export const LockInfoV1 = z.object({
  format: z.literal('signature-workbench/workspace-lock'),
  schema_version: z.literal(1),
  /** Random, so that a holder can tell its own lock from one that replaced it. */
  token: z.string().min(8).max(100),
  /** The machine (os.hostname(); "browser" for the web host's tabs). */
  host: z.string().max(300),
  /** The process id on that host; null where there is none to ask (a browser tab). */
  pid: z.number().int().positive().nullable(),
  command: z.string().max(200),
  user: z.string().max(300),
  started_at: z.string(),
});
export type LockInfo = z.infer<typeof LockInfoV1>;

export const lockFormat = defineFormat({
  format: 'signature-workbench/workspace-lock',
  version: 1,
  migrations: {},
  schema: LockInfoV1,
  defaults: {},
  what: 'a workspace lock',
  error: WorkspaceLockError,
});

/** A second writer's refusal: names who holds the workspace and since when. */
export class WorkspaceBusyError extends Error {
  override name = 'WorkspaceBusyError';
  constructor(readonly holder: LockInfo, hint = 'try again when it has finished, or add --wait') {
    super(`the workspace is busy: ${describeHolder(holder)}; ${hint}`);
  }
}

/** "import by ana (process 4242 on lab-ws-07) since 2026-11-25 14:03:07 UTC". */
export function describeHolder(h: LockInfo): string {
  const where = h.pid === null ? h.host : `process ${h.pid} on ${h.host}`;
  return `${h.command} by ${h.user} (${where}) since ${h.started_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`;
}

/**
 * Whether a lock is stale: on this host when its process is gone, from another host when older than
 * `otherHostStaleAfterMs`. `alive(pid)` asks this host's process table.
 */
export function isStale(h: LockInfo, here: { host: string; now: Date; alive: (pid: number) => boolean }, settings: { otherHostStaleAfterMs: number } = LOCK_DEFAULTS): boolean {
  if (h.host === here.host && h.pid !== null) return !here.alive(h.pid);
  const started = Date.parse(h.started_at);
  return !Number.isFinite(started) || here.now.getTime() - started > settings.otherHostStaleAfterMs;
}
