/**
 * The workspace lock on a file system (shared/workspace/lock.ts says what it promises). Taking it is one atomic
 * step: the lock's whole content is written to a temporary file and hard-linked to `workspace.lock`, which fails
 * when the lock exists, so no one ever reads half a lock. A stale lock (its process gone on this host; older than
 * the bound from another host) is taken over under a guard, `workspace.lock.takeover`, itself created by the same
 * exclusive link: the guard's holder reads the lock again and replaces it (rename over it, atomic) only if it is
 * still the stale one it judged, so two writers that find the same stale lock never both get it. A guard left by a
 * crash in its few milliseconds is removed once older than LOCK_DEFAULTS.takeoverGuardStaleMs. Holders check that
 * the lock still names them before they commit (shared/workspace/commit.ts).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { HeldLock, LockOptions } from '../../shared/workspace/file-store';
import { isStale, LOCK_DEFAULTS, lockFormat, WorkspaceBusyError, type LockInfo, type LockOwner } from '../../shared/workspace/lock';
import { layout } from '../../shared/workspace/paths';
import { writeTemporaryBeside } from './atomic-write';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** Whether a process of this host exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}

/** Creates `target` with `text` in one step, or returns false when it exists (a temporary file, then link). */
async function createExclusive(target: string, text: string): Promise<boolean> {
  const tmp = await writeTemporaryBeside(target, text);
  try {
    await fs.link(tmp, target);
    return true;
  } catch (e) {
    // ENOENT: recovery's sweep removed the temporary file of an acquirer in flight; the caller tries again.
    if (code(e) === 'EEXIST' || code(e) === 'ENOENT') return false;
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Reads a lock file: its info, null when absent; a file that does not parse reads as a lock from nowhere (stale). */
export async function readLockFile(file: string): Promise<LockInfo | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    return lockFormat.read(JSON.parse(text), file);
  } catch {
    const stat = await fs.stat(file).catch(() => null);
    return lockFormat.create({ token: `unreadable-${stat?.mtimeMs ?? 0}`, host: 'unknown', pid: null, command: 'unknown (unreadable lock file)', user: 'unknown', started_at: new Date(stat?.mtimeMs ?? 0).toISOString() });
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** Replaces a stale lock with ours, under the takeover guard; false when someone else got there first. */
async function takeOver(file: string, stale: LockInfo, mine: string, settings: typeof LOCK_DEFAULTS): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!(await createExclusive(guard, mine))) {
    const stat = await fs.stat(guard).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > settings.takeoverGuardStaleMs) await fs.rm(guard, { force: true });
    return false;
  }
  try {
    const now = await readLockFile(file);
    if (now !== null && now.token !== stale.token) return false;
    if (now === null) return createExclusive(file, mine);
    await fs.rename(await writeTemporaryBeside(file, mine), file);
    return true;
  } finally {
    await fs.rm(guard, { force: true });
  }
}

/** Takes the lock of the workspace folder `root` for `owner` (see the module comment). */
export async function acquireLock(root: string, owner: LockOwner, options: LockOptions = {}, settings: typeof LOCK_DEFAULTS = LOCK_DEFAULTS): Promise<HeldLock> {
  const file = path.join(root, layout.lock);
  const here = os.hostname();
  // A workspace being created may not have its folder yet (callers check folders the user named: cli/context.ts).
  await fs.mkdir(root, { recursive: true });
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const info = lockFormat.create({ token: randomBytes(12).toString('hex'), host: here, pid: process.pid, command: owner.command, user: owner.user, started_at: new Date().toISOString() });
    const text = JSON.stringify(info, null, 2) + '\n';
    if (await createExclusive(file, text)) return held(file, info);
    const current = await readLockFile(file);
    if (current === null) continue;
    if (isStale(current, { host: here, now: new Date(), alive: processAlive }, settings)) {
      if (await takeOver(file, current, text, settings)) return held(file, info);
      continue;
    }
    if (!options.wait) throw new WorkspaceBusyError(current);
    if (!waited) options.onWait?.(current);
    waited = true;
    await sleep(settings.pollMs, options.signal);
  }
}

function held(file: string, info: LockInfo): HeldLock {
  let released = false;
  const stillHeld = async () => !released && (await readLockFile(file))?.token === info.token;
  return {
    info,
    stillHeld,
    async release() {
      if (released) return;
      if (await stillHeld()) await fs.rm(file, { force: true });
      released = true;
    },
  };
}
