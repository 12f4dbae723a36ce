/**
 * The national store on a real PostgreSQL 15 (started here: test/util/postgres.ts), two labs (test/util/two-labs.ts)
 * and a partner: both labs publish and pull and see each other's links; the partner role cannot read case ids (asserted
 * through SQL as that role); a lab cannot write another lab's rows; every write is audited; a publish cut mid-way by a
 * dropped connection leaves whole chunks only, and the next publish completes it without duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { postgresAbsent, startPostgres, type PgServer } from '../../util/postgres';
import { makeTwoLabs, type TwoLabs } from '../../util/two-labs';
import { openWorkspaceDatabase } from '../../../cli/context';
import { publish } from '../../../node/store/publish';
import { connectStore } from '../../../node/store/store-client';

const absent = postgresAbsent();
let server: PgServer;
let t: ReturnType<typeof tempDir>;
let labs: TwoLabs;
let admin: pg.Client;
const PASSWORD = 'lab-secret-not-in-files';

async function as<T>(role: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server.url(role), password: PASSWORD });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(absent !== null)(`national store on PostgreSQL${absent ? ` (skipped: ${absent})` : ''}`, () => {
  beforeAll(async () => {
    t = tempDir('sigwb-store-');
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    for (const role of ['lab_a', 'lab_b', 'partner_p']) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`);
    expect((await runCli('store', '--store', server.adminUrl, '--migrate')).out).toMatch(/Migrated .*postgres:\*\*\*@.* to schema 2 \(applied 1, 2\)/);
    expect((await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_a', '--lab-id', 'lab-a', '--lab-name', 'Lab A (west)')).code).toBe(0);
    expect((await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_b', '--lab-id', 'lab-b', '--lab-name', 'Lab B (east)')).code).toBe(0);
    expect((await runCli('store', '--store', server.adminUrl, '--add-partner', 'partner_p')).code).toBe(0);
    process.env.PGPASSWORD = PASSWORD;
    labs = await makeTwoLabs(t.dir);
  }, 600_000);
  afterAll(async () => {
    delete process.env.PGPASSWORD;
    await admin?.end();
    await server?.stop();
    t?.cleanup();
  });

  it('two labs publish and pull, and each sees the links to the other', async () => {
    const pa = await runCli('publish', '-w', labs.a, '--store', server.url('lab_a'));
    expect(pa.code, pa.err).toBe(0);
    expect(pa.out).toMatch(new RegExp(`as lab lab-a: ${labs.samples.a} new or changed profiles \\(0 already there\\)`));
    // Idempotent: nothing is sent twice.
    expect((await runCli('publish', '-w', labs.a, '--store', server.url('lab_a'))).out).toMatch(new RegExp(`0 new or changed profiles \\(${labs.samples.a} already there\\)`));
    const pb = await runCli('pull', '-w', labs.b, '--store', server.url('lab_b'));
    expect(pb.code, pb.err).toBe(0);
    expect(pb.out).toContain(`Pulled ${labs.samples.a} profiles of lab-a`);
    const imp = await runCli('import', '-w', labs.b, labs.bLater);
    expect(imp.code, imp.err).toBe(0);
    const record = JSON.parse(readFileSync(path.join(labs.b, 'config/links-B0003.json'), 'utf8'));
    expect(record.method.external_sources).toEqual([expect.objectContaining({ name: 'store lab-a', profiles: labs.samples.a })]);
    const external = record.samples.flatMap((s: { external_links: { lab: string; distance: number }[] }) => s.external_links);
    expect(external.length).toBeGreaterThan(0);
    for (const l of external) {
      expect(l.lab).toBe('lab-a');
      expect(l.distance).toBeLessThanOrEqual(record.method.threshold);
    }
    const alerts = await runCli('links', '-w', labs.b, '--since', 'B0003');
    expect(alerts.out).toMatch(/links to lab-a's class \d+ \(\d+ samples?\) seen \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d in /);
    // A lab pulls the submitting agencies of the other lab's classes (never their case ids), and the alerts name them:
    // "class 20 links to 2 samples of lab-a's class 14 (at port of entry Emerson, submitted by CBSA)".
    const agenciesOfA = new Set(readFileSync(path.join(t.dir, 'in/metadata-a.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')[12]));
    const across = alerts.out.split('\n').filter((l) => /^ {2}B0003: .* links to /.test(l));
    expect(across.length).toBeGreaterThan(0);
    for (const line of across) {
      const named = [...line.matchAll(/submitted by ([^)]+)\)/g)].flatMap((m) => m[1].split(', '));
      expect(named.length, line).toBeGreaterThan(0);
      for (const agency of named) expect(agenciesOfA, line).toContain(agency);
    }
    const labAlerts = record.alerts.filter((a: { kinds: string[] }) => a.kinds.includes('lab'));
    expect(labAlerts.length).toBeGreaterThan(0);
    for (const a of labAlerts) expect(a.span).toMatchObject({ lab: 'lab-a', cases: [], agencies: expect.arrayContaining([expect.any(String)]) });
    expect((await runCli('publish', '-w', labs.b, '--store', server.url('lab_b'))).code).toBe(0);
    const back = await runCli('pull', '-w', labs.a, '--store', server.url('lab_a'));
    expect(back.out).toContain(`Pulled ${labs.samples.b + labs.samples.bLater} profiles of lab-b`);
    expect(back.out).toMatch(/lab lab-b linked \d+ profile pairs? to this lab's samples/);
    const status = await runCli('store', '-w', labs.a);
    expect(status.out).toMatch(/last publish: .*, \d+ profiles sent of \d+/);
    expect(status.out).toContain('nothing pending');
    // The password never reaches the workspace.
    for (const ws of [labs.a, labs.b]) {
      expect(readFileSync(path.join(ws, 'config/store-sync.json'), 'utf8')).not.toContain(PASSWORD);
      expect(readFileSync(path.join(ws, 'audit.jsonl'), 'utf8')).not.toContain(PASSWORD);
    }
  });

  it('lets a partner read signatures and classes but never case ids or exhibit details', async () => {
    await as('partner_p', async (c) => {
      expect(Number((await c.query('SELECT count(*) FROM sigwb.profiles')).rows[0].count)).toBeGreaterThan(0);
      expect(Number((await c.query('SELECT count(*) FROM sigwb.classes')).rows[0].count)).toBeGreaterThan(0);
      await expect(c.query('SELECT case_id FROM sigwb.sample_details')).rejects.toThrow(/permission denied for table sample_details/);
      await expect(c.query('SELECT * FROM sigwb.links')).rejects.toThrow(/permission denied/);
      const columns = (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'sigwb' AND table_name IN ('profiles', 'classes')`)).rows.map((r) => r.column_name);
      expect(columns).not.toContain('case_id');
      expect(columns).not.toContain('seizure_id');
      await expect(c.query(`INSERT INTO sigwb.classes (lab_id, class_id, class_run_id, samples, regions, ports_of_entry, content_sha256, publish_id) VALUES ('lab-a', 999, 'R9', 1, '{}', '{}', 'x', gen_random_uuid())`)).rejects.toThrow(/permission denied/);
    });
    // A partner's pull brings the profiles, without the agencies labs get.
    const ws = path.join(t.dir, 'partner');
    expect((await runCli('init', ws, '--name', 'Partner P')).code).toBe(0);
    const pulled = await runCli('pull', '-w', ws, '--store', server.url('partner_p'));
    expect(pulled.code, pulled.err).toBe(0);
    expect(pulled.out).toContain(`Pulled ${labs.samples.a + labs.samples.b + labs.samples.bLater} profiles of lab-a, lab-b`);
    const sources = readdirSync(path.join(ws, 'sources')).filter((f) => f.endsWith('.arrow'));
    expect(sources.length).toBeGreaterThan(0);
    for (const f of sources) expect(tableFromIPC(readFileSync(path.join(ws, 'sources', f))).schema.fields.map((c) => c.name)).not.toContain('agency');
    // A lab reads the case details.
    await as('lab_b', async (c) => expect(Number((await c.query('SELECT count(case_id) FROM sigwb.sample_details')).rows[0].count)).toBeGreaterThan(0));
  });

  it("refuses a lab's write to another lab's rows, and audits every write with its role", async () => {
    await as('lab_b', async (c) => {
      await expect(c.query(`UPDATE sigwb.profiles SET region = 'x' WHERE lab_id = 'lab-a'`)).resolves.toMatchObject({ rowCount: 0 });
      await expect(c.query(`INSERT INTO sigwb.classes (lab_id, class_id, class_run_id, samples, regions, ports_of_entry, content_sha256, publish_id) VALUES ('lab-a', 999, 'R9', 1, '{}', '{}', 'x', gen_random_uuid())`)).rejects.toThrow(/row-level security/);
      await expect(c.query('DELETE FROM sigwb.profiles')).rejects.toThrow(/permission denied/);
      await expect(c.query(`INSERT INTO sigwb.audit (table_name, op, row_key) VALUES ('profiles', 'INSERT', 'forged')`)).rejects.toThrow(/permission denied/);
    });
    const audit = await admin.query(`SELECT db_user, table_name, count(*)::int AS n FROM sigwb.audit WHERE op = 'INSERT' GROUP BY 1, 2 ORDER BY 1, 2`);
    const n = (user: string, table: string) => audit.rows.find((r) => r.db_user === user && r.table_name === table)?.n ?? 0;
    expect(n('lab_a', 'profiles')).toBe(labs.samples.a);
    expect(n('lab_b', 'profiles')).toBe(labs.samples.b + labs.samples.bLater);
    expect(n('lab_b', 'links')).toBeGreaterThan(0);
  });

  it('a publish cut by a dropped connection leaves whole chunks, and the next one completes it without duplicates', async () => {
    await admin.query(`CREATE ROLE lab_c LOGIN PASSWORD '${PASSWORD}'`);
    await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_c', '--lab-id', 'lab-c', '--lab-name', 'Lab C');
    // Lab C publishes lab B's workspace under its own name, 50 rows a transaction.
    const { ws, db } = await openWorkspaceDatabase(labs.b);
    const client = await connectStore(server.url('lab_c'));
    try {
      await expect(
        publish(ws, db, client, {
          url: server.url('lab_c'),
          chunkRows: 50,
          onChunk: async (sent) => {
            if (sent === 100) await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'lab_c'`);
          },
        }),
      ).rejects.toThrow(/publish cut after 100 of \d+ changed profiles/);
    } finally {
      await client.end().catch(() => undefined);
    }
    const held = async () => (await admin.query(`SELECT (SELECT count(*)::int FROM sigwb.profiles WHERE lab_id = 'lab-c') AS p, (SELECT count(*)::int FROM sigwb.sample_details WHERE lab_id = 'lab-c') AS d`)).rows[0];
    expect(await held()).toEqual({ p: 100, d: 100 });
    expect((await runCli('store', '-w', labs.b, '--store', server.url('lab_c'))).out).toMatch(/unfinished publish [0-9a-f-]{36}/);
    const again = await runCli('publish', '-w', labs.b, '--store', server.url('lab_c'));
    expect(again.code, again.err).toBe(0);
    const total = labs.samples.b + labs.samples.bLater;
    expect(again.out).toContain(`${total - 100} new or changed profiles (100 already there)`);
    expect(await held()).toEqual({ p: total, d: total });
    expect((await admin.query(`SELECT count(*)::int AS n FROM sigwb.audit WHERE db_user = 'lab_c' AND table_name = 'profiles'`)).rows[0].n).toBe(total);
    await db.close();
  });

  it('a publish killed mid-way (SIGKILL) leaves the store consistent, and the next one completes it', async () => {
    await admin.query(`CREATE ROLE lab_d LOGIN PASSWORD '${PASSWORD}'`);
    await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_d', '--lab-id', 'lab-d', '--lab-name', 'Lab D');
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const child = spawn(process.execPath, [path.join(root, 'bin', 'sigwb.mjs'), 'publish', '-w', labs.a, '--store', server.url('lab_d'), '--chunk', '4'], { env: { ...process.env, PGPASSWORD: PASSWORD }, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const count = async () => Number((await admin.query(`SELECT count(*) FROM sigwb.profiles WHERE lab_id = 'lab-d'`)).rows[0].count);
    // Killed as soon as a few chunks are in, while it writes the next ones.
    for (let i = 0; i < 3000 && (await count()) < 12; i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const held = (await admin.query(`SELECT (SELECT count(*)::int FROM sigwb.profiles WHERE lab_id = 'lab-d') AS p, (SELECT count(*)::int FROM sigwb.sample_details WHERE lab_id = 'lab-d') AS d, (SELECT count(*)::int FROM sigwb.classes WHERE lab_id = 'lab-d') AS c`)).rows[0];
    expect(held.p).toBeGreaterThanOrEqual(12);
    expect(held.p).toBeLessThan(labs.samples.a);
    expect(held.p % 4).toBe(0);
    expect(held.d).toBe(held.p);
    expect(held.c).toBe(0);
    // No transaction of the killed publish is left open on the server.
    await expect.poll(async () => Number((await admin.query(`SELECT count(*) FROM pg_stat_activity WHERE usename = 'lab_d'`)).rows[0].count), { timeout: 30_000 }).toBe(0);
    const again = await runCli('publish', '-w', labs.a, '--store', server.url('lab_d'));
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`${labs.samples.a - held.p} new or changed profiles (${held.p} already there)`);
    const after = (await admin.query(`SELECT count(*)::int AS p, count(DISTINCT sample_id)::int AS distinct_ids FROM sigwb.profiles WHERE lab_id = 'lab-d'`)).rows[0];
    expect(after).toEqual({ p: labs.samples.a, distinct_ids: labs.samples.a });
  });
});
