/**
 * For test/unit/util/postgres.test.ts: starts a throw-away PostgreSQL (test/util/postgres.ts), prints its port and
 * folder as one JSON line, and waits to be killed without ever calling stop().
 */
import { startPostgres } from './postgres';

const server = await startPostgres();
process.stdout.write(JSON.stringify({ port: server.port, dir: server.dir }) + '\n');
setInterval(() => undefined, 60_000);
