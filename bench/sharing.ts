/**
 * `npm run bench -- sharing` (issue 13): on a PostgreSQL 15 started for the run (test/util/postgres.ts),
 *
 *   publish   100,000 profiles of 25 compounds published by one lab (hash, chunked upserts, row-level security, the
 *             audit trigger and the detection flags' trigger), against the same rows inserted by one plain
 *             INSERT … SELECT into a table without policies or triggers (the reference: the server's own floor for
 *             that data); then publishing again with nothing changed; the store's size on disk;
 *   pull      the same profiles pulled by another lab's workstation into a source of its workspace: time, rows read,
 *             the source file's size;
 *   package   10,000 profiles written as a signed exchange package (pseudonymised ids, two Arrow matrices, Ed25519) and
 *             received by a partner (signature, hashes, profiles read, source written), against writing the same
 *             Arrow table and hashing it (the reference floor).
 *
 * Each twice in one run, on the same generated areas (bench/sharing-profiles.ts): with the detection flags and limits
 * a calibration under the default 'half-lod' rule sends (package schema 2, flags in the store's rows), then without
 * (a calibration under the 'zero' rule: package schema 1, NULL flags), each against its own reference (the same rows
 * and columns), a PostgreSQL of its own for each, and what the flags cost in time and bytes.
 * Reading the profiles out of a workspace is the analysis bench's concern. The machine is shared: the load average is
 * printed with the figures.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { NodeFileStore } from '../node/files/node-file-store';
import { labSigner } from '../node/sharing/lab-keys';
import { publish } from '../node/store/publish';
import { pull } from '../node/store/pull';
import { addMember, connectStore, migrateStore } from '../node/store/store-client';
import { buildPackage } from '../shared/sharing/build-package';
import { profilesToArrow } from '../shared/sharing/profiles-arrow';
import { receivePackage } from '../shared/sharing/receive-package';
import type { SharedProfiles } from '../shared/sharing/shared-profiles';
import { publicKeyDoc } from '../shared/sharing/signing';
import { trustKey } from '../shared/sharing/trust-store';
import { sha256Hex } from '../shared/util/sha256';
import { Workspace } from '../shared/workspace/Workspace';
import { postgresAbsent, startPostgres } from '../test/util/postgres';
import { generatedProfiles } from './sharing-profiles';

const MiB = 1024 * 1024;
const ACTOR = { user: 'bench', appVersion: '0.0.0' };
const load = (): string => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`;
const secs = (t0: number): number => (performance.now() - t0) / 1000;

async function newWorkspace(dir: string, name: string): Promise<Workspace> {
  return Workspace.create(new NodeFileStore(path.join(dir, name)), name, ACTOR);
}

/** What the comparison of the two variants reads (seconds and bytes). */
interface StoreFigures {
  publish: number;
  again: number;
  storeBytes: number;
  profilesBytes: number;
  pull: number;
  sourceBytes: number;
}
interface PackageFigures {
  write: number;
  bytes: number;
  receive: number;
}

