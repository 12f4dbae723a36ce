/**
 * Detection flags travel in exchange packages (shared/sharing/detection-part.ts), between the two labs of
 * test/util/two-labs.ts. Lab A shares with its flags (package schema 2) and without (schema 1). Lab B receives the
 * first and links its later batch: the LR of each link to a lab-A profile equals the LR the same pair gets in lab C, a
 * copy of lab B that imported lab A's results itself (same calibration, the samples local). Lab D receives the package
 * without flags: its links' LRs are on the row distance and say so, as before. A package whose flags contradict its
 * values, signed by the trusted key, is refused naming the sample and compound, and nothing is written; the schema-1
 * package of test/fixtures/sharing, made before flags existed, is still received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { unzipSync, zipSync } from 'fflate';
import { WITHOUT_FLAGS_NOTE } from '../../../shared/linking/link-evidence';
import { profilesFromArrow, profilesToArrow } from '../../../shared/sharing/profiles-arrow';
import { readSourceRecord } from '../../../shared/sharing/external-sources';
import { toBase64 } from '../../../shared/sharing/signing';
import { labSigner } from '../../../node/sharing/lab-keys';
import { expectLinksAsHeldLocally, latestLinks, linksByPair } from '../../util/cross-lab-links';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { makeTwoLabs, type TwoLabs } from '../../util/two-labs';

let t: ReturnType<typeof tempDir>;
let labs: TwoLabs;
let withFlags: string;
let withoutFlags: string;
let pub: string;
const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'sharing');
const cfgA = () => path.join(t.dir, 'config-a');
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const entries = (file: string) => unzipSync(new Uint8Array(readFileSync(file)));
const rezip = (e: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, [v, { level: 0 }]])));
const ws = (name: string) => path.join(t.dir, name);

/** Lab A's package with its profiles replaced by `profiles`, signed again by lab A's key (a trusted, consistent signature). */
async function resigned(profiles: Uint8Array, name: string): Promise<string> {
  const e = entries(withFlags);
  const m = JSON.parse(decode(e['manifest.json']));
  m.files[0].sha256 = createHash('sha256').update(profiles).digest('hex');
  m.files[0].size = profiles.length;
  const manifest = new TextEncoder().encode(JSON.stringify(m, null, 2) + '\n');
  const { signer } = await labSigner({ dir: cfgA() });
  const sig = { ...JSON.parse(decode(e['signature.json'])), signature: toBase64(await signer.sign(manifest)) };
  const file = path.join(t.dir, name);
  writeFileSync(file, rezip({ 'manifest.json': manifest, 'profiles.arrow': profiles, 'signature.json': new TextEncoder().encode(JSON.stringify(sig, null, 2) + '\n') }));
  return file;
}

beforeAll(async () => {
  t = tempDir('sigwb-flags-');
  labs = await makeTwoLabs(t.dir);
  process.env.SIGWB_CONFIG_DIR = cfgA();
  withFlags = path.join(t.dir, 'lab-a.sigwb');
  withoutFlags = path.join(t.dir, 'lab-a-v1.sigwb');
  for (const [out, extra] of [[withFlags, []], [withoutFlags, ['--without-detection-flags']]] as const) {
    const r = await runCli('share', '-w', labs.a, '--out', out, '--lab', 'Lab A', '--redact', 'external-partner', ...extra);
    expect(r.code, r.err).toBe(0);
  }
  pub = path.join(t.dir, 'lab-a.pub.json');
  expect((await runCli('keys', '--export', pub)).code).toBe(0);
  // Lab C: lab B with lab A's samples imported (not received); lab D: lab B for the package without flags; lab E for refusals.
  for (const name of ['lab-c', 'lab-d', 'lab-e', 'lab-f']) cpSync(labs.b, ws(name), { recursive: true });
}, 600_000);
afterAll(() => {
  delete process.env.SIGWB_CONFIG_DIR;
  t.cleanup();
});

