/**
 * Reaching the national store: a PostgreSQL URL (`postgresql://role@host:port/db`) whose password comes from where
 * libpq looks for it (PGPASSWORD, or the passfile ~/.pgpass / PGPASSFILE; node-postgres reads both), never from the
 * workspace. A URL is printed and recorded with its password masked. The store's schema version is checked before
 * any read or write: an older store is migrated by an administrator (`sigwb store --migrate`), a newer one refused.
 */
import pg from 'pg';
import { MIGRATIONS, STORE_SCHEMA_VERSION, type Migration } from './store-schema';

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The URL with any password replaced by ***, for output and records. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Whether the URL carries a password (visible to other users of the machine in the process list). */
export function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return /\/\/[^:/@]+:[^@]+@/.test(url);
  }
}

/** Opens a connection; refuses with the masked URL and the server's reason. */
export async function connectStore(url: string): Promise<pg.Client> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new StoreError(`--store is a PostgreSQL URL (postgresql://role@host:port/database), not ${maskUrl(url)}`);
  const client = new pg.Client({ connectionString: url, application_name: 'sigwb', connectionTimeoutMillis: 15_000 });
  // A dropped connection surfaces as the failing query's error; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new StoreError(`cannot reach the store ${maskUrl(url)}: ${(e as Error).message}`);
  }
  return client;
}

/** The schema version of the store (0: none yet). */
export async function storeVersion(client: pg.Client): Promise<number> {
  const t = await client.query(`SELECT to_regclass('sigwb.schema_migrations') IS NOT NULL AS present`);
  if (!t.rows[0].present) return 0;
  const v = await client.query('SELECT coalesce(max(version), 0) AS v FROM sigwb.schema_migrations');
  return Number(v.rows[0].v);
}

/** Refuses a store whose schema is not this build's. */
export async function requireSchema(client: pg.Client, url: string): Promise<void> {
  const v = await storeVersion(client);
  if (v < STORE_SCHEMA_VERSION) throw new StoreError(`the store ${maskUrl(url)} has schema ${v}, this workbench needs ${STORE_SCHEMA_VERSION}: an administrator runs sigwb store --migrate --store <admin URL>`);
  if (v > STORE_SCHEMA_VERSION) throw new StoreError(`the store ${maskUrl(url)} has schema ${v}, newer than this workbench reads (${STORE_SCHEMA_VERSION}): update the workbench`);
}

/**
 * Applies the missing migrations in order (administrator), all in one transaction: a failure leaves the store as it
 * was. Returns the versions applied. `migrations` defaults to this build's (tests pass others).
 */
export async function migrateStore(client: pg.Client, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    // One administrator at a time: the lock is the transaction's.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('sigwb.migrate'))`);
    await client.query('CREATE SCHEMA IF NOT EXISTS sigwb');
    await client.query('CREATE TABLE IF NOT EXISTS sigwb.schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query('SELECT version FROM sigwb.schema_migrations')).rows.map((r) => Number(r.version)));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO sigwb.schema_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return applied;
}

/** Makes an existing login role a member: of a lab (created if new) or a partner (administrator). */
export async function addMember(client: pg.Client, role: string, member: { kind: 'lab'; labId: string; labName: string } | { kind: 'partner' }): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) throw new StoreError(`no role "${role}" on this server: create it first (CREATE ROLE "${role}" LOGIN PASSWORD …), its password stays with its user`);
  const ident = `"${role.replace(/"/g, '""')}"`;
  await client.query('BEGIN');
  try {
    if (member.kind === 'lab') await client.query('INSERT INTO sigwb.labs (lab_id, name) VALUES ($1, $2) ON CONFLICT (lab_id) DO UPDATE SET name = EXCLUDED.name', [member.labId, member.labName]);
    await client.query('INSERT INTO sigwb.members (role_name, kind, lab_id) VALUES ($1, $2, $3) ON CONFLICT (role_name) DO UPDATE SET kind = EXCLUDED.kind, lab_id = EXCLUDED.lab_id', [role, member.kind, member.kind === 'lab' ? member.labId : null]);
    await client.query(`REVOKE sigwb_lab, sigwb_partner FROM ${ident}`);
    await client.query(`GRANT ${member.kind === 'lab' ? 'sigwb_lab' : 'sigwb_partner'} TO ${ident}`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Who the connected role is in the store: a lab member (with its lab) or a partner. */
export async function storeIdentity(client: pg.Client): Promise<{ role: string; kind: 'lab' | 'partner'; labId: string | null }> {
  const r = await client.query('SELECT current_user AS role, m.kind, m.lab_id FROM sigwb.members m WHERE m.role_name = current_user');
  if (r.rowCount === 0) {
    const who = await client.query('SELECT current_user AS role');
    throw new StoreError(`role "${who.rows[0].role}" is not a member of this store (an administrator adds it: sigwb store --add-lab or --add-partner)`);
  }
  return { role: r.rows[0].role, kind: r.rows[0].kind, labId: r.rows[0].lab_id };
}
