/**
 * A real PostgreSQL for the store tests and the sharing benchmark: Debian's postgresql 15 binaries, a cluster made by
 * initdb in a temporary folder owned by the `postgres` user (initdb and postgres refuse to run as root, hence
 * `runuser -u postgres`), listening on 127.0.0.1 only on a free port, with a superuser password from this process, and
 * stopped (fast shutdown) and removed at the end. `postgresAbsent()` says why the tests cannot run where the binaries
 * are missing; CI installs them (.ci/run). A process killed before it calls stop() (a test run cut by a timeout, a
 * SIGKILL) must not leave the server running on a shared machine: a watchdog in a process group of its own stops the
 * server and removes its folder once this process is gone.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.SIGWB_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL cannot be started here, or null when it can. */
export function postgresAbsent(): string | null {
  if (!existsSync(path.join(PG_BIN, 'postgres')) || !existsSync(path.join(PG_BIN, 'initdb'))) return `PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install -y postgresql; .ci/run does)`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'no postgres user to run the server as (apt-get install -y postgresql creates it)';
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface PgServer {
  port: number;
  /** The temporary folder holding the cluster (removed by stop()). */
  dir: string;
  /** The superuser's URL (password included: tests only). */
  adminUrl: string;
  /** A URL for a role without its password (the password goes in PGPASSWORD, as a lab would). */
  url(role: string, database?: string): string;
  stop(): Promise<void>;
}

/** Starts a throw-away cluster (see the module doc). */
export async function startPostgres(): Promise<PgServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, password + '\n', { mode: 0o644 });
  const asPostgres = (cmd: string, args: string[]): [string, string[]] => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args]] : [path.join(PG_BIN, cmd), args]);
  const [initCmd, initArgs] = asPostgres('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  rmSync(pwfile);
  const port = await freePort();
  const stopImmediately = asPostgres('pg_ctl', ['stop', '-D', data, '-m', 'immediate']);
  const watchdog = startWatchdog(dir, stopImmediately);
  const [cmd, args] = asPostgres('postgres', ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, '-c', 'fsync=off', '-c', 'shared_buffers=64MB', '-c', 'max_connections=40']);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += String(d)));
  const deadline = Date.now() + 60_000;
  while (!log.includes('ready to accept connections')) {
    const failed = child.exitCode !== null ? `postgres exited (${child.exitCode}): ${log}` : Date.now() > deadline ? `postgres did not start in 60 s: ${log}` : null;
    if (failed) {
      stopWatchdog(watchdog);
      try {
        execFileSync(stopImmediately[0], stopImmediately[1], { stdio: 'pipe' });
      } catch {
        // Not running.
      }
      rmSync(dir, { recursive: true, force: true });
      throw new Error(failed);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    dir,
    adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    url: (role, database = 'postgres') => `postgresql://${role}@127.0.0.1:${port}/${database}`,
    async stop() {
      stopWatchdog(watchdog);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // pg_ctl as the server's user: a signal to runuser would not reach postgres itself.
        const [stopCmd, stopArgs] = asPostgres('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
        execFileSync(stopCmd, stopArgs, { stdio: 'pipe' });
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A shell that polls (every second) whether this process is alive and, once it is not, stops the server immediately
 * and removes its folder. Detached, so that killing this process's group does not kill it too.
 */
function startWatchdog(dir: string, [stopCmd, stopArgs]: [string, string[]]): ChildProcess {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; "$0" "$@" >/dev/null 2>&1; rm -rf '${dir}'`;
  const watchdog = spawn('sh', ['-c', script, stopCmd, ...stopArgs], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

function stopWatchdog(watchdog: ChildProcess): void {
  try {
    // Its group: the shell and its `sleep`.
    if (watchdog.pid !== undefined && watchdog.exitCode === null) process.kill(-watchdog.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
