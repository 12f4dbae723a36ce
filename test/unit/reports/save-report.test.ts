/**
 * Reports made in the app, through the desktop path in Node: the app's report flow (renderer/reports/save-report.ts)
 * over the desktop host's handlers (electron/services/host-handlers.ts: the workspace opened by the registry, the
 * native save dialog stood in by a path in a temporary folder, printToPDF by Chromium through playwright-core, as
 * Electron's binary cannot run here). Each report must then verify with `sigwb verify` on the same workspace, and
 * through the app's own verify (renderer/reports/verify-picked.ts). A cancelled save writes and records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, renderPdf } from '../../../cli/pdf';
import { openNodeDatabase } from '../../../node/db/node-database';
import { createHostHandlers } from '../../../node/host/host-handlers';
import { WorkspaceRegistry } from '../../../node/workspace/workspace-registry';
import { HostFileStore } from '../../../renderer/host/host-file-store';
import { saveReport } from '../../../renderer/reports/save-report';
import { pairPicked, verifyPicked } from '../../../renderer/reports/verify-picked';
import type { Database } from '../../../shared/db/Database';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { loadDictionary } from '../../../shared/domain/workspace-dictionary';
import { loadVocabularies, saveVocabularies } from '../../../shared/domain/workspace-vocabulary';
import { applyVocabularyEdit } from '../../../shared/domain/vocabulary-edit';
import type { Host } from '../../../shared/host/contract';
import { Workspace } from '../../../shared/workspace/Workspace';
import { emptyReferenceSamples, mergeReferenceTags, saveReferenceSamples } from '../../../shared/attribution/reference-tags';
import { runCli } from '../../util/run-cli';
import { threadlessEngine } from '../../util/threadless-engine';
import type { Engine } from '../../../shared/analysis/engine';
import { tempDir } from '../../util/temp-dir';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(HERE, '..', '..', '..', 'samples');
const FILES = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => path.join(SAMPLES, f.file));
const haveChromium = existsSync(chromiumPath());
const ACTOR = { user: 'Desk Analyst', appVersion: '0.1.0' };

let tmp: ReturnType<typeof tempDir>;
let wsDir: string;
let outDir: string;
let host: Host;
let ws: Workspace;
let db: Database;
/** What the stand-in save dialog answers: a path under outDir, or null (cancelled). */
let saveAs: (suggested: string) => string | null = (s) => path.join(outDir, s);
let picked: string[] = [];
const auditText = () => readFileSync(path.join(wsDir, 'audit.jsonl'), 'utf8');

beforeAll(async () => {
  tmp = tempDir('sigwb-app-report-');
  wsDir = path.join(tmp.dir, 'ws');
  outDir = path.join(tmp.dir, 'out');
  mkdirSync(outDir);
  expect((await runCli('init', wsDir)).code).toBe(0);
  expect((await runCli('import', '--workspace', wsDir, ...FILES)).code).toBe(0);
  expect((await runCli('calibrate', '--workspace', wsDir)).code).toBe(0);
  expect((await runCli('cluster', '--workspace', wsDir, '--out', path.join(tmp.dir, 'classes.csv'))).code).toBe(0);
  host = createHostHandlers({
    registry: new WorkspaceRegistry({ recentFile: path.join(tmp.dir, 'user-data', 'recent.json') }),
    dialogs: {
      chooseNewWorkspaceFolder: async () => null,
      chooseWorkspaceFolder: async () => wsDir,
      chooseFiles: async () => picked,
      chooseSavePath: async ({ suggestedName }: { suggestedName: string }) => saveAs(suggestedName),
    },
    appInfo: () => ({ name: 'Signature Workbench', version: ACTOR.appVersion, host: 'electron', platform: 'linux', user: ACTOR.user }),
    actor: () => ACTOR,
    printToPdf: renderPdf,
  });
  // As the app opens it (renderer/state/workbench.tsx): the host's handle, its files through the contract.
  const ref = (await host['workspace:open']({}))!;
  ws = await Workspace.open(new HostFileStore(host, ref), ACTOR);
  db = await openNodeDatabase();
  await openInDatabase(db, ws, await loadDictionary(ws));
}, 180_000);

afterAll(async () => {
  await db?.close();
  tmp?.cleanup();
});

