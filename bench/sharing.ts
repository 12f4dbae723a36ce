/**
 * `npm run bench -- sharing` (issue 13): on a PostgreSQL 15 started for the run (test/util/postgres.ts),
 *
 *   publish   100,000 profiles of 25 compounds published by one lab (hash, chunked upserts, row-level security and the
 *             audit trigger), against the same rows inserted by one plain INSERT … SELECT into a table without policies
 *             or triggers (the reference: the server's own floor for that data); then publishing again with nothing
 *             changed; the store's size on disk;
 *   pull      the same profiles pulled by another lab's workstation into a source of its workspace: time, rows read,
 *             the source file's size;
 *   package   10,000 profiles written as a signed exchange package (pseudonymised ids, two Arrow matrices, Ed25519) and
 *             received by a partner (signature, hashes, profiles read, source written), against writing the same
 *             Arrow table and hashing it (the reference floor).
 *
 * The profiles are generated in memory (the shapes of shared/sharing/shared-profiles.ts); reading them out of a
 * workspace is the analysis bench's concern. The machine is shared: the load average is printed with the figures.
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
import { comparableKey, type SharedMethod } from '../shared/sharing/exchange-method';
import { profilesToArrow } from '../shared/sharing/profiles-arrow';
import { receivePackage } from '../shared/sharing/receive-package';
import type { SharedProfiles } from '../shared/sharing/shared-profiles';
import { publicKeyDoc } from '../shared/sharing/signing';
import { trustKey } from '../shared/sharing/trust-store';
import { sha256Hex } from '../shared/util/sha256';
import { Workspace } from '../shared/workspace/Workspace';
import { mulberry32 } from '../shared/profiling/util/rng';
import { postgresAbsent, startPostgres } from '../test/util/postgres';

const MiB = 1024 * 1024;
const ACTOR = { user: 'bench', appVersion: '0.0.0' };
const load = (): string => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`;
const secs = (t0: number): number => (performance.now() - t0) / 1000;

/** n generated profiles of p compounds: 2,000 classes, three years, nine regions, 12 ports of entry on 8 % of them. */
async function generated(n: number, p: number): Promise<SharedProfiles> {
  const rng = mulberry32(13);
  const rnd = (): number => rng.next();
  const compounds = Array.from({ length: p }, (_, c) => `Impurity ${String(c + 1).padStart(2, '0')}`);
  const base = { compounds, pretreatment: 'fourth-root', score: 'pearson', log_offset: 1e-4, column_scaling: null };
  const method: SharedMethod = {
    ...base,
    calibration_id: 'C0001',
    comparable_key: await comparableKey(base),
    threshold: { distance: 0.02, score_100: 1, fpr: 0.025, tpr: 0.95 },
    accepted_fpr: 0.025,
    auc: 0.98,
    pairs: { linked: 5000, unlinked: 50000 },
    pairs_rule: null,
    lr: { model: 'bench', validated: false, validation: null },
    warnings: [],
  };
  const relative = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += relative[i * p + c] = rnd() < 0.15 ? 0 : rnd();
    for (let c = 0; c < p; c++) relative[i * p + c] /= s || 1;
  }
  const values = relative.map((v) => Math.sqrt(Math.sqrt(v)));
  const regions = ['British Columbia', 'Alberta', 'Saskatchewan', 'Manitoba', 'Ontario', 'Québec', 'New Brunswick', 'Nova Scotia', 'Newfoundland and Labrador'];
  const ports = ['Pacific Highway', 'Douglas', 'Coutts', 'North Portal', 'Emerson', 'Ambassador Bridge', 'Blue Water Bridge', 'Peace Bridge', 'Queenston-Lewiston Bridge', 'Lacolle', 'Stanstead', 'Woodstock'];
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(7, '0')}`);
  const day0 = Date.UTC(2023, 0, 1);
  return {
    lab: null,
    method,
    classRunId: 'R0001',
    n,
    facts: {
      sample_id: ids,
      class_id: ids.map((_, i) => i % 2000),
      drug: ids.map((_, i) => (i % 4 === 3 ? 'methamphetamine' : 'fentanyl')),
      seized_on: ids.map((_, i) => new Date(day0 + ((i * 7919) % 1095) * 86_400_000).toISOString().slice(0, 10)),
      region: ids.map((_, i) => regions[i % regions.length]),
      port_of_entry: ids.map((_, i) => (i % 12 === 5 ? ports[i % ports.length] : null)),
      agency: ids.map((_, i) => (i % 12 === 5 ? 'CBSA' : 'RCMP')),
      case_id: ids.map((_, i) => `CASE-${Math.floor(i / 4)}`),
      seizure_id: ids.map((_, i) => `EX-${Math.floor(i / 2)}`),
    },
    values,
    relative,
    // The figures in docs/SHARING.md are of packages without the detection part (schema 1).
    detection: null,
  };
}

async function newWorkspace(dir: string, name: string): Promise<Workspace> {
  return Workspace.create(new NodeFileStore(path.join(dir, name)), name, ACTOR);
}

async function benchStore(dir: string, profiles: SharedProfiles): Promise<void> {
  const absent = postgresAbsent();
  if (absent) {
    console.log(`  store: skipped (${absent})`);
    return;
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
    // The reference: the same rows in one INSERT … SELECT into a bare table (no policies, no trigger, no chunks, no hashes).
    await admin.query('CREATE TABLE bare (lab_id text, sample_id text, class_id int, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[], PRIMARY KEY (lab_id, sample_id))');
    const k = profiles.method.compounds.length;
    const json = JSON.stringify(profiles.facts.sample_id.map((id, i) => ({ sample_id: id, class_id: profiles.facts.class_id[i], drug: profiles.facts.drug[i], seized_on: profiles.facts.seized_on[i], region: profiles.facts.region[i], port_of_entry: profiles.facts.port_of_entry[i], compounds: profiles.method.compounds, pretreated: Array.from(profiles.values.subarray(i * k, i * k + k)), relative: Array.from(profiles.relative.subarray(i * k, i * k + k)) })));
    t0 = performance.now();
    await admin.query(`INSERT INTO bare SELECT 'lab-a', r.* FROM jsonb_to_recordset($1::jsonb) AS r(sample_id text, class_id int, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[])`, [json]);
    const tBare = secs(t0);
    console.log(`  publish ${first.sent.toLocaleString('en-US')} profiles × ${k} compounds (+ ${first.classes} classes): ${tPublish.toFixed(1)} s (${Math.round(first.sent / tPublish).toLocaleString('en-US')} profiles/s, chunks of 2,000, RLS and audit trigger on)`);
    console.log(`    reference: one bare INSERT … SELECT of the same rows ${tBare.toFixed(1)} s → publish costs ${(tPublish / tBare).toFixed(2)}× the server's floor`);
    console.log(`    again with nothing changed: ${tAgain.toFixed(2)} s, ${again.sent} sent`);
    console.log(`    store on disk: ${(Number(size) / MiB).toFixed(0)} MiB (${detail.map((d) => `${d.relname} ${(Number(d.b) / MiB).toFixed(0)}`).join(', ')} MiB), ${(Number(size) / first.sent).toFixed(0)} bytes a profile with its audit rows`);
    const wsB = await newWorkspace(dir, 'b');
    const b = await connectStore(server.url('bench_b'));
    t0 = performance.now();
    const pulled = await pull(wsB, b, { url: server.url('bench_b') });
    const tPull = secs(t0);
    // The reference: the same rows and columns read by one query as the same role (no pages, no Arrow, nothing written).
    t0 = performance.now();
    const bare = await b.query(`SELECT p.lab_id, p.sample_id, p.revision, p.method_key, p.class_id, p.drug, to_char(p.seized_on, 'YYYY-MM-DD') AS seized_on, p.region, p.port_of_entry, d.agency, p.compounds, p.pretreated, p.relative
      FROM sigwb.profiles p LEFT JOIN sigwb.sample_details d ON d.lab_id = p.lab_id AND d.sample_id = p.sample_id WHERE p.lab_id <> 'lab-b'`);
    const tRead = secs(t0);
    await b.end();
    const file = statSync(path.join(dir, 'b', pulled.sources[0].data.file)).size;
    console.log(`  pull of ${pulled.profiles.toLocaleString('en-US')} profiles on another workstation: ${tPull.toFixed(1)} s (${Math.round(pulled.profiles / tPull).toLocaleString('en-US')} profiles/s, pages of 20,000, with their agencies), source file ${(file / MiB).toFixed(1)} MiB`);
    console.log(`    reference: one SELECT of the same ${bare.rowCount?.toLocaleString('en-US')} rows as the same role ${tRead.toFixed(1)} s → pull costs ${(tPull / tRead).toFixed(2)}× reading them`);
  } finally {
    delete process.env.PGPASSWORD;
    await admin.end();
    await server.stop();
  }
}

