/**
 * Detection flags through the national store (store schema 2), on a real PostgreSQL 15 (test/util/postgres.ts) and the
 * two labs of test/util/two-labs.ts. The store starts as the earlier workbench made it (schema 1, lab A's profiles
 * written by the earlier publish's statement): a migration that fails leaves it as it was, the real one keeps its rows,
 * and they are pulled as profiles without flags, linked as before with the note. Lab A then publishes with the new
 * workbench: its profiles carry their flags and limits, lab B pulls them, and each link's LR equals the LR of the same
 * pair in lab C, a copy of lab B that imported lab A's results itself. Flags that contradict their values are refused
 * naming the sample and compound, by the publish (before anything is written), by the server (a trigger, whatever
 * client writes) and by the pull (nothing written to the workspace).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { WITHOUT_FLAGS_NOTE } from '../../../shared/linking/link-evidence';
import { DETECTION_PART } from '../../../shared/sharing/detection-part';
import { collectSharedProfiles, type SharedProfiles } from '../../../shared/sharing/shared-profiles';
import { openWorkspaceDatabase } from '../../../cli/context';
import { publish } from '../../../node/store/publish';
import { connectStore, migrateStore, storeVersion } from '../../../node/store/store-client';
import { MIGRATIONS } from '../../../node/store/store-schema';
import { expectLinksAsHeldLocally, latestLinks, linksByPair, type Link } from '../../util/cross-lab-links';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { postgresAbsent, startPostgres, type PgServer } from '../../util/postgres';
import { makeTwoLabs, type TwoLabs } from '../../util/two-labs';

const absent = postgresAbsent();
const PASSWORD = 'lab-secret-not-in-files';
let server: PgServer;
let t: ReturnType<typeof tempDir>;
let labs: TwoLabs;
let admin: pg.Client;
let profilesA: SharedProfiles;
const ws = (name: string) => path.join(t.dir, name);
const sourceRecord = (dir: string, id: string) => JSON.parse(readFileSync(path.join(dir, 'config', `source-${id}.json`), 'utf8'));

/** What the store holds, to show a refused or failed write changed nothing. */
async function storeState(): Promise<Record<string, unknown>> {
  const cols = (await admin.query(`SELECT string_agg(column_name, ',' ORDER BY ordinal_position) AS c FROM information_schema.columns WHERE table_schema = 'sigwb' AND table_name = 'profiles'`)).rows[0].c;
  const rows = (await admin.query(`SELECT count(*)::int AS n, md5(string_agg(p::text, ';' ORDER BY lab_id, sample_id)) AS h FROM sigwb.profiles p`)).rows[0];
  const other = (await admin.query(`SELECT (SELECT count(*)::int FROM sigwb.audit) AS audit, (SELECT count(*)::int FROM sigwb.publishes) AS publishes, (SELECT count(*)::int FROM sigwb.methods) AS methods, (SELECT coalesce(max(version), 0)::int FROM sigwb.schema_migrations) AS version`)).rows[0];
  return { cols, ...rows, ...other };
}