const firstClass = () => (JSON.parse(readFileSync(path.join(wsDir, 'config', 'class-run-R0001.json'), 'utf8')) as { classes: { class_id: number; size: number }[] }).classes[0].class_id;

describe('reports made in the app (desktop path, in Node)', () => {
  it('saves a class report and its manifest where the analyst chose, records who made it, and sigwb verify reproduces it', async () => {
    const id = firstClass();
    // As sigwb report: the files are written inside the commit, after its intent names them and before its line.
    const atSave: { intent: boolean; lines: number }[] = [];
    const chosen = saveAs;
    saveAs = (s) => (atSave.push({ intent: existsSync(path.join(wsDir, 'workspace.intent.json')), lines: auditText().trim().split('\n').length }), chosen(s));
    const linesBefore = auditText().trim().split('\n').length;
    let saved;
    try {
      saved = await saveReport(host, ws, db, { choice: { kind: 'classes', scope: { by: 'classes', classIds: [id] } }, format: 'html', label: 'PROTECTED B', fileName: 'class.html' }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion });
    } finally {
      saveAs = chosen;
    }
    expect(atSave).toEqual([{ intent: true, lines: linesBefore }, { intent: true, lines: linesBefore }]);
    expect(saved.saved).toBe(true);
    const file = path.join(outDir, 'class.html');
    expect(saved).toMatchObject({ file, manifest: `${file}.manifest.json` });
    expect(readFileSync(file, 'utf8')).toContain(`<h3>Class ${id}</h3>`);
    const line = JSON.parse(auditText().trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ action: 'report', who: 'Desk Analyst', details: { report_kind: 'class-report', format: 'html' } });
    expect(line.written[0].path).toBe(file);
    const r = await runCli('verify', file, '--workspace', wsDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Reproduced exactly: chemical class report R-\d{8}-[0-9a-f]{8} \(HTML\)/);
  }, 120_000);

  it.skipIf(!haveChromium)('prints a PDF through the host, whose manifest and audit line let sigwb verify reproduce it', async () => {
    const saved = await saveReport(host, ws, db, { choice: { kind: 'sample-list', selection: { kind: 'all' } }, format: 'pdf', label: 'PROTECTED B', fileName: 'samples.pdf' }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion });
    expect(saved.saved).toBe(true);
    const file = path.join(outDir, 'samples.pdf');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const r = await runCli('verify', file, '--workspace', wsDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('checked: the HTML the PDF was printed from, computed again byte for byte');
  }, 120_000);

  it('verifies a report chosen in the app with the same function as sigwb verify, and refuses a choice that is not one report', async () => {
    const file = path.join(outDir, 'class.html');
    picked = [file, `${file}.manifest.json`];
    const ok = await verifyPicked({ host, store: ws.store, openDatabase: openNodeDatabase, appVersion: ACTOR.appVersion });
    expect(ok).toMatchObject({ file: 'class.html', outcome: { reproduced: true, kind: 'chemical class report', format: 'html' } });
    // The report alone (its manifest is embedded in the HTML) verifies too; two reports at once are refused.
    expect(pairPicked([{ name: 'a.html', bytes: new Uint8Array() }, { name: 'b.pdf', bytes: new Uint8Array() }])).toEqual({ refused: 'choose one report at a time (chosen: a.html, b.pdf)' });
    expect(pairPicked([{ name: 'notes.txt', bytes: new Uint8Array() }])).toMatchObject({ refused: expect.stringMatching(/is a report/) });
  }, 120_000);

  it('writes nothing and records nothing when the save dialog is cancelled', async () => {
    const before = auditText();
    saveAs = () => null;
    try {
      const saved = await saveReport(host, ws, db, { choice: { kind: 'sample-list', selection: { kind: 'all' } }, format: 'html', label: 'PROTECTED B', fileName: 'cancelled.html' }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion });
      expect(saved).toEqual({ saved: false });
    } finally {
      saveAs = (s) => path.join(outDir, s);
    }
    expect(auditText()).toBe(before);
    expect(existsSync(path.join(outDir, 'cancelled.html'))).toBe(false);
  }, 60_000);

  it('computes the route evidence and the PCA in the engine worker, as the app does, and sigwb verify (in process) reproduces the report', async () => {
    // Reference samples of known route (the bundled truth), so that the report assesses routes and sources.
    const truth = readFileSync(path.join(SAMPLES, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const tags = truth.filter((t) => ['SRC-01', 'SRC-02', 'SRC-03'].includes(t[3])).map((t) => ({
      sample_id: t[0], drug: 'fentanyl', route: t[4].toLowerCase(), source: t[3], kind: 'other' as const, note: '', tagged_by: ACTOR.user, tagged_at: '2026-11-25T09:00:00Z',
    }));
    const { doc, change } = mergeReferenceTags(emptyReferenceSamples(), tags);
    await saveReferenceSamples(ws, doc, change, 'truth.csv');
    const engine = threadlessEngine();
    try {
      const saved = await saveReport(host, ws, db, { choice: { kind: 'classes', scope: { by: 'classes', classIds: [firstClass()] } }, format: 'html', label: 'PROTECTED B', fileName: 'evidence.html', engine }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion });
      expect(saved.saved).toBe(true);
    } finally {
      engine.dispose();
    }
    const file = path.join(outDir, 'evidence.html');
    const text = readFileSync(file, 'utf8');
    // The evidence was assessed (from the tagged references), not skipped for want of them.
    expect(text).not.toContain('No reference samples are tagged in the workspace');
    expect(text).toMatch(/janssen|siegfried|gupta/i);
    const r = await runCli('verify', file, '--workspace', wsDir);
    expect(r.code, r.err).toBe(0);
    // Verify in the app computes the PCA and the evidence again in the engine worker too (off the interface thread).
    const asked: string[] = [];
    const worker = threadlessEngine();
    const spy = { run: (request, options) => (asked.push(request.kind), worker.run(request, options)) } as Engine;
    picked = [file];
    try {
      expect(await verifyPicked({ host, store: ws.store, openDatabase: openNodeDatabase, appVersion: ACTOR.appVersion, engine: spy })).toMatchObject({ outcome: { reproduced: true } });
    } finally {
      worker.dispose();
    }
    expect(asked).toContain('pca');
  }, 240_000);

  it('says in a report that the class run and calibration are older than the vocabularies, as the views do, and sigwb verify reproduces it', async () => {
    const edit = applyVocabularyEdit(await loadVocabularies(ws), { kind: 'add-term', field: 'form', value: 'gel' });
    if (!edit.ok) throw new Error(edit.message);
    await saveVocabularies(ws, edit.doc);
    await openInDatabase(db, ws, await loadDictionary(ws));
    const saved = await saveReport(host, ws, db, { choice: { kind: 'classes', scope: { by: 'classes', classIds: [firstClass()] } }, format: 'html', label: 'PROTECTED B', fileName: 'stale.html' }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion });
    expect(saved.saved).toBe(true);
    const text = readFileSync(path.join(outDir, 'stale.html'), 'utf8');
    const today = new Date().toISOString().slice(0, 10);
    // The same sentence as the views' notice (freshness.ts), in the limitations and in the manifest's notes.
    const sentence = `Class run R0001 is out of date: the controlled vocabularies changed on ${today}.`;
    expect(text).toContain(sentence);
    expect(text).toContain(`Calibration C0001 is out of date: the controlled vocabularies changed on ${today}.`);
    expect(JSON.parse(readFileSync(path.join(outDir, 'stale.html.manifest.json'), 'utf8')).content.notes).toContain(sentence);
    // The vocabularies in force are among the report's inputs, so that computing it again maps values the same way.
    const r = await runCli('verify', path.join(outDir, 'stale.html'), '--workspace', wsDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Reproduced exactly/);
  }, 120_000);

  it('refuses an unknown class before any dialog opens', async () => {
    let asked = false;
    saveAs = () => ((asked = true), null);
    try {
      await expect(saveReport(host, ws, db, { choice: { kind: 'classes', scope: { by: 'classes', classIds: [9999] } }, format: 'html', label: 'PROTECTED B', fileName: 'x.html' }, { analyst: ACTOR.user, appVersion: ACTOR.appVersion })).rejects.toThrow(/has no class 9999/);
    } finally {
      saveAs = (s) => path.join(outDir, s);
    }
    expect(asked).toBe(false);
  }, 60_000);
});
