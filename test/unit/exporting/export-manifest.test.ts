import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Database } from '../../../shared/db/Database';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { exportData } from '../../../shared/exporting/export-data';
import { manifestFileName, readExportManifest, selectionCommitment } from '../../../shared/exporting/export-manifest';
import { DEFAULT_REDACTION_PROFILES, saveRedactionProfiles } from '../../../shared/exporting/redaction';
import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { tempDir } from '../../util/temp-dir';
import { CASE_A, HOSTILE, openFixture } from './fixture';
import { parseCsv } from './read-back';

let ws: Workspace;
let db: Database;
let cleanup: () => void;
const ctx = { analyst: 'ana.analyst', appVersion: '0.1.0', now: new Date('2026-11-25T10:00:00Z'), exportId: 'E-1' };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ ws, db } = await openFixture(t.dir));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

describe('export manifest', () => {
  it('records the file, its SHA-256, the content, the label and every input batch with its SHA-256', async () => {
    const r = await exportData(ws, db, { selection: { kind: 'cases', case_ids: [CASE_A] }, what: 'samples', format: 'csv', profile: 'law-enforcement', label: ' PROTECTED   B ', fileName: 'case.csv' }, ctx);
    const m = readExportManifest(JSON.parse(new TextDecoder().decode(r.manifestBytes)));
    expect(m.output).toEqual({ file_name: 'case.csv', format: 'csv', media_type: 'text/csv; charset=utf-8', bytes: r.bytes.byteLength, sha256: sha256(r.bytes), formulas_neutralised: true });
    expect(m).toMatchObject({ export_id: 'E-1', kind: 'data', analyst: 'ana.analyst', created_at: '2026-11-25T10:00:00.000Z', sensitivity_label: 'PROTECTED B', software: { name: 'Signature Workbench', version: '0.1.0' } });
    expect(m.inputs.batches).toEqual(ws.manifest.batches.map((b) => ({ batch_id: b.id, kind: b.kind, file_name: b.file_name, file_sha256: b.file_sha256, data_sha256: b.data_sha256, superseded: false })));
    expect(m.inputs.compound_dictionary).toEqual({ version: expect.any(String), source: 'shipped default' });
    expect(m.selection).toMatchObject({ kind: 'cases', case_ids: [CASE_A], withheld: false, samples: 1 + HOSTILE.length });
    expect(m.content.query_sql).toContain(`case_id IN ('${CASE_A}')`);

    const header = parseCsv(new TextDecoder().decode(r.bytes)).rows[0];
    expect(m.content.columns.map((c) => c.name)).toEqual(header);
    expect(m.content.rows).toBe(1 + HOSTILE.length);
    expect(m.redaction.removed_columns).toEqual(['metadata_batch', 'x_notes', 'region_raw', 'form_raw', 'main_drug_raw', 'n_measurements', 'n_detected', 'results_batch', 'has_metadata', 'has_results']);
    for (const removed of m.redaction.removed_columns) expect(header).not.toContain(removed);
    expect(manifestFileName('/out/case.csv')).toBe('/out/case.csv.manifest.json');
  });

  it('under a minimal profile names no case, file or workspace, yet commits to the selection', async () => {
    const r = await exportData(ws, db, { selection: { kind: 'cases', case_ids: [CASE_A] }, what: 'samples', format: 'csv', profile: 'external-partner', label: 'PROTECTED A', fileName: 'p.csv' }, ctx);
    const text = new TextDecoder().decode(r.manifestBytes);
    for (const secret of [CASE_A, 'Fentanyl 2026', 'seizures Case', 'gcms-run-17', 'SZ-1']) expect(text).not.toContain(secret);
    const m = readExportManifest(JSON.parse(text));
    expect(m.selection).toMatchObject({ case_ids: null, sql: null, withheld: true, description: 'a selection by case (values withheld)' });
    expect(m.content.query_sql).toBeNull();
    expect(m.selection.sha256).toBe(await selectionCommitment({ kind: 'cases', case_ids: [CASE_A] }, r.selectionNonce));
    // Without the nonce (kept in the audit log), hashing a guessed case number does not match.
    expect(m.selection.sha256).not.toBe(sha256(new TextEncoder().encode(JSON.stringify({ kind: 'cases', case_ids: [CASE_A] }))));
    expect(new TextDecoder().decode(r.bytes)).not.toContain(CASE_A);
  });

  it('requires a sensitivity label, refuses newer schema versions and other formats', async () => {
    await expect(exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: '   ', fileName: 'x.csv' }, ctx)).rejects.toThrow(/a sensitivity label is required/);
    await expect(exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: 'PROTECTED\nB', fileName: 'x.csv' }, ctx)).resolves.toMatchObject({ manifest: { sensitivity_label: 'PROTECTED B' } });
    await expect(exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: 'PROTECTED\u202eB', fileName: 'x.csv' }, ctx)).rejects.toThrow(/visible text on one line/);
    const r = await exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'arrow', label: 'UNCLASSIFIED', fileName: 'x.arrow' }, ctx);
    const raw = JSON.parse(new TextDecoder().decode(r.manifestBytes));
    expect(() => readExportManifest({ ...raw, sensitivity_label: '' })).toThrow(/sensitivity_label: a sensitivity label is required/);
    expect(() => readExportManifest({ ...raw, schema_version: 5 })).toThrow(/newer Signature Workbench/);
    expect(() => readExportManifest({ ...raw, format: 'x' })).toThrow(/not a Signature Workbench export manifest/);
  });

  it('records the version of the redaction profiles in force, listing the versions and not the copy in force; schema 1 manifests are migrated', async () => {
    const r0 = await exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: 'UNCLASSIFIED', fileName: 'd.csv' }, ctx);
    expect(r0.manifest.inputs.versions).toEqual([]);
    const v1 = JSON.parse(new TextDecoder().decode(r0.manifestBytes));
    const { versions, ...inputs } = v1.inputs;
    expect(versions).toEqual([]);
    expect(readExportManifest({ ...v1, schema_version: 1, inputs }).inputs.versions).toEqual([]);

    await saveRedactionProfiles(ws, DEFAULT_REDACTION_PROFILES.profiles);
    const r1 = await exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: 'UNCLASSIFIED', fileName: 'e.csv' }, ctx);
    const saved = ws.manifest.documents['redaction-profiles-V0001'];
    expect(r1.manifest.inputs.versions).toEqual([{ document: 'redaction-profiles', version: 'V0001', sha256: saved.sha256 }]);
    expect(r1.manifest.inputs.documents.map((d) => d.name)).toContain('redaction-profiles-V0001');
    expect(r1.manifest.inputs.documents.map((d) => d.name)).not.toContain('redaction-profiles');
  });

  it('lists only the documents the export read: not class annotations, import profiles or target lists; schema 2 manifests are migrated', async () => {
    await ws.putDocument('class-annotations', { annotations: [] }, 'class.annotations.save');
    await ws.putDocument('import-profiles', { profiles: [] }, 'import-profile.save');
    await ws.putDocument('target-lists', { lists: [] }, 'target-list.save');
    const r = await exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', label: 'UNCLASSIFIED', fileName: 'f.csv' }, ctx);
    expect(r.manifest.schema_version).toBe(4);
    expect(r.manifest.inputs.documents.map((d) => d.name)).toEqual(['redaction-profiles-V0001']);
    expect(r.manifest.inputs.vocabularies).toEqual({ version: DEFAULT_VOCABULARIES.version, source: 'shipped default' });
    const raw = JSON.parse(new TextDecoder().decode(r.manifestBytes));
    expect(readExportManifest({ ...raw, schema_version: 2 })).toEqual(r.manifest);
    // The workspace the export was read from is unchanged, and still writable.
    await ws.putDocument('class-annotations', { annotations: [{ class_id: 1 }] }, 'class.annotations.save');
  });
});