/** Lab A's profiles written as the workbench did before the store carried flags (schema 1's columns, its hashes). */
async function publishAsSchema1(p: SharedProfiles): Promise<void> {
  const c = await connectStore(server.url('lab_a'));
  try {
    const k = p.method.compounds.length;
    const methodKey = p.method.comparable_key + ':' + p.method.calibration_id;
    const publishId = '00000000-0000-4000-8000-000000000001';
    await c.query('BEGIN');
    await c.query('INSERT INTO sigwb.publishes (publish_id, lab_id, workspace_id) VALUES ($1, $2, $3)', [publishId, 'lab-a', 'earlier']);
    await c.query('INSERT INTO sigwb.methods (lab_id, method_key, method) VALUES ($1, $2, $3)', ['lab-a', methodKey, JSON.stringify(p.method)]);
    const rows = Array.from({ length: p.n }, (_, i) => {
      const f = p.facts;
      const row = { sample_id: f.sample_id[i], method_key: methodKey, class_id: f.class_id[i], drug: f.drug[i], seized_on: f.seized_on[i], region: f.region[i], port_of_entry: f.port_of_entry[i], compounds: p.method.compounds, pretreated: Array.from(p.values.subarray(i * k, i * k + k)), relative: Array.from(p.relative.subarray(i * k, i * k + k)), case_id: f.case_id[i], seizure_id: f.seizure_id[i], agency: f.agency[i] };
      return { ...row, content_sha256: createHash('sha256').update(JSON.stringify(row)).digest('hex') };
    });
    // The earlier publish's statements (store schema 1).
    await c.query(
      `INSERT INTO sigwb.profiles (lab_id, sample_id, content_sha256, method_key, class_id, drug, seized_on, region, port_of_entry, compounds, pretreated, relative, publish_id)
       SELECT $1, r.sample_id, r.content_sha256, r.method_key, r.class_id, r.drug, r.seized_on, r.region, r.port_of_entry, r.compounds, r.pretreated, r.relative, $2
       FROM jsonb_to_recordset($3::jsonb) AS r(sample_id text, content_sha256 text, method_key text, class_id integer, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[])`,
      ['lab-a', publishId, JSON.stringify(rows)],
    );
    await c.query(
      `INSERT INTO sigwb.sample_details (lab_id, sample_id, case_id, seizure_id, agency, content_sha256)
       SELECT $1, r.sample_id, r.case_id, r.seizure_id, r.agency, r.content_sha256 FROM jsonb_to_recordset($2::jsonb) AS r(sample_id text, case_id text, seizure_id text, agency text, content_sha256 text)`,
      ['lab-a', JSON.stringify(rows)],
    );
    await c.query('UPDATE sigwb.publishes SET finished_at = now(), profiles = $2 WHERE publish_id = $1', [publishId, rows.length]);
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

describe.skipIf(absent !== null)(`detection flags through the national store${absent ? ` (skipped: ${absent})` : ''}`, () => {
  beforeAll(async () => {
    t = tempDir('sigwb-storeflags-');
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    for (const role of ['lab_a', 'lab_b']) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`);
    // The store as the earlier workbench made it.
    expect(await migrateStore(admin, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect((await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_a', '--lab-id', 'lab-a', '--lab-name', 'Lab A')).code).toBe(0);
    expect((await runCli('store', '--store', server.adminUrl, '--add-lab', 'lab_b', '--lab-id', 'lab-b', '--lab-name', 'Lab B')).code).toBe(0);
    process.env.PGPASSWORD = PASSWORD;
    labs = await makeTwoLabs(t.dir);
    // Lab B's copies: "old" pulls the rows of the earlier schema; C imports lab A's results itself; E meets a bad row.
    for (const name of ['lab-old', 'lab-c', 'lab-e']) cpSync(labs.b, ws(name), { recursive: true });
    const { db, ws: wsA } = await openWorkspaceDatabase(labs.a);
    try {
      profilesA = await collectSharedProfiles(wsA, db);
    } finally {
      await db.close();
    }
    expect(profilesA.detection).not.toBeNull();
  }, 600_000);
  afterAll(async () => {
    delete process.env.PGPASSWORD;
    await admin?.end();
    await server?.stop();
    t?.cleanup();
  });

  it('migrates a store of the earlier schema in one transaction (a failed migration leaves it as it was) and reads its rows as flagless', async () => {
    await publishAsSchema1(profilesA);
    const refused = await runCli('pull', '-w', ws('lab-old'), '--store', server.url('lab_b'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/has schema 1, this workbench needs 2: an administrator runs sigwb store --migrate/);
    const status = await runCli('store', '-w', ws('lab-old'), '--store', server.url('lab_b'));
    expect(status.out).toMatch(/: schema 1 \(this workbench needs 2: an administrator runs sigwb store --migrate\); you are lab lab-b/);
    expect(status.out).toContain(`lab lab-a: ${labs.samples.a} profiles (a store of schema 1 holds no detection flags)`);
    const before = await storeState();
    expect(before).toMatchObject({ n: labs.samples.a, version: 1 });
    const earlierRows = async () => (await admin.query(`SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', sample_id, revision, content_sha256, method_key, pretreated::text, relative::text), ';' ORDER BY sample_id)) AS h FROM sigwb.profiles`)).rows[0];
    const earlier = await earlierRows();
    // Migration 2 with a failing statement after its own: nothing of it stays.
    await expect(migrateStore(admin, [MIGRATIONS[0], { ...MIGRATIONS[1], sql: `${MIGRATIONS[1].sql}\nSELECT 1 / 0;` }])).rejects.toThrow(/division by zero/);
    expect(await storeState()).toEqual(before);
    expect((await admin.query(`SELECT to_regproc('sigwb.check_detection') AS f`)).rows[0].f).toBeNull();
    const migrated = await runCli('store', '--store', server.adminUrl, '--migrate');
    expect(migrated.out).toMatch(/Migrated postgresql:\/\/postgres:\*\*\*@.* to schema 2 \(applied 2\)/);
    expect(await storeVersion(admin)).toBe(2);
    // The earlier rows are kept as they were, without flags.
    expect(await earlierRows()).toEqual(earlier);
    expect((await admin.query(`SELECT count(detected)::int AS flagged, count(detection_limit)::int AS limits FROM sigwb.profiles`)).rows[0]).toEqual({ flagged: 0, limits: 0 });
    const pulled = await runCli('pull', '-w', ws('lab-old'), '--store', server.url('lab_b'));
    expect(pulled.code, pulled.err).toBe(0);
    expect(pulled.out).toMatch(new RegExp(`Pulled ${labs.samples.a} profiles of lab-a .*sources S0001 \\(${labs.samples.a}, calibration C0001 of lab-a, without detection flags\\)`));
    expect(sourceRecord(ws('lab-old'), 'S0001')).toMatchObject({ kind: 'store', detection: null });
    expect((await runCli('import', '-w', ws('lab-old'), labs.bLater)).code).toBe(0);
    const record = latestLinks(ws('lab-old'));
    expect(record.method.external_sources).toEqual([expect.objectContaining({ id: 'S0001', pair_comparison: 'substitute' })]);
    const external = record.samples.flatMap((s) => s.external_links);
    expect(external.length).toBeGreaterThan(0);
    for (const l of external) expect(l.verbal.endsWith(WITHOUT_FLAGS_NOTE)).toBe(true);
  });

  it("carries each profile's flags and limit to the store and back, so that a pulled profile's link gets the LR of the same pair held locally", async () => {
    // Every profile changes: its content now holds its flags.
    const pa = await runCli('publish', '-w', labs.a, '--store', server.url('lab_a'));
    expect(pa.code, pa.err).toBe(0);
    expect(pa.out).toContain(`as lab lab-a: ${labs.samples.a} new or changed profiles (0 already there)`);
    expect((await runCli('publish', '-w', labs.a, '--store', server.url('lab_a'))).out).toContain(`0 new or changed profiles (${labs.samples.a} already there)`);
    const k = profilesA.method.compounds.length;
    const rows = (await admin.query(`SELECT sample_id, compounds, detected, detection_limit FROM sigwb.profiles WHERE lab_id = 'lab-a'`)).rows;
    expect(rows.length).toBe(profilesA.n);
    const at = new Map(profilesA.facts.sample_id.map((id, i) => [id, i]));
    for (const r of rows) {
      const i = at.get(r.sample_id)!;
      expect(r.compounds).toEqual(profilesA.method.compounds);
      expect(r.detected).toEqual(Array.from(profilesA.detection!.detected.subarray(i * k, i * k + k), (f) => f === 1));
      expect(r.detection_limit).toBe(profilesA.detection!.limits[i]);
    }
    expect(rows.flatMap((r) => r.detected).filter((f: boolean) => !f).length).toBeGreaterThan(0);

    const pb = await runCli('pull', '-w', labs.b, '--store', server.url('lab_b'));
    expect(pb.code, pb.err).toBe(0);
    expect(pb.out).toContain(`sources S0001 (${labs.samples.a}, calibration C0001 of lab-a, with detection flags)`);
    expect(sourceRecord(labs.b, 'S0001')).toMatchObject({ kind: 'store', detection: DETECTION_PART });
    expect((await runCli('import', '-w', labs.b, labs.bLater)).code).toBe(0);
    const c = ws('lab-c');
    expect((await runCli('import', '-w', c, path.join(t.dir, 'in', 'metadata-a.csv'), path.join(t.dir, 'in', 'results-a.csv'))).code).toBe(0);
    expect((await runCli('import', '-w', c, labs.bLater)).code).toBe(0);
    const pulled = latestLinks(labs.b);
    expect(pulled.method.external_sources).toEqual([expect.objectContaining({ id: 'S0001', pair_comparison: 'censored' })]);
    expect(expectLinksAsHeldLocally(pulled, latestLinks(c))).toBeGreaterThanOrEqual(100);
    // The same store rows without their flags (the earlier schema's) gave other LRs: the flags are what made them equal.
    const flagless = linksByPair(latestLinks(ws('lab-old')), 'external_links');
    const differs = (sample: string, l: Link) => {
      const old = flagless.get(sample)?.get(l.sample_id);
      return old !== undefined && Math.abs(old.log10_lr! - l.log10_lr!) > 1e-9;
    };
    expect(pulled.samples.some((s) => s.external_links.some((l) => differs(s.sample_id, l)))).toBe(true);
    const status = await runCli('store', '-w', labs.b, '--store', server.url('lab_b'));
    expect(status.out).toContain(`lab lab-a: ${labs.samples.a} profiles (${labs.samples.a} with detection flags)`);
    // A workspace that pulled the flagless rows gets the flagged ones as a newer source, which supersedes them.
    const again = await runCli('pull', '-w', ws('lab-old'), '--store', server.url('lab_b'));
    expect(again.out).toContain(`sources S0002 (${labs.samples.a}, calibration C0001 of lab-a, with detection flags)`);
  });

  it('refuses flags that contradict their values, naming the sample and compound: at publish, at the server and at pull, writing nothing', async () => {
    const k = profilesA.method.compounds.length;
    const ids = profilesA.facts.sample_id;
    const compounds = profilesA.method.compounds;
    const tampered = (change: (d: { detected: Uint8Array; limits: Float64Array }) => void): SharedProfiles => {
      const d = { detected: Uint8Array.from(profilesA.detection!.detected), limits: Float64Array.from(profilesA.detection!.limits) };
      change(d);
      return { ...profilesA, detection: d };
    };
    // A sample with a non-zero relative area in its first compound, for the "nothing detected" case.
    const s = ids.findIndex((_, i) => profilesA.relative[i * k] > 0);
    const cases: [SharedProfiles, RegExp][] = [
      [tampered((d) => (d.detected[3 * k + 2] = 2)), new RegExp(`^refused, nothing written: sample ${ids[3]}, compound "${compounds[2]}": detection flag 2 is neither 1 \\(detected\\) nor 0 \\(not detected\\)$`)],
      [tampered((d) => (d.limits[5] = NaN)), new RegExp(`^refused, nothing written: sample ${ids[5]}: detection limit NaN is not a finite number ≥ 0$`)],
      [tampered((d) => d.detected.fill(0, s * k, s * k + k)), new RegExp(`^refused, nothing written: sample ${ids[s]}, compound "${compounds[0]}": not detected, like every compound of the sample, yet its relative area is `)],
    ];
    const before = await storeState();
    const { ws: wsA, db } = await openWorkspaceDatabase(labs.a);
    const client = await connectStore(server.url('lab_a'));
    try {
      for (const [profiles, message] of cases) await expect(publish(wsA, db, client, { url: server.url('lab_a'), profiles })).rejects.toThrow(message);
    } finally {
      await client.end();
      await db.close();
    }
    expect(await storeState()).toEqual(before);
    // The server refuses such rows whatever client writes them, naming the sample and compound.
    const c = await connectStore(server.url('lab_a'));
    try {
      await expect(c.query(`UPDATE sigwb.profiles SET detected = array_fill(false, ARRAY[$2::int]) WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[s], k])).rejects.toThrow(
        `lab lab-a, sample ${ids[s]}, compound "${compounds[0]}": not detected, like every compound of the sample, yet its relative area is`,
      );
      await expect(c.query(`UPDATE sigwb.profiles SET detected[2] = NULL WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[0]])).rejects.toThrow(`lab lab-a, sample ${ids[0]}, compound "${compounds[1]}": detection flag NULL is neither true (detected) nor false (not detected)`);
      await expect(c.query(`UPDATE sigwb.profiles SET detection_limit = 'NaN' WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[0]])).rejects.toThrow(`lab lab-a, sample ${ids[0]}: detection limit NaN is not a finite number ≥ 0`);
      await expect(c.query(`UPDATE sigwb.profiles SET detected = detected[1:2] WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[0]])).rejects.toThrow(`lab lab-a, sample ${ids[0]}: 2 detection flags for ${k} compounds`);
    } finally {
      await c.end();
    }
    expect(await storeState()).toEqual(before);
    // A row that got past the server's check (an administrator writing with triggers off) is refused by the pull.
    const e = ws('lab-e');
    const snapshot = snapshotTree(e, { engine: true });
    await admin.query('BEGIN');
    await admin.query('SET LOCAL session_replication_role = replica');
    await admin.query(`UPDATE sigwb.profiles SET detected = array_fill(false, ARRAY[$2::int]) WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[s], k]);
    await admin.query('COMMIT');
    const refused = await runCli('pull', '-w', e, '--store', server.url('lab_b'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^sigwb pull: refused, nothing written: postgresql://lab_b@[^ ]+, lab lab-a: sample ${ids[s]}, compound "${compounds[0]}": not detected, like every compound of the sample, yet its relative area is `));
    expect(snapshotTree(e, { engine: true })).toEqual(snapshot);
    // The row put back, the same pull goes through: the refusal was the row's.
    await admin.query('BEGIN');
    await admin.query('SET LOCAL session_replication_role = replica');
    await admin.query(`UPDATE sigwb.profiles SET detected = $2 WHERE lab_id = 'lab-a' AND sample_id = $1`, [ids[s], Array.from(profilesA.detection!.detected.subarray(s * k, s * k + k), (f) => f === 1)]);
    await admin.query('COMMIT');
    const ok = await runCli('pull', '-w', e, '--store', server.url('lab_b'));
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('with detection flags');
  });
});
