import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Database } from '../../../shared/db/Database';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { auditExport, exportData } from '../../../shared/exporting/export-data';
import { tempDir } from '../../util/temp-dir';
import { CASE_B, openFixture } from './fixture';

let ws: Workspace;
let db: Database;
let cleanup: () => void;
const ctx = { analyst: 'ana.analyst', appVersion: '0.1.0', now: new Date('2026-11-25T10:00:00Z') };
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

describe('exportData and auditExport', () => {
  it('writes nothing itself, and the audit line records both files with their SHA-256 and the full selection', async () => {
    const before = (await ws.readAudit()).entries.length;
    const selection = { kind: 'cases' as const, case_ids: [CASE_B] };
    const r = await exportData(ws, db, { selection, what: 'signatures', format: 'parquet', profile: 'external-partner', label: 'PROTECTED B', fileName: 'sig.parquet' }, ctx);
    expect((await ws.readAudit()).entries.length).toBe(before);

    await auditExport(ws, r, { file: '/exports/sig.parquet', manifest: '/exports/sig.parquet.manifest.json' });
    const { entries } = await ws.readAudit();
    expect(entries.length).toBe(before + 1);
    const line = entries.at(-1)!;
    expect(line).toMatchObject({ action: 'export', who: 'ana.analyst' });
    expect(line.written).toEqual([
      { path: '/exports/sig.parquet', sha256: sha256(r.bytes) },
      { path: '/exports/sig.parquet.manifest.json', sha256: sha256(r.manifestBytes) },
      { path: 'workspace.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(line.details).toMatchObject({
      export_id: r.manifest.export_id, kind: 'data', what: 'signatures', format: 'parquet', selection, selection_nonce: r.selectionNonce,
      redaction_profile: 'external-partner', sensitivity_label: 'PROTECTED B', rows: 1,
    });
    expect(line.summary).toBe(`Exported signatures of case ${CASE_B} as parquet (1 row, profile external-partner, PROTECTED B) to /exports/sig.parquet`);
  });

  it('refuses an unknown profile or case before any work', async () => {
    await expect(exportData(ws, db, { selection: { kind: 'all' }, what: 'samples', format: 'csv', profile: 'press', label: 'PROTECTED B', fileName: 'x.csv' }, ctx)).rejects.toThrow(/no redaction profile "press"/);
    await expect(exportData(ws, db, { selection: { kind: 'cases', case_ids: ['C-0'] }, what: 'samples', format: 'csv', label: 'PROTECTED B', fileName: 'x.csv' }, ctx)).rejects.toThrow(/case "C-0" is not in the workspace/);
  });
});
