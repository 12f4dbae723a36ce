/**
 * The throw-away PostgreSQL of the store tests and the sharing benchmark (test/util/postgres.ts) on a machine others
 * share: a process killed before it stops its server (SIGKILL: no afterAll, no exit handler) leaves no server running
 * and no cluster folder behind.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAbsent } from '../../util/postgres';

const absent = postgresAbsent();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

describe.skipIf(absent !== null)(`throw-away PostgreSQL${absent ? ` (skipped: ${absent})` : ''}`, () => {
  it('is stopped and removed when the process that started it is killed', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.mjs'), path.join(root, 'test', 'util', 'postgres-left-behind.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += String(d);
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`the server's process exited (${code}) before it started it`)));
    });
    const { port, dir } = JSON.parse(line) as { port: number; dir: string };
    expect(await listening(port)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    await expect.poll(() => listening(port), { timeout: 30_000, interval: 250 }).toBe(false);
    await expect.poll(() => existsSync(dir), { timeout: 30_000, interval: 250 }).toBe(false);
  }, 120_000);
});
