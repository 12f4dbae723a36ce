import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../../node/files/workspace-lock';
import { LOCK_DEFAULTS, lockFormat, WorkspaceBusyError, type LockInfo } from '../../../../shared/workspace/lock';
import { tempDir } from '../../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const t = tempDir('sigwb-lock-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The pid of a process that has exited: what a lock of a killed command names. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function plant(dir: string, fields: Partial<LockInfo>): LockInfo {
  const info = lockFormat.create({ token: 'planted-token-1', host: os.hostname(), pid: process.pid, command: 'cluster', user: 'ben', started_at: '2026-11-25T14:03:07.000Z', ...fields });
  writeFileSync(path.join(dir, 'workspace.lock'), JSON.stringify(info));
  return info;
}

const lockFile = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'workspace.lock'), 'utf8')) as LockInfo;

describe('the workspace lock on a file system', () => {
  it('names host, process, command, analyst and start time, and is gone once released', async () => {
    const dir = folder();
    const lock = await acquireLock(dir, { command: 'import', user: 'ana' });
    expect(lockFile(dir)).toMatchObject({ host: os.hostname(), pid: process.pid, command: 'import', user: 'ana', token: lock.info.token });
    expect(Date.now() - Date.parse(lockFile(dir).started_at)).toBeLessThan(60_000);
    expect(await lock.stillHeld()).toBe(true);
    await lock.release();
    expect(existsSync(path.join(dir, 'workspace.lock'))).toBe(false);
  });

  it('refuses a second writer while the first holds it: "the workspace is busy: <command> by <who> since <time>"', async () => {
    const dir = folder();
    plant(dir, { command: 'cluster', user: 'ben' });
    const e = await acquireLock(dir, { command: 'import', user: 'ana' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkspaceBusyError);
    expect((e as Error).message).toBe(`the workspace is busy: cluster by ben (process ${process.pid} on ${os.hostname()}) since 2026-11-25 14:03:07 UTC; try again when it has finished, or add --wait`);
    expect(lockFile(dir).token).toBe('planted-token-1');
  });

  it('takes over the lock of a process of this host that no longer exists', async () => {
    const dir = folder();
    plant(dir, { pid: deadPid() });
    const lock = await acquireLock(dir, { command: 'import', user: 'ana' });
    expect(lockFile(dir)).toMatchObject({ token: lock.info.token, pid: process.pid, command: 'import' });
    expect(existsSync(path.join(dir, 'workspace.lock.takeover'))).toBe(false);
    await lock.release();
  });

  it('from another host (a shared folder), waits out the bound before judging a lock stale', async () => {
    const dir = folder();
    const recent = new Date(Date.now() - 60_000).toISOString();
    plant(dir, { host: 'other-workstation', pid: 12345, started_at: recent });
    await expect(acquireLock(dir, { command: 'import', user: 'ana' })).rejects.toThrow(/busy: cluster by ben \(process 12345 on other-workstation\)/);
    plant(dir, { host: 'other-workstation', pid: 12345, started_at: new Date(Date.now() - LOCK_DEFAULTS.otherHostStaleAfterMs - 60_000).toISOString() });
    const lock = await acquireLock(dir, { command: 'import', user: 'ana' });
    expect(lockFile(dir).token).toBe(lock.info.token);
  });

  it('gives a stale lock to exactly one of many writers that find it at once', async () => {
    const dir = folder();
    plant(dir, { pid: deadPid() });
    const tries = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireLock(dir, { command: `writer ${i}`, user: 'ana' })));
    const won = tries.filter((t) => t.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const busy = tries.filter((t) => t.status === 'rejected').map((t) => (t as PromiseRejectedResult).reason);
    expect(busy.every((b) => b instanceof WorkspaceBusyError)).toBe(true);
    expect(lockFile(dir).token).toBe((won[0] as PromiseFulfilledResult<{ info: LockInfo }>).value.info.token);
  });

  it('with wait, waits for the holder, says once whom it waits for, then takes it; a cancelled wait takes nothing', async () => {
    const dir = folder();
    const first = await acquireLock(dir, { command: 'cluster', user: 'ben' });
    const waitedFor: LockInfo[] = [];
    const second = acquireLock(dir, { command: 'import', user: 'ana' }, { wait: true, onWait: (h) => waitedFor.push(h) });
    await new Promise((r) => setTimeout(r, 3 * LOCK_DEFAULTS.pollMs));
    expect(waitedFor.map((h) => h.command)).toEqual(['cluster']);
    await first.release();
    const lock = await second;
    expect(lockFile(dir)).toMatchObject({ command: 'import', token: lock.info.token });
    expect(await first.stillHeld()).toBe(false);

    const stop = new AbortController();
    const third = acquireLock(dir, { command: 'export', user: 'cy' }, { wait: true, signal: stop.signal });
    stop.abort(new Error('cancelled'));
    await expect(third).rejects.toThrow(/cancelled/);
    expect(lockFile(dir).command).toBe('import');
  });

  it('a holder whose lock was taken over knows it, and its release leaves the new holder alone', async () => {
    const dir = folder();
    const mine = await acquireLock(dir, { command: 'import', user: 'ana' });
    plant(dir, { token: 'someone-else-token', pid: process.pid });
    expect(await mine.stillHeld()).toBe(false);
    await mine.release();
    expect(lockFile(dir).token).toBe('someone-else-token');
  });
});
