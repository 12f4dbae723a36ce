/**
 * Exchange packages between two labs (test/util/two-labs.ts): the package carries what the redaction profile allows
 * and the method with its validation; a partner reads it without the workbench (unzip, Arrow); a trusted package adds
 * a source that linking uses, with alerts naming the partner; a tampered package (a byte of the profiles, a changed
 * manifest) and one from an untrusted key are refused, and nothing is written. The lab's key stays outside the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { unzipSync, zipSync } from 'fflate';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { makeTwoLabs, type TwoLabs } from '../../util/two-labs';

let t: ReturnType<typeof tempDir>;
let labs: TwoLabs;
let pkg: string;
let pub: string;
const cfg = (name: string) => path.join(t.dir, `config-${name}`);

beforeAll(async () => {
  t = tempDir('sigwb-');
  labs = await makeTwoLabs(t.dir);
  process.env.SIGWB_CONFIG_DIR = cfg('a');
  pkg = path.join(t.dir, 'lab-a.sigwb');
  const share = await runCli('share', '-w', labs.a, '--out', pkg, '--lab', 'Lab A Vancouver', '--label', 'PROTECTED B');
  expect(share.code, share.err).toBe(0);
  pub = path.join(t.dir, 'lab-a.pub.json');
  expect((await runCli('keys', '--export', pub)).code).toBe(0);
}, 600_000);
afterAll(() => {
  delete process.env.SIGWB_CONFIG_DIR;
  t.cleanup();
});

const entries = () => unzipSync(new Uint8Array(readFileSync(pkg)));
const rezip = (e: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, [v, { level: 0 }]])));

describe('exchange packages', () => {
  it('holds the signatures, classes, dates, regions and ports of entry, without case ids, readable without the workbench', () => {
    const e = entries();
    expect(Object.keys(e).sort()).toEqual(['manifest.json', 'profiles.arrow', 'signature.json']);
    const m = JSON.parse(new TextDecoder().decode(e['manifest.json']));
    expect(m).toMatchObject({ format: 'signature-workbench/exchange-package', schema_version: 2, lab: 'Lab A Vancouver', label: 'PROTECTED B', redaction: { profile: 'intelligence-exchange', sample_ids: 'pseudonymised' } });
    expect(m.redaction.removed).toEqual(['agency', 'case_id', 'seizure_id']);
    expect(m.method).toMatchObject({ calibration_id: 'C0001', threshold: { fpr: expect.any(Number), tpr: expect.any(Number) }, auc: expect.any(Number), lr: { validated: expect.any(Boolean) } });
    const table = tableFromIPC(e['profiles.arrow']);
    expect(table.numRows).toBe(labs.samples.a);
    const names = table.schema.fields.map((f) => f.name);
    expect(names.slice(0, 7)).toEqual(['lab', 'sample_id', 'class_id', 'drug', 'seized_on', 'region', 'port_of_entry']);
    expect(names).not.toContain('case_id');
    expect(names).toContain(m.method.compounds[0]);
    expect(names).toContain(`n:${m.method.compounds[0]}`);
    const text = new TextDecoder().decode(readFileSync(pkg));
    expect(text).not.toMatch(/CASE-\d+|EX-\d+/);
    expect(table.getChild('sample_id')!.get(0)).toMatch(/^P-[0-9a-f]{20}$/);
    expect(table.getChild('port_of_entry')!.toArray().filter(Boolean).length).toBeGreaterThan(0);
  });

  it('keeps the private key out of the workspace, private to its user', () => {
    const key = path.join(cfg('a'), 'keys', 'lab-ed25519.json');
    expect(statSync(key).mode & 0o077).toBe(0);
    const secret = JSON.parse(readFileSync(key, 'utf8')).private_key_pkcs8_pem.split('\n')[1];
    for (const f of Object.keys(snapshotTree(labs.a, { engine: true }))) expect(readFileSync(path.join(labs.a, f), 'utf8')).not.toContain(secret);
  });

  it('refuses a package from a key the workspace does not trust, then receives it once trusted', async () => {
    const before = snapshotTree(labs.b);
    const untrusted = await runCli('receive', '-w', labs.b, pkg);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toContain('trusts no partner key yet');
    expect((await runCli('trust', '-w', labs.b, pub, '--name', 'partner A')).code).toBe(0);
    // Another lab's key, trusted, does not make lab A's package trusted.
    process.env.SIGWB_CONFIG_DIR = cfg('other');
    const otherPub = path.join(t.dir, 'other.pub.json');
    await runCli('keys', '--lab', 'Other lab', '--export', otherPub);
    const otherPkg = path.join(t.dir, 'other.sigwb');
    expect((await runCli('share', '-w', labs.a, '--out', otherPkg)).code).toBe(0);
    process.env.SIGWB_CONFIG_DIR = cfg('a');
    const refused = await runCli('receive', '-w', labs.b, otherPkg);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refused, nothing written: other.sigwb: signed by a key this workspace does not trust \(fingerprint [0-9a-f ]+…, the package says lab "Other lab"\)/);
    const after = snapshotTree(labs.b);
    expect(Object.keys(after).filter((f) => !(f in before) || before[f] !== after[f]).sort()).toEqual(['audit.jsonl', 'config/trusted-keys-V0001.json', 'config/trusted-keys.json', 'workspace.json']);
  });

  it('refuses a tampered package: a byte of its profiles, or its manifest edited', async () => {
    const e = entries();
    const bytes = Uint8Array.from(e['profiles.arrow']);
    bytes[bytes.length - 200] ^= 1;
    const flipped = path.join(t.dir, 'flipped.sigwb');
    writeFileSync(flipped, rezip({ ...e, 'profiles.arrow': bytes }));
    const r1 = await runCli('receive', '-w', labs.b, flipped);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/profiles.arrow has changed since it was signed \(SHA-256 [0-9a-f]{12}…, signed [0-9a-f]{12}…\)/);
    const m = JSON.parse(new TextDecoder().decode(e['manifest.json']));
    m.files[0].sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    const edited = path.join(t.dir, 'edited.sigwb');
    writeFileSync(edited, rezip({ ...e, 'manifest.json': new TextEncoder().encode(JSON.stringify(m, null, 2) + '\n'), 'profiles.arrow': bytes }));
    const r2 = await runCli('receive', '-w', labs.b, edited);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("the signature does not verify with partner A's key");
    expect(Object.keys(snapshotTree(labs.b)).some((f) => f.startsWith('sources/'))).toBe(false);
  });

  it('adds a trusted package as a source that linking uses, with alerts naming the partner', async () => {
    const r = await runCli('receive', '-w', labs.b, pkg);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${labs.samples.a} profiles kept as source S0001`);
    expect((await runCli('receive', '-w', labs.b, pkg)).err).toMatch(/already received as source S0001/);
    expect((await runCli('import', '-w', labs.b, labs.bLater)).code).toBe(0);
    const record = JSON.parse(readFileSync(path.join(labs.b, 'config/links-B0003.json'), 'utf8'));
    expect(record.method.external_sources[0]).toMatchObject({ id: 'S0001', name: 'partner A', profiles: labs.samples.a });
    expect(record.method.external_sources[0].links).toBeGreaterThan(0);
    // The partner's profiles are a store of their own: each drug's search threshold follows its size, and every link
    // to them is within it (shared/linking/search-threshold.ts).
    const ext = record.method.external_sources[0];
    expect(ext.search.length).toBeGreaterThan(0);
    for (const e of ext.search) {
      expect(e.searched).toBeLessThanOrEqual(labs.samples.a);
      if (e.rule !== 'tail-limited') expect(e.expected_false_links_upper).toBeLessThanOrEqual(1);
    }
    for (const s of record.samples) for (const l of s.external_links) expect(l.distance).toBeLessThanOrEqual(ext.search.find((e: { drug: string | null }) => e.drug === s.drug).threshold);
    const alerts = (await runCli('links', '-w', labs.b, '--since', 'B0003', '--format', 'json')).out;
    const lab = JSON.parse(alerts).alerts.filter((a: { kinds: string[] }) => a.kinds.includes('lab'));
    expect(lab.length).toBeGreaterThan(0);
    expect(lab[0].summary).toMatch(/links to partner A's class \d+/);
    expect(lab[0].strongest).toMatchObject({ lab: 'partner A', source: 'S0001', sample_id: expect.stringMatching(/^P-/) });
    const text = (await runCli('links', '-w', labs.b, '--since', 'B0003')).out;
    expect(text).toMatch(/^Across labs:$/m);
    expect(text).toMatch(/^ {2}B0003: (class \d+|candidate class B0003-N\d+|sample N\d+) links to \d+ samples? of partner A's class \d+/m);
    // The default profile (intelligence-exchange) keeps agencies in the lab: no alert can name one.
    expect(text).not.toContain('submitted by');
  });
});
