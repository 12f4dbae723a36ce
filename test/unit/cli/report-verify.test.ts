/**
 * `sigwb report` (chemical-class reports) and `sigwb verify` end to end on the bundled sample data: imported,
 * calibrated and clustered through the CLI, reference samples of six sources tagged. Reports are written as HTML
 * and PDF, the PDF's pages are turned into PNG (pdftoppm -r 60, kept in test-results/class-report/ to look at),
 * and verify is shown to pass on untouched reports and to name what differs after one byte of an input batch,
 * one byte of the report, or the class run is changed; and to keep passing after the reference tags and redaction
 * profiles are changed (both kept as versions), also for a workspace of the earlier layout, while a changed version
 * is named; to keep passing after edits to documents a report never read (class annotations, import profiles, target
 * lists: a report lists only what it read), and after the compound dictionary, the signature library and the
 * calibration in force change (kept as versions too), also from a workspace where those were edited in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setCalibrationInForce } from '../../../shared/analysis/calibration-store';
import { saveTargetList } from '../../../shared/analysis/target-lists';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { saveSignatureLibrary } from '../../../shared/attribution/library-document';
import { emptyReferenceSamples, loadReferenceSamples, mergeReferenceTags, saveReferenceSamples } from '../../../shared/attribution/reference-tags';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { editWorkspaceDictionary } from '../../../shared/domain/workspace-dictionary';
import { saveImportProfile } from '../../../shared/importing/import-profile';
import { addAnnotation } from '../../../renderer/data/class-annotations';
import { DEFAULT_REDACTION_PROFILES, loadRedactionProfiles, saveRedactionProfiles } from '../../../shared/exporting/redaction';
import { chromiumPath } from '../../../cli/pdf';
import { openWorkspace, openWorkspaceDatabase } from '../../../cli/context';
import { buildClassReport } from '../../../shared/reporting/class-report';
import { verifyReport } from '../../../shared/reporting/verify-report';
import { openNodeDatabase } from '../../../node/db/node-database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { defineViews, openInDatabase } from '../../../shared/db/workspace-views';
import { loadDictionary } from '../../../shared/domain/workspace-dictionary';
import { registerSampleClasses } from '../../../shared/analysis/sample-classes';
import { auditReport } from '../../../shared/reporting/report-audit';
import { embeddedManifest } from '../../../shared/reporting/report-hash';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(HERE, '..', '..', '..', 'samples');
const ARTEFACTS = path.resolve(HERE, '..', '..', '..', 'test-results', 'class-report');
const FILES = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => path.join(SAMPLES, f.file));
const truth = readFileSync(path.join(SAMPLES, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
const sourceOf = new Map(truth.map((t) => [t[0], t[3]]));
const TRAIN = new Set(['SRC-01', 'SRC-02', 'SRC-03', 'SRC-04', 'SRC-05', 'SRC-06']);
const haveChromium = existsSync(chromiumPath());
const havePoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let tmp: ReturnType<typeof tempDir>;
let ws: string;
let classes: number[];
let reportCase: string;
let html: string;
let analystBefore: string | undefined;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const out = (name: string) => path.join(tmp.dir, 'out', name);
const auditLines = (dir: string) => readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A copy of the workspace to damage. */
function copyWorkspace(name: string): string {
  const dir = path.join(tmp.dir, name);
  cpSync(ws, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  tmp = tempDir('sigwb-report-verify-');
  analystBefore = process.env.SIGWB_ANALYST;
  process.env.SIGWB_ANALYST = 'Ana Analyst';
  ws = path.join(tmp.dir, 'ws');
  mkdirSync(path.join(tmp.dir, 'out'));
  expect((await runCli('init', ws)).code).toBe(0);
  const imported = await runCli('import', '--workspace', ws, ...FILES);
  expect(imported.code, imported.err).toBe(0);
  expect((await runCli('calibrate', '--workspace', ws)).code).toBe(0);
  const csvFile = path.join(tmp.dir, 'classes.csv');
  expect((await runCli('cluster', '--workspace', ws, '--out', csvFile)).code).toBe(0);
  const w = await openWorkspace(ws);
  const tags = truth.filter((t) => TRAIN.has(t[3])).map((t) => ({
    sample_id: t[0], drug: 'fentanyl', route: t[4].toLowerCase(), source: t[3], kind: 'other' as const, note: '', tagged_by: 'Ana Analyst', tagged_at: '2026-11-25T09:00:00Z',
  }));
  const { doc, change } = mergeReferenceTags(emptyReferenceSamples(), tags);
  await saveReferenceSamples(w, doc, change, 'truth.csv');
  // Two classes of questioned samples (sources not tagged), and a case of them with a sample in no class.
  const rows = readFileSync(csvFile, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const questioned = rows.filter((r) => !TRAIN.has(sourceOf.get(r[0]) ?? ''));
  const sizes = new Map<string, number>();
  for (const r of questioned) if (Number(r[6]) > 1) sizes.set(r[1], (sizes.get(r[1]) ?? 0) + 1);
  classes = [...sizes].filter(([id, n]) => n === rows.filter((r) => r[1] === id).length).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => Number(id));
  const cases = [...new Set(questioned.map((r) => r[3]).filter((c) => c !== ''))].sort();
  reportCase = cases.find((c) => questioned.some((r) => r[3] === c && r[6] === '1') && questioned.some((r) => r[3] === c && Number(r[6]) > 1)) ?? cases[0];
}, 120_000);