async function benchStore(dir: string, profiles: SharedProfiles): Promise<StoreFigures | null> {
  const absent = postgresAbsent();
  if (absent) {
    console.log(`  store: skipped (${absent})`);
    return null;
  }
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await migrateStore(admin);
    for (const r of ['bench_a', 'bench_b']) await admin.query(`CREATE ROLE ${r} LOGIN PASSWORD 'bench'`);
    await addMember(admin, 'bench_a', { kind: 'lab', labId: 'lab-a', labName: 'A' });
    await addMember(admin, 'bench_b', { kind: 'lab', labId: 'lab-b', labName: 'B' });
    process.env.PGPASSWORD = 'bench';
    const wsA = await newWorkspace(dir, 'a');
    const a = await connectStore(server.url('bench_a'));
    let t0 = performance.now();
    const first = await publish(wsA, null as never, a, { url: server.url('bench_a'), profiles });
    const tPublish = secs(t0);
    t0 = performance.now();
    const again = await publish(wsA, null as never, a, { url: server.url('bench_a'), profiles });
    const tAgain = secs(t0);
    await a.end();
    const size = (await admin.query(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sigwb' AND c.relkind = 'r'`)).rows[0].b;
    const detail = (await admin.query(`SELECT c.relname, pg_total_relation_size(c.oid)::bigint AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sigwb' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 4`)).rows;
    // A profile row's own bytes and how many fit a heap page of 8 kB: what the store's size moves by.
    const rows = (await admin.query(`SELECT avg(pg_column_size(p.*))::int AS bytes, count(*)::float8 / (pg_relation_size('sigwb.profiles') / current_setting('block_size')::int) AS per_page FROM sigwb.profiles p`)).rows[0];
    // The reference: the same rows in one INSERT … SELECT into a bare table (no policies, no trigger, no chunks, no hashes).
    const det = profiles.detection;
    const flagColumns = det ? ', detected boolean[], detection_limit float8' : '';
    await admin.query(`CREATE TABLE bare (lab_id text, sample_id text, class_id int, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[]${flagColumns}, PRIMARY KEY (lab_id, sample_id))`);
    const k = profiles.method.compounds.length;
    const json = JSON.stringify(
      profiles.facts.sample_id.map((id, i) => ({
        sample_id: id,
        class_id: profiles.facts.class_id[i],
        drug: profiles.facts.drug[i],
        seized_on: profiles.facts.seized_on[i],
        region: profiles.facts.region[i],
        port_of_entry: profiles.facts.port_of_entry[i],
        compounds: profiles.method.compounds,
        pretreated: Array.from(profiles.values.subarray(i * k, i * k + k)),
        relative: Array.from(profiles.relative.subarray(i * k, i * k + k)),
        ...(det ? { detected: Array.from(det.detected.subarray(i * k, i * k + k), (f) => f === 1), detection_limit: det.limits[i] } : {}),
      })),
    );
    t0 = performance.now();
    await admin.query(`INSERT INTO bare SELECT 'lab-a', r.* FROM jsonb_to_recordset($1::jsonb) AS r(sample_id text, class_id int, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[]${flagColumns})`, [json]);
    const tBare = secs(t0);
    console.log(`  publish ${first.sent.toLocaleString('en-US')} profiles × ${k} compounds (+ ${first.classes} classes): ${tPublish.toFixed(1)} s (${Math.round(first.sent / tPublish).toLocaleString('en-US')} profiles/s, chunks of 2,000, RLS and audit trigger on)`);
    console.log(`    reference: one bare INSERT … SELECT of the same rows ${tBare.toFixed(1)} s → publish costs ${(tPublish / tBare).toFixed(2)}× the server's floor`);
    console.log(`    again with nothing changed: ${tAgain.toFixed(2)} s, ${again.sent} sent`);
    console.log(`    store on disk: ${(Number(size) / MiB).toFixed(0)} MiB (${detail.map((d) => `${d.relname} ${(Number(d.b) / MiB).toFixed(0)}`).join(', ')} MiB), ${(Number(size) / first.sent).toFixed(0)} bytes a profile with its audit rows; a profile row ${rows.bytes} bytes, ${Number(rows.per_page).toFixed(1)} to a page`);
    const wsB = await newWorkspace(dir, 'b');
    const b = await connectStore(server.url('bench_b'));
    t0 = performance.now();
    const pulled = await pull(wsB, b, { url: server.url('bench_b') });
    const tPull = secs(t0);
    // The reference: the same rows and columns read by one query as the same role (no pages, no Arrow, nothing written).
    t0 = performance.now();
    const bare = await b.query(`SELECT p.lab_id, p.sample_id, p.revision, p.method_key, p.class_id, p.drug, to_char(p.seized_on, 'YYYY-MM-DD') AS seized_on, p.region, p.port_of_entry, d.agency, p.compounds, p.pretreated, p.relative${det ? ', p.detected, p.detection_limit' : ''}
      FROM sigwb.profiles p LEFT JOIN sigwb.sample_details d ON d.lab_id = p.lab_id AND d.sample_id = p.sample_id WHERE p.lab_id <> 'lab-b'`);
    const tRead = secs(t0);
    await b.end();
    const file = statSync(path.join(dir, 'b', pulled.sources[0].data.file)).size;
    console.log(`  pull of ${pulled.profiles.toLocaleString('en-US')} profiles on another workstation: ${tPull.toFixed(1)} s (${Math.round(pulled.profiles / tPull).toLocaleString('en-US')} profiles/s, pages of 20,000, with their agencies), source file ${(file / MiB).toFixed(1)} MiB, detection part ${pulled.sources[0].detection ? 'kept' : 'none'}`);
    console.log(`    reference: one SELECT of the same ${bare.rowCount?.toLocaleString('en-US')} rows as the same role ${tRead.toFixed(1)} s → pull costs ${(tPull / tRead).toFixed(2)}× reading them`);
    const profilesBytes = Number(detail.find((d) => d.relname === 'profiles')?.b ?? 0);
    return { publish: tPublish, again: tAgain, storeBytes: Number(size), profilesBytes, pull: tPull, sourceBytes: file };
  } finally {
    delete process.env.PGPASSWORD;
    await admin.end();
    await server.stop();
  }
}

async function benchPackage(dir: string, profiles: SharedProfiles): Promise<PackageFigures> {
  const ws = await newWorkspace(dir, 'p');
  const key = await labSigner({ lab: 'Bench lab', dir: path.join(dir, 'config') });
  let t0 = performance.now();
  const pkg = await buildPackage(ws, null as never, { redact: 'intelligence-exchange', label: 'PROTECTED B', signer: key.signer, appVersion: '0', profiles });
  const tWrite = secs(t0);
  const file = path.join(dir, 'bench.sigwb');
  writeFileSync(file, pkg.bytes);
  t0 = performance.now();
  const ref = profilesToArrow({ n: profiles.n, lab: profiles.facts.sample_id.map(() => 'x'), facts: { ...profiles.facts }, compounds: profiles.method.compounds, values: profiles.values, relative: profiles.relative, detection: profiles.detection });
  await sha256Hex(ref);
  const tRef = secs(t0);
  const partner = await newWorkspace(dir, 'partner');
  await trustKey(partner, await publicKeyDoc(key.signer, key.createdAt), 'bench lab', new Date().toISOString());
  t0 = performance.now();
  const source = await receivePackage(partner, pkg.bytes, 'bench.sigwb', new Date().toISOString());
  const tVerify = secs(t0);
  console.log(`  package of ${profiles.n.toLocaleString('en-US')} profiles × ${profiles.method.compounds.length} compounds: written and signed in ${tWrite.toFixed(2)} s (ids pseudonymised by signature), ${(pkg.bytes.length / MiB).toFixed(2)} MiB`);
  console.log(`    reference: the same Arrow table written and hashed ${tRef.toFixed(2)} s → ${(tWrite / tRef).toFixed(1)}×`);
  console.log(`    received by a partner (signature, SHA-256, profiles read, source ${source.id} written, detection part ${source.detection ? 'kept' : 'none'}): ${tVerify.toFixed(2)} s`);
  return { write: tWrite, bytes: pkg.bytes.length, receive: tVerify };
}

/** The variants' difference: with flags against without, as an increase and a ratio. */
const more = (withFlags: number, without: number, unit: (x: number) => string): string => `${withFlags >= without ? '+' : '−'}${unit(Math.abs(withFlags - without))} (${(withFlags / without).toFixed(2)}×)`;
const sec = (x: number): string => `${x.toFixed(2)} s`;
const mib = (x: number): string => `${(x / MiB).toFixed(2)} MiB`;

/** The sharing benchmark (see the module doc). */
export async function benchSharing(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-bench-sharing-'));
  try {
    const figures: { store: StoreFigures | null; pkg: PackageFigures }[] = [];
    // Once untimed first, so that neither variant's package pays the first run's compilation.
    await buildPackage(await newWorkspace(dir, 'warm-up'), null as never, { redact: 'intelligence-exchange', label: 'PROTECTED B', signer: (await labSigner({ lab: 'Bench lab', dir: path.join(dir, 'warm-up-config') })).signer, appVersion: '0', profiles: await generatedProfiles(10_000, 25, 'half-lod') });
    for (const rule of ['half-lod', 'zero'] as const) {
      const here = path.join(dir, rule);
      const profiles = await generatedProfiles(100_000, 25, rule);
      console.log(rule === 'half-lod' ? `sharing with detection flags (the default: a 'half-lod' calibration's package schema 2, flags and limit in each store row): ${load()}` : `sharing without detection flags (a 'zero' calibration's: package schema 1, NULL flags in the store): ${load()}`);
      const store = await benchStore(here, profiles);
      figures.push({ store, pkg: await benchPackage(here, await generatedProfiles(10_000, 25, rule)) });
    }
    const [flagged, flagless] = figures;
    console.log(`what the flags cost (with − without): ${load()}`);
    if (flagged.store && flagless.store) {
      const [w, wo] = [flagged.store, flagless.store];
      console.log(`  publish ${more(w.publish, wo.publish, sec)}, again ${more(w.again, wo.again, sec)}, pull ${more(w.pull, wo.pull, sec)}`);
      console.log(`  store ${more(w.storeBytes, wo.storeBytes, mib)}, of which profiles ${more(w.profilesBytes, wo.profilesBytes, mib)} (${((w.profilesBytes - wo.profilesBytes) / 100_000).toFixed(0)} bytes a profile); pulled source file ${more(w.sourceBytes, wo.sourceBytes, mib)}`);
    }
    console.log(`  package ${more(flagged.pkg.bytes, flagless.pkg.bytes, mib)}, written ${more(flagged.pkg.write, flagless.pkg.write, sec)}, received ${more(flagged.pkg.receive, flagless.pkg.receive, sec)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