describe('detection flags in exchange packages', () => {
  it('go in profiles.arrow as a schema-2 part the manifest names and the signature covers; without them the package is schema 1', () => {
    const e = entries(withFlags);
    const m = JSON.parse(decode(e['manifest.json']));
    expect(m).toMatchObject({ schema_version: 2, detection: { schema_version: 1, non_detects: 'half-lod', flags: 'detected:<compound>', limit: 'detection_limit', limit_units: 'relative-area' } });
    const table = tableFromIPC(e['profiles.arrow']);
    const compounds: string[] = m.method.compounds;
    for (const c of compounds) expect(table.getChild(`detected:${c}`)!.toArray()).toBeInstanceOf(Uint8Array);
    const flags = compounds.flatMap((c) => Array.from(table.getChild(`detected:${c}`)!.toArray() as Uint8Array));
    // The generated results hold non-detects (areas under 1,500 are written "nd"): both values occur.
    expect(flags.filter((f) => f === 0).length).toBeGreaterThan(0);
    expect(flags.filter((f) => f === 1).length).toBeGreaterThan(0);
    const limits = Array.from(table.getChild('detection_limit')!.toArray() as Float64Array);
    expect(limits.every((l) => l > 0 && l < 1)).toBe(true);
    expect(m.redaction.columns).toEqual(expect.arrayContaining([`detected:${compounds[0]}`, 'detection_limit']));
    const old = JSON.parse(decode(entries(withoutFlags)['manifest.json']));
    expect(old.schema_version).toBe(1);
    expect(old).not.toHaveProperty('detection');
    expect(tableFromIPC(entries(withoutFlags)['profiles.arrow']).schema.fields.some((f) => f.name.startsWith('detected:') || f.name === 'detection_limit')).toBe(false);
  });

  it('let the receiving lab compare pairs as censored: each link\'s LR equals the LR of the same two samples held locally', async () => {
    const b = labs.b;
    expect((await runCli('trust', '-w', b, pub, '--name', 'partner A')).code).toBe(0);
    const r = await runCli('receive', '-w', b, withFlags);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('with detection flags and limits');
    expect((await runCli('import', '-w', b, labs.bLater)).code).toBe(0);
    // Lab C holds lab A's samples itself, under lab B's calibration (C0001, unchanged by importing).
    const c = ws('lab-c');
    expect((await runCli('import', '-w', c, path.join(t.dir, 'in', 'metadata-a.csv'), path.join(t.dir, 'in', 'results-a.csv'))).code).toBe(0);
    expect((await runCli('import', '-w', c, labs.bLater)).code).toBe(0);
    const received = latestLinks(b);
    expect(received.method.external_sources[0]).toMatchObject({ id: 'S0001', pair_comparison: 'censored' });
    expect(expectLinksAsHeldLocally(received, latestLinks(c))).toBeGreaterThanOrEqual(100);
  });

  it('without them (schema 1), links to the partner keep the row distance\'s LR and say so', async () => {
    const d = ws('lab-d');
    expect((await runCli('trust', '-w', d, pub, '--name', 'partner A')).code).toBe(0);
    const r = await runCli('receive', '-w', d, withoutFlags);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('without detection flags');
    expect((await runCli('import', '-w', d, labs.bLater)).code).toBe(0);
    const record = latestLinks(d);
    expect(record.method.external_sources[0]).toMatchObject({ id: 'S0001', pair_comparison: 'substitute' });
    const withFlagsLinks = linksByPair(latestLinks(labs.b), 'external_links');
    let differ = 0;
    let n = 0;
    for (const s of record.samples) {
      for (const l of s.external_links) {
        n++;
        expect(l.verbal.endsWith(WITHOUT_FLAGS_NOTE)).toBe(true);
        const flagged = withFlagsLinks.get(s.sample_id)?.get(l.sample_id);
        if (flagged && Math.abs(flagged.log10_lr! - l.log10_lr!) > 1e-9) differ++;
      }
    }
    expect(n).toBeGreaterThan(0);
    // The flags change some links' LRs (censoring matters for weak samples); the row distances are the same.
    expect(differ).toBeGreaterThan(0);
  });

  it('refuses, naming the sample and compound and writing nothing, a package whose flags contradict its values', async () => {
    const e = entries(withFlags);
    const m = JSON.parse(decode(e['manifest.json']));
    const compounds: string[] = m.method.compounds;
    const good = profilesFromArrow(e['profiles.arrow'], compounds, 'x', { detection: true });
    const ids = good.facts.sample_id!;
    const flag2 = { ...good, detection: { detected: Uint8Array.from(good.detection!.detected), limits: good.detection!.limits } };
    flag2.detection.detected[3 * compounds.length + 2] = 2;
    const nan = { ...good, detection: { detected: good.detection!.detected, limits: Float64Array.from(good.detection!.limits) } };
    nan.detection.limits[5] = NaN;
    // A sample with nothing detected: its relative areas are 0 under the half-lod rule, so a value there contradicts the flags.
    const none = { ...good, detection: { detected: Uint8Array.from(good.detection!.detected), limits: good.detection!.limits } };
    none.detection.detected.fill(0, 7 * compounds.length, 8 * compounds.length);
    const table = tableFromIPC(e['profiles.arrow']);
    const short = tableToIPC(table.select(table.schema.fields.map((f) => f.name).filter((n) => n !== `detected:${compounds[4]}`)), 'file');
    const cases: [Uint8Array, RegExp][] = [
      [profilesToArrow(flag2), new RegExp(`^sigwb receive: refused, nothing written: flag2\\.sigwb: profiles\\.arrow: sample ${ids[3]}, compound "${compounds[2]}": detection flag 2 is neither 1 \\(detected\\) nor 0 \\(not detected\\)`)],
      [profilesToArrow(nan), new RegExp(`nan\\.sigwb: profiles\\.arrow: sample ${ids[5]}: detection limit NaN is not a finite number ≥ 0`)],
      [profilesToArrow(none), new RegExp(`none\\.sigwb: profiles\\.arrow: sample ${ids[7]}, compound "${compounds[0]}": not detected, like every compound of the sample, yet its relative area is`)],
      [short, new RegExp(`short\\.sigwb: profiles\\.arrow: no uint8 column detected:${compounds[4]}: the detection flags of compound "${compounds[4]}" are missing`)],
    ];
    const e2 = ws('lab-e');
    expect((await runCli('trust', '-w', e2, pub, '--name', 'partner A')).code).toBe(0);
    const before = snapshotTree(e2, { engine: true });
    for (const [[bytes, message], name] of cases.map((c, k) => [c, ['flag2', 'nan', 'none', 'short'][k]] as const)) {
      const r = await runCli('receive', '-w', e2, await resigned(bytes, `${name}.sigwb`));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    }
    expect(snapshotTree(e2, { engine: true })).toEqual(before);
    // The same profiles, consistent, signed the same way, are received: the refusals were the flags'.
    expect((await runCli('receive', '-w', e2, await resigned(e['profiles.arrow'], 'resigned.sigwb'))).code).toBe(0);
  });

  it('keeps reading packages of schema 1 made before flags existed, and source records made before them', async () => {
    const f = ws('lab-f');
    expect((await runCli('trust', '-w', f, path.join(fixtures, 'lab-a-v1.pub.json'), '--name', 'fixture lab')).code).toBe(0);
    expect(JSON.parse(decode(entries(path.join(fixtures, 'lab-a-v1.sigwb'))['manifest.json'])).schema_version).toBe(1);
    const r = await runCli('receive', '-w', f, path.join(fixtures, 'lab-a-v1.sigwb'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/22 profiles kept as source S0001/);
    expect(r.out).toContain('without detection flags');
    const record = JSON.parse(readFileSync(path.join(f, 'config', 'source-S0001.json'), 'utf8'));
    expect(record).toMatchObject({ schema_version: 2, detection: null, package: { lab: 'Lab A (fixture)' } });
    const { detection: _d, ...v1 } = record;
    expect(readSourceRecord({ ...v1, schema_version: 1 }, 'config/source-S0001.json')).toEqual(record);
    expect((await runCli('import', '-w', f, labs.bLater)).code).toBe(0);
    const searched = latestLinks(f).method.external_sources[0];
    expect(searched).toMatchObject({ id: 'S0001', pair_comparison: 'substitute' });
  });
});