afterAll(() => {
  if (analystBefore === undefined) delete process.env.SIGWB_ANALYST;
  else process.env.SIGWB_ANALYST = analystBefore;
  tmp?.cleanup();
});

describe('sigwb report (chemical classes)', () => {
  it('writes the HTML report of named classes with its manifest, prints both SHA-256, and records it in the audit log', async () => {
    expect(classes).toHaveLength(2);
    const file = out('classes.html');
    const r = await runCli('report', '--workspace', ws, '--classes', classes.join(','), '--redact', 'law-enforcement', '--out', file);
    expect(r.code, r.err).toBe(0);
    html = readFileSync(file, 'utf8');
    const m = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(r.out).toMatch(new RegExp(`^Wrote chemical class report R-\\d{8}-[0-9a-f]{8}: \\d+ samples of class run R0001 \\(html, PROTECTED B\\) to ${escapeRe(file)}; profile law-enforcement removed 10 columns \\(.*\\); SHA-256 ${sha256(file)}; report SHA-256 ${m.report.report_sha256} \\(as the report defines it\\)\\n$`));
    expect(m).toMatchObject({ kind: 'report', analyst: 'Ana Analyst', content: { what: 'class-report' }, output: { format: 'html', sha256: sha256(file) }, report: { kind: 'class-report', settings: { scope: 'classes', run_id: 'R0001', class_ids: [...classes].sort((a, b) => a - b) } } });
    expect(m.inputs.batches.map((b: { batch_id: string }) => b.batch_id)).toEqual(['B0001', 'B0002', 'B0003', 'B0004', 'B0005']);
    const line = auditLines(ws).at(-1);
    expect(line).toMatchObject({ action: 'report', who: 'Ana Analyst', details: { export_id: m.export_id, report_kind: 'class-report', report_sha256: m.report.report_sha256 } });
    expect(line.written[0]).toEqual({ path: file, sha256: sha256(file) });
    for (const c of classes) expect(html).toContain(`<h3>Class ${c}</h3>`);
    expect(html).toContain('The data come from the synthetic sample files shipped with Signature Workbench');
    expect(html).toMatch(/<strong>Route:<\/strong> (most consistent with the \S+ route|undetermined)/);
    expect(html).toContain('Calibration</th><td>C0001, saved');
  });

  it('verify: an untouched report is reproduced exactly (exit 0), and verifying writes nothing', async () => {
    const before = snapshotTree(ws);
    const r = await runCli('verify', out('classes.html'), '--workspace', ws);
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Reproduced exactly: chemical class report R-\d{8}-[0-9a-f]{8} \(HTML\) from workspace /);
    expect(r.out).toContain('checked: 5 input batches, 3 workspace documents and 2 analysis records by SHA-256');
    expect(r.out).toMatch(/checked: the report computed again: the same \d+ bytes/);
    expect(snapshotTree(ws)).toEqual(before);
  });

  it('verify: one byte changed in the report is caught: altered after writing, and where the body differs', async () => {
    const file = out('altered.html');
    const at = html.indexOf('<td>', html.indexOf('<h3>Class')) + 4;
    writeFileSync(file, html.slice(0, at) + String.fromCharCode(html.charCodeAt(at) ^ 1) + html.slice(at + 1));
    copyFileSync(`${out('classes.html')}.manifest.json`, `${file}.manifest.json`);
    const r = await runCli('verify', file, '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sigwb verify: not reproduced: chemical class report R-\d{8}-[0-9a-f]{8} \(HTML\)\n/);
    expect(r.err).toMatch(/- report file altered after writing: its SHA-256, as the report defines it, is [0-9a-f]{12}…, and the report states [0-9a-f]{12}…/);
    expect(r.err).toMatch(/- report file altered after writing: the audit log recorded SHA-256 [0-9a-f]{12}… when it was written/);
    const line = html.slice(0, at).split('\n').length;
    expect(r.err).toContain(`- report body differs at line ${line}: the file has "`);
  });

  it('verify: one byte changed in an input batch\'s Arrow file is caught and the batch named', async () => {
    const dir = copyWorkspace('ws-batch');
    const batch = path.join(dir, 'batches', 'B0003.arrow');
    const bytes = readFileSync(batch);
    bytes[bytes.length >> 1] ^= 0x01;
    writeFileSync(batch, bytes);
    const r = await runCli('verify', out('classes.html'), '--workspace', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/- input batch B0003 changed: batches\/B0003\.arrow has SHA-256 [0-9a-f]{12}…, the report was made from [0-9a-f]{12}…\n {2}- not computed again: its inputs differ\n$/);
    expect(r.err).not.toMatch(/B000[1245]/);
  });

  it('verify: a replaced class run is caught, whether its record or its data file', async () => {
    const dir = copyWorkspace('ws-run');
    const w = await openWorkspace(dir);
    const record = JSON.parse(readFileSync(path.join(dir, 'config', 'class-run-R0001.json'), 'utf8'));
    await w.putDocument('class-run-R0001', { ...record, analyst: 'someone else' }, 'test.replace');
    const r = await runCli('verify', out('classes.html'), '--workspace', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/- class run R0001 \(config\/class-run-R0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…/);

    const dir2 = copyWorkspace('ws-run-data');
    copyFileSync(path.join(dir2, 'batches', 'B0002.arrow'), path.join(dir2, 'classes', 'R0001.arrow'));
    const r2 = await runCli('verify', out('classes.html'), '--workspace', dir2);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/- class run R0001 changed: its data file classes\/R0001\.arrow has SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…/);
  });

  it('verify: a workspace that moved on (a new class run, now the latest) still reproduces the report', async () => {
    const dir = copyWorkspace('ws-later');
    expect((await runCli('cluster', '--workspace', dir, '--linkage', 'complete', '--out', path.join(tmp.dir, 'later.csv'))).code).toBe(0);
    const r = await runCli('verify', out('classes.html'), '--workspace', dir);
    expect(r.code, r.err).toBe(0);
  });

  it('verify: a sample list is reproduced too; a file that is no report is refused, saying why', async () => {
    const list = out('list.html');
    expect((await runCli('report', '-w', ws, '--kind', 'sample-list', '--case', reportCase, '-o', list)).code).toBe(0);
    expect((await runCli('verify', list, '-w', ws)).out).toMatch(/^Reproduced exactly: sample list R-/);
    const csv = out('data.csv');
    writeFileSync(csv, 'sample_id\nFS24-00001\n');
    expect(await runCli('verify', csv, '-w', ws)).toMatchObject({ code: 1, err: expect.stringMatching(/its manifest cannot be read: the file holds no Signature Workbench manifest \(is it a report\?\)/) });
  });

  it('refuses unclear requests: usage (exit 2) and unknown classes or runs (exit 1)', async () => {
    const o = out('never.html');
    const cases: [string[], number, RegExp][] = [
      [['--classes', '1', '--case', reportCase], 2, /give --classes or --case, not both/],
      [['--kind', 'sample-list', '--classes', '1'], 2, /--classes and --run make a class report/],
      [['--classes', 'one'], 2, /--classes takes class ids/],
      [['--kind', 'classes'], 2, /a class report needs --classes <ids> or --case <id>/],
      [['--classes', '1', '--run', 'latest'], 2, /--run takes a class run id/],
      [['--classes', '99999'], 1, /class run R0001 has no class 99999 of two or more samples/],
      [['--classes', '1', '--run', 'R0042'], 1, /the workspace has no class run R0042 \(runs: R0001\)/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli('report', '-w', ws, '-o', o, ...args);
      expect({ code: r.code, err: r.err }, args.join(' ')).toMatchObject({ code, err: expect.stringMatching(message) });
    }
    expect(existsSync(o)).toBe(false);
    expect((await runCli('verify', '-w', ws)).code).toBe(2);
    expect((await runCli('--help')).out).toContain('sigwb verify <report.html|report.pdf> --workspace <dir>');
  });
});

/** Removes the tags of one source and takes `agency` out of the law-enforcement profile: each saved as a new version. */
async function changeTagsAndProfiles(dir: string): Promise<void> {
  const w = await openWorkspace(dir);
  const current = await loadReferenceSamples(w);
  const { doc, change } = mergeReferenceTags(current, [], current.samples.filter((t) => t.source === 'SRC-06').map((t) => t.sample_id));
  expect(change.removed.length).toBeGreaterThan(0);
  await saveReferenceSamples(w, doc, change, 'fewer.csv');
  const set = await loadRedactionProfiles(w);
  await saveRedactionProfiles(w, set.profiles.map((p) => (p.name === 'law-enforcement' ? { ...p, allow: p.allow.filter((c) => c !== 'agency') } : p)));
}

/** Flips one character inside a stored JSON document (a route or a column name), keeping it valid JSON. */
function tamper(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('sigwb verify after the reference tags and redaction profiles change', () => {
  let dir: string;
  let before: string;

  it('a report made before the change still reproduces exactly, against the versions it recorded; a new report uses the new ones', async () => {
    dir = copyWorkspace('ws-versions');
    await saveRedactionProfiles(await openWorkspace(dir), DEFAULT_REDACTION_PROFILES.profiles);
    before = out('before-change.html');
    expect((await runCli('report', '-w', dir, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', before)).code).toBe(0);
    const m = JSON.parse(readFileSync(`${before}.manifest.json`, 'utf8'));
    const doc = (name: string) => JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).documents[name].sha256 as string;
    expect(m.inputs.versions).toEqual([
      { document: 'redaction-profiles', version: 'V0001', sha256: doc('redaction-profiles-V0001') },
      { document: 'reference-samples', version: 'V0001', sha256: doc('reference-samples-V0001') },
    ]);
    expect(m.inputs.documents.map((d: { name: string }) => d.name).sort()).toEqual(['calibration-C0001', 'class-run-R0001', 'redaction-profiles-V0001', 'reference-samples-V0001']);
    expect(readFileSync(before, 'utf8')).toContain('<h3>Document versions used</h3>');

    await changeTagsAndProfiles(dir);
    const r = await runCli('verify', before, '-w', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('checked: the document versions it used: redaction profiles V0001, reference samples V0001');

    const after = out('after-change.html');
    expect((await runCli('report', '-w', dir, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', after)).code).toBe(0);
    expect(JSON.parse(readFileSync(`${after}.manifest.json`, 'utf8')).inputs.versions.map((v: { version: string }) => v.version)).toEqual(['V0002', 'V0002']);
    expect(readFileSync(before, 'utf8')).toContain('>Agency</th>');
    expect(readFileSync(after, 'utf8')).not.toContain('>Agency</th>');
    expect((await runCli('verify', after, '-w', dir)).out).toContain('checked: the document versions it used: redaction profiles V0002, reference samples V0002');
  });

  it('a changed byte in the stored version a report used is caught and the version named; the copy in force is not an input', async () => {
    const refs = path.join(tmp.dir, 'ws-versions-tampered');
    cpSync(dir, refs, { recursive: true });
    tamper(path.join(refs, 'config', 'reference-samples-V0001.json'), '"route": "janssen"', '"route": "jansen"');
    tamper(path.join(refs, 'config', 'redaction-profiles-V0001.json'), '"agency"', '"agencY"');
    writeFileSync(path.join(refs, 'config', 'reference-samples.json'), '{}\n');
    const r = await runCli('verify', before, '-w', refs);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/- redaction profiles version V0001 \(config\/redaction-profiles-V0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…\n/);
    expect(r.err).toMatch(/- reference samples version V0001 \(config\/reference-samples-V0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…\n/);
    expect(r.err).not.toMatch(/V0002|reference-samples\.json/);
    expect(r.err).toMatch(/- not computed again: its inputs differ\n$/);
  });

  it('a workspace of the earlier layout (documents edited in place, written here by hand) opens, reports and verifies, and keeps verifying once they are saved as versions', async () => {
    const old = copyWorkspace('ws-old-layout');
    const manifestFile = path.join(old, 'workspace.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const { version: _, ...tags } = JSON.parse(readFileSync(path.join(old, 'config', 'reference-samples-V0001.json'), 'utf8'));
    rmSync(path.join(old, 'config', 'reference-samples-V0001.json'));
    delete manifest.documents['reference-samples-V0001'];
    const writeOld = (name: string, value: unknown) => {
      const text = JSON.stringify(value, null, 2) + '\n';
      writeFileSync(path.join(old, 'config', `${name}.json`), text);
      manifest.documents[name] = { file: `config/${name}.json`, sha256: createHash('sha256').update(text).digest('hex'), updated_at: '2026-11-25T09:00:00.000Z' };
    };
    writeOld('reference-samples', { ...tags, schema_version: 1 });
    writeOld('redaction-profiles', { format: 'signature-workbench/redaction-profiles', schema_version: 1, profiles: DEFAULT_REDACTION_PROFILES.profiles });
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    const earlier = readFileSync(path.join(old, 'config', 'reference-samples.json'));

    const report = out('old-layout.html');
    const made = await runCli('report', '-w', old, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', report);
    expect(made.code, made.err).toBe(0);
    const m = JSON.parse(readFileSync(`${report}.manifest.json`, 'utf8'));
    expect(m.inputs.versions).toEqual([
      { document: 'redaction-profiles', version: null, sha256: manifest.documents['redaction-profiles'].sha256 },
      { document: 'reference-samples', version: null, sha256: manifest.documents['reference-samples'].sha256 },
    ]);
    const v = await runCli('verify', report, '-w', old);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('checked: the document versions it used: redaction profiles as kept before versions, reference samples as kept before versions');

    await changeTagsAndProfiles(old);
    expect(readFileSync(path.join(old, 'config', 'reference-samples-V0001.json'))).toEqual(earlier);
    expect(existsSync(path.join(old, 'config', 'reference-samples-V0002.json'))).toBe(true);
    const again = await runCli('verify', report, '-w', old);
    expect(again.code, again.err).toBe(0);

    tamper(path.join(old, 'config', 'reference-samples-V0001.json'), '"route": "janssen"', '"route": "jansen"');
    const bad = await runCli('verify', report, '-w', old);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/- reference samples as the report read them \(config\/reference-samples\.json, kept since as version V0001 in config\/reference-samples-V0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…\n/);
  });
});

const AUTHOR = { analyst: 'Ana Analyst', appVersion: '0.1.0' };
const names = (m: { inputs: { documents: { name: string }[] } }) => m.inputs.documents.map((d) => d.name).sort();
const versionsOf = (file: string) => (JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')).inputs.versions as { document: string; version: string | null }[]).map((v) => `${v.document} ${v.version}`);

describe('sigwb verify after edits to documents a report did not read', () => {
  it('a report lists only the documents it read; an annotation, an import profile and a target list saved later leave it verifiable', async () => {
    const dir = copyWorkspace('ws-unread');
    const report = out('unread.html');
    const list = out('unread-list.html');
    expect((await runCli('report', '-w', dir, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', report)).code).toBe(0);
    expect((await runCli('report', '-w', dir, '--kind', 'sample-list', '--case', reportCase, '-o', list)).code).toBe(0);
    const m = JSON.parse(readFileSync(`${report}.manifest.json`, 'utf8'));
    expect(m.schema_version).toBe(4);
    expect(names(m)).toEqual(['calibration-C0001', 'class-run-R0001', 'reference-samples-V0001']);
    expect(names(JSON.parse(readFileSync(`${list}.manifest.json`, 'utf8')))).toEqual([]);

    const w = await openWorkspace(dir);
    await addAnnotation(w, { class_id: classes[0], run_id: 'R0001', members: 2, decision: 'link-confirmed', note: 'same press marks', by: 'Ana Analyst', at: '2026-11-25T11:00:00Z' });
    await saveImportProfile(w, { name: 'QP2020', columns: {}, options: { delimiter: ';' } });
    await saveTargetList(w, { drug: 'fentanyl', method: 'GC-MS', compounds: ['4-ANPP', 'NPP'] }, AUTHOR);
    expect(Object.keys(w.manifest.documents)).toEqual(expect.arrayContaining(['class-annotations', 'import-profiles', 'target-lists']));
    for (const file of [report, list]) {
      const r = await runCli('verify', file, '-w', dir);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(file === report ? 'checked: 5 input batches, 3 workspace documents and 2 analysis records' : 'checked: 5 input batches, 0 workspace documents');
    }
  });

  it('a report of manifest schema 2 (which listed every document) is computed again the same way and verifies', async () => {
    const dir = copyWorkspace('ws-schema2');
    const file = out('schema2.html');
    const { ws: w, db } = await openWorkspaceDatabase(dir);
    try {
      const ctx = { analyst: 'Ana Analyst', appVersion: '0.1.0', manifestSchema: 2 };
      // As a report of schema 2 was made: before the controlled vocabularies, the views showed values as written.
      await defineViews(db, w, await loadDictionary(w), null);
      const built = await buildClassReport(w, db, { scope: { by: 'classes', classIds: classes }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'schema2.html' }, ctx);
      writeFileSync(file, built.html);
      const output = { file_name: 'schema2.html', format: 'html', media_type: 'text/html; charset=utf-8', bytes: readFileSync(file).byteLength, sha256: sha256(file), formulas_neutralised: false };
      const manifest = { ...built.body, output };
      await auditReport(w, built, { bytes: readFileSync(file), manifest, manifestBytes: new TextEncoder().encode(JSON.stringify(manifest)), selection: built.selection, selectionNonce: built.selectionNonce }, { file, manifest: `${file}.manifest.json` });
    } finally {
      await db.close();
    }
    const embedded = embeddedManifest(readFileSync(file, 'utf8')) as { schema_version: number; inputs: { documents: { name: string }[] } };
    expect(embedded.schema_version).toBe(2);
    expect(names(embedded)).toEqual(['calibration-C0001', 'class-run-R0001', 'reference-samples-V0001']);
    await addAnnotation(await openWorkspace(dir), { class_id: classes[0], run_id: 'R0001', members: 2, decision: 'note', note: 'later', by: 'Ana Analyst', at: '2026-11-25T11:00:00Z' });
    const r = await runCli('verify', file, '-w', dir);
    expect(r.code, r.err).toBe(0);
  });

  it('a report made before the per-route gate (settings without alpha and gate_floor) is computed again without it and verifies; a new one records and states it', async () => {
    const dir = copyWorkspace('ws-before-gate');
    const file = out('before-gate.html');
    const { ws: w, db } = await openWorkspaceDatabase(dir);
    let current: string;
    try {
      const ctx = { analyst: 'Ana Analyst', appVersion: '0.1.0' };
      // As reports were made before: the attribution settings without α and the gate floor.
      const built = await buildClassReport(w, db, { scope: { by: 'classes', classIds: classes }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'before-gate.html', evidence: { k: 5, folds: 5, seed: 1, floor: 0.6, source_rule: 'threshold', top_sources: 3 } }, ctx);
      writeFileSync(file, built.html);
      const output = { file_name: 'before-gate.html', format: 'html', media_type: 'text/html; charset=utf-8', bytes: readFileSync(file).byteLength, sha256: sha256(file), formulas_neutralised: false };
      const manifest = { ...built.body, output };
      await auditReport(w, built, { bytes: readFileSync(file), manifest, manifestBytes: new TextEncoder().encode(JSON.stringify(manifest)), selection: built.selection, selectionNonce: built.selectionNonce }, { file, manifest: `${file}.manifest.json` });
      current = (await buildClassReport(w, db, { scope: { by: 'classes', classIds: classes }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'now.html' }, ctx)).html;
    } finally {
      await db.close();
    }
    const before = readFileSync(file, 'utf8');
    const settingsOf = (h: string) => (embeddedManifest(h) as { report: { settings: { evidence: Record<string, unknown> } } }).report.settings.evidence;
    expect(settingsOf(before)).toEqual({ k: 5, folds: 5, seed: 1, floor: 0.6, source_rule: 'threshold', top_sources: 3 });
    expect(before).not.toContain('Per-route gate');
    expect(before).not.toContain('gate floor');
    // A new report records α and the gate floor, states them, and states the gate with each referenced route's figure.
    expect(settingsOf(current)).toMatchObject({ alpha: 0.01, gate_floor: 0.7, gate_by_source: true });
    expect(current).toContain('typicality α 0.01, gate floor 0.7 (held-out calls counted by source for routes sharing their marker rules)');
    expect(current).toMatch(/Per-route gate.*(gupta|janssen|siegfried) (called|not called from the references): \d+ of \d+ held-out calls right \(95 % lower bound [\d.]+ [<≥] gate floor 0\.7\)/s);
    const r = await runCli('verify', file, '-w', dir);
    expect(r.code, r.err).toBe(0);
  });

  it('a report made with another gate floor (0.5, the default for an hour of session 5) states it, is computed again with it and verifies', async () => {
    const dir = copyWorkspace('ws-gate-0.5');
    const file = out('gate-0.5.html');
    const { ws: w, db } = await openWorkspaceDatabase(dir);
    try {
      const ctx = { analyst: 'Ana Analyst', appVersion: '0.1.0' };
      // As reports were made while the default was 0.5: that floor recorded.
      const built = await buildClassReport(w, db, { scope: { by: 'classes', classIds: classes }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'gate-0.5.html', evidence: { k: 5, folds: 5, seed: 1, floor: 0.6, alpha: 0.01, gate_floor: 0.5, source_rule: 'threshold', top_sources: 3 } }, ctx);
      writeFileSync(file, built.html);
      const output = { file_name: 'gate-0.5.html', format: 'html', media_type: 'text/html; charset=utf-8', bytes: readFileSync(file).byteLength, sha256: sha256(file), formulas_neutralised: false };
      const manifest = { ...built.body, output };
      await auditReport(w, built, { bytes: readFileSync(file), manifest, manifestBytes: new TextEncoder().encode(JSON.stringify(manifest)), selection: built.selection, selectionNonce: built.selectionNonce }, { file, manifest: `${file}.manifest.json` });
    } finally {
      await db.close();
    }
    const html = readFileSync(file, 'utf8');
    expect((embeddedManifest(html) as { report: { settings: { evidence: Record<string, unknown> } } }).report.settings.evidence).toMatchObject({ gate_floor: 0.5 });
    expect(html).toContain('typicality α 0.01, gate floor 0.5');
    // Made before marker siblings were counted by source: it states no such counting and is computed again by sample
    // (by source, Siegfried's two reference sources would be gated at 0.5 and the report would differ).
    expect(html).not.toContain('counted by source');
    const r = await runCli('verify', file, '-w', dir);
    expect(r.code, r.err).toBe(0);
  });
});

describe('reports across the two engines (the app runs duckdb-wasm, the CLI native DuckDB)', () => {
  it('a report built on duckdb-wasm, as the app builds it, is reproduced exactly by sigwb verify on the native engine', async () => {
    const dir = copyWorkspace('ws-wasm');
    const file = out('wasm.html');
    const w = await openWorkspace(dir);
    const db = await openNodeDatabase();
    try {
      await openInDatabase(db, w, await loadDictionary(w));
      await registerSampleClasses(db, w);
      const built = await buildClassReport(w, db, { scope: { by: 'classes', classIds: classes }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'wasm.html' }, { analyst: 'Ana Analyst', appVersion: '0.1.0' });
      writeFileSync(file, built.html);
      const output = { file_name: 'wasm.html', format: 'html', media_type: 'text/html; charset=utf-8', bytes: readFileSync(file).byteLength, sha256: sha256(file), formulas_neutralised: false };
      const manifest = { ...built.body, output };
      await auditReport(w, built, { bytes: readFileSync(file), manifest, manifestBytes: new TextEncoder().encode(JSON.stringify(manifest)), selection: built.selection, selectionNonce: built.selectionNonce }, { file, manifest: `${file}.manifest.json` });
    } finally {
      await db.close();
    }
    const r = await runCli('verify', file, '-w', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/checked: the report computed again: the same \d+ bytes/);
  });

  it('a report written by sigwb is reproduced exactly on duckdb-wasm', async () => {
    const file = out('native.html');
    const made = await runCli('report', '--workspace', ws, '--classes', classes.join(','), '--out', file);
    expect(made.code, made.err).toBe(0);
    const r = await verifyReport({ bytes: new Uint8Array(readFileSync(file)), fileName: 'native.html', sidecar: null, store: new NodeFileStore(ws), openDatabase: openNodeDatabase, appVersion: '0.1.0' });
    expect(r.differences).toEqual([]);
    expect(r.reproduced).toBe(true);
  });
});

describe('sigwb verify after the compound dictionary, the signature library and the calibration in force change', () => {
  let dir: string;
  let before: string;
  const edit = async (w: Awaited<ReturnType<typeof openWorkspace>>, name: string) => {
    const r = await editWorkspaceDictionary(w, { kind: 'add', entry: { name, role: 'impurity', cas: null, synonyms: [] } });
    expect(r.ok).toBe(true);
  };

  it('a report made before still reproduces against the versions it used; a new report uses the new ones', async () => {
    dir = copyWorkspace('ws-edits');
    let w = await openWorkspace(dir);
    // The function the app's dictionary editor calls.
    await edit(w, 'impurity RT 9.99');
    await saveSignatureLibrary(w, { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-2026.1' });
    await setCalibrationInForce(w, 'C0001', AUTHOR);
    before = out('edits-before.html');
    expect((await runCli('report', '-w', dir, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', before)).code).toBe(0);
    expect(versionsOf(before)).toEqual(['reference-samples V0001', 'compound-dictionary V0001', 'signature-library V0001', 'calibration-in-force V0001']);
    expect(names(JSON.parse(readFileSync(`${before}.manifest.json`, 'utf8')))).toEqual([
      'calibration-C0001', 'calibration-in-force-V0001', 'class-run-R0001', 'compound-dictionary-V0001', 'reference-samples-V0001', 'signature-library-V0001',
    ]);

    // The report committed its audit line: a workspace opened before it is stale (a write from it is refused).
    w = await openWorkspace(dir);
    await edit(w, 'impurity RT 10.01');
    await saveSignatureLibrary(w, { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-2026.2' });
    expect((await runCli('calibrate', '-w', dir)).code).toBe(0);
    w = await openWorkspace(dir);
    await setCalibrationInForce(w, 'C0002', AUTHOR);
    for (const name of ['compound-dictionary', 'signature-library', 'calibration-in-force']) expect(existsSync(path.join(dir, 'config', `${name}-V0002.json`)), name).toBe(true);

    const r = await runCli('verify', before, '-w', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('checked: the document versions it used: reference samples V0001, compound dictionary V0001, signature library V0001, calibration in force V0001');

    const after = out('edits-after.html');
    expect((await runCli('report', '-w', dir, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', after)).code).toBe(0);
    expect(versionsOf(after)).toEqual(['reference-samples V0001', 'compound-dictionary V0002', 'signature-library V0002', 'calibration-in-force V0002']);
    const again = await runCli('verify', after, '-w', dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('compound dictionary V0002, signature library V0002, calibration in force V0002');
  }, 120_000);

  it('a changed byte in a stored version the report used is caught and the version named', async () => {
    const bad = path.join(tmp.dir, 'ws-edits-tampered');
    cpSync(dir, bad, { recursive: true });
    tamper(path.join(bad, 'config', 'compound-dictionary-V0001.json'), 'impurity RT 9.99', 'impurity RT 9.98');
    tamper(path.join(bad, 'config', 'calibration-in-force-V0001.json'), '"set_by": "Ana Analyst"', '"set_by": "Ana analyst"');
    tamper(path.join(bad, 'config', 'signature-library-V0002.json'), 'lab-2026.2', 'lab-2026.3');
    const r = await runCli('verify', before, '-w', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/- compound dictionary version V0001 \(config\/compound-dictionary-V0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…\n/);
    expect(r.err).toMatch(/- calibration in force version V0001 \(config\/calibration-in-force-V0001\.json\) changed since the report: SHA-256 [0-9a-f]{12}…, the report used [0-9a-f]{12}…\n/);
    expect(r.err).not.toMatch(/V0002|signature library/);
  });

  it('a workspace where they were edited in place (the earlier layout) opens, reports and verifies, and keeps verifying once they are saved as versions', async () => {
    const old = copyWorkspace('ws-old-dictionary');
    const manifestFile = path.join(old, 'workspace.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const writeOld = (name: string, value: unknown) => {
      const text = JSON.stringify(value, null, 2) + '\n';
      writeFileSync(path.join(old, 'config', `${name}.json`), text);
      manifest.documents[name] = { file: `config/${name}.json`, sha256: createHash('sha256').update(text).digest('hex'), updated_at: '2026-11-25T09:00:00.000Z' };
    };
    writeOld('compound-dictionary', { ...DEFAULT_COMPOUND_DICTIONARY, version: 'lab-old' });
    writeOld('signature-library', { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-old' });
    writeOld('calibration-in-force', { format: 'signature-workbench/calibration-in-force', schema_version: 1, id: 'C0001', latest_when_set: 'C0001', set_by: 'Ana Analyst', set_at: '2026-11-25T09:00:00.000Z' });
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    const earlier = ['compound-dictionary', 'signature-library', 'calibration-in-force'].map((n) => readFileSync(path.join(old, 'config', `${n}.json`)));

    const report = out('old-dictionary.html');
    const made = await runCli('report', '-w', old, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', report);
    expect(made.code, made.err).toBe(0);
    expect(versionsOf(report)).toEqual(['reference-samples V0001', 'compound-dictionary null', 'signature-library null', 'calibration-in-force null']);
    expect(JSON.parse(readFileSync(`${report}.manifest.json`, 'utf8')).inputs.compound_dictionary).toEqual({ version: 'lab-old', source: 'workspace' });
    const v = await runCli('verify', report, '-w', old);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('compound dictionary as kept before versions, signature library as kept before versions, calibration in force as kept before versions');

    const w = await openWorkspace(old);
    await edit(w, 'impurity RT 9.99');
    await saveSignatureLibrary(w, { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-new' });
    await setCalibrationInForce(w, 'C0001', AUTHOR);
    ['compound-dictionary', 'signature-library', 'calibration-in-force'].forEach((n, i) => {
      expect(readFileSync(path.join(old, 'config', `${n}-V0001.json`)), n).toEqual(earlier[i]);
      expect(existsSync(path.join(old, 'config', `${n}-V0002.json`)), n).toBe(true);
    });
    const again = await runCli('verify', report, '-w', old);
    expect(again.code, again.err).toBe(0);
    const later = out('old-dictionary-later.html');
    expect((await runCli('report', '-w', old, '--classes', classes.join(','), '--redact', 'law-enforcement', '-o', later)).code).toBe(0);
    expect(versionsOf(later)).toEqual(['reference-samples V0001', 'compound-dictionary V0002', 'signature-library V0002', 'calibration-in-force V0002']);
    expect((await runCli('verify', later, '-w', old)).code).toBe(0);
  });
});

describe.skipIf(!haveChromium)('sigwb report as PDF, looked at', () => {
  let pdf: string;

  it('renders the case\'s class report with case id, report id and label in every page\'s header and footer, and page numbers', async () => {
    pdf = out('case.pdf');
    const r = await runCli('report', '--workspace', ws, '--case', reportCase, '--redact', 'law-enforcement', '--out', pdf);
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(readFileSync(`${pdf}.manifest.json`, 'utf8'));
    expect(r.out).toContain(`SHA-256 ${sha256(pdf)} (the HTML it was printed from: ${m.report.report_sha256})`);
    expect(m).toMatchObject({ output: { format: 'pdf', sha256: sha256(pdf) }, report: { settings: { scope: 'cases', class_ids: null } }, selection: { case_ids: [reportCase] } });
    if (!havePoppler) return;
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, i) => {
      const [head, foot] = [p.split('\n').slice(0, 3).join('\n'), p.trimEnd().split('\n').slice(-2).join('\n')];
      expect(head).toContain(`Case ${reportCase}`);
      expect(head).toContain('PROTECTED B');
      expect(foot).toContain(`Report ${m.export_id}`);
      expect(foot).toContain('PROTECTED B');
      expect(foot).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const text = pages.join('\n');
    expect(text).toContain(m.report.report_sha256);
    // pdftotext -layout may wrap the sentence anywhere.
    expect(text).toMatch(/share\s+chemical\s+class\s+\d+\./);
    expect(text).toContain('A chemical link is an intelligence lead, not proof of common origin.');
    rmSync(ARTEFACTS, { recursive: true, force: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(ARTEFACTS, 'case-report')]);
    const pngs = readdirSync(ARTEFACTS).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(pages.length);
    // A page with figures holds far more ink than a page of text: the plots were drawn.
    const sizes = pngs.map((f) => readFileSync(path.join(ARTEFACTS, f)).byteLength);
    expect(Math.max(...sizes)).toBeGreaterThan(1.3 * Math.min(...sizes));
  });

  it('verify: the PDF is reproduced through the HTML it was printed from; a changed byte in the PDF is caught', async () => {
    const r = await runCli('verify', pdf, '--workspace', ws);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Reproduced exactly: chemical class report R-\d{8}-[0-9a-f]{8} \(PDF\)/);
    expect(r.out).toMatch(/checked: the HTML the PDF was printed from, computed again byte for byte \(SHA-256 [0-9a-f]{64}\)/);
    const bad = out('case-altered.pdf');
    const bytes = readFileSync(pdf);
    bytes[bytes.length >> 1] ^= 0x20;
    writeFileSync(bad, bytes);
    copyFileSync(`${pdf}.manifest.json`, `${bad}.manifest.json`);
    const v = await runCli('verify', bad, '--workspace', ws);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/- report file altered after writing: the PDF has SHA-256 [0-9a-f]{12}…, its manifest records [0-9a-f]{12}…/);
    rmSync(`${bad}.manifest.json`);
    expect((await runCli('verify', bad, '--workspace', ws)).err).toMatch(/its manifest cannot be read: a PDF report is checked with its manifest case-altered\.pdf\.manifest\.json, which is not beside it/);
  });
});