async function benchPackage(dir: string, profiles: SharedProfiles): Promise<void> {
  const ws = await newWorkspace(dir, 'p');
  const key = await labSigner({ lab: 'Bench lab', dir: path.join(dir, 'config') });
  let t0 = performance.now();
  const pkg = await buildPackage(ws, null as never, { redact: 'intelligence-exchange', label: 'PROTECTED B', signer: key.signer, appVersion: '0', profiles });
  const tWrite = secs(t0);
  const file = path.join(dir, 'bench.sigwb');
  writeFileSync(file, pkg.bytes);
  t0 = performance.now();
  const ref = profilesToArrow({ n: profiles.n, lab: profiles.facts.sample_id.map(() => 'x'), facts: { ...profiles.facts }, compounds: profiles.method.compounds, values: profiles.values, relative: profiles.relative });
  await sha256Hex(ref);
  const tRef = secs(t0);
  const partner = await newWorkspace(dir, 'partner');
  await trustKey(partner, await publicKeyDoc(key.signer, key.createdAt), 'bench lab', new Date().toISOString());
  t0 = performance.now();
  const source = await receivePackage(partner, pkg.bytes, 'bench.sigwb', new Date().toISOString());
  const tVerify = secs(t0);
  console.log(`  package of ${profiles.n.toLocaleString('en-US')} profiles × ${profiles.method.compounds.length} compounds: written and signed in ${tWrite.toFixed(2)} s (ids pseudonymised by signature), ${(pkg.bytes.length / MiB).toFixed(2)} MiB`);
  console.log(`    reference: the same Arrow table written and hashed ${tRef.toFixed(2)} s → ${(tWrite / tRef).toFixed(1)}×`);
  console.log(`    received by a partner (signature, SHA-256, profiles read, source ${source.id} written): ${tVerify.toFixed(2)} s`);
}

/** The sharing benchmark (see the module doc). */
export async function benchSharing(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-bench-sharing-'));
  try {
    console.log(`sharing: ${load()}`);
    await benchStore(dir, await generated(100_000, 25));
    await benchPackage(dir, await generated(10_000, 25));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
