import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Database } from '../../../shared/db/Database';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { escapeHtml } from '../../../shared/reporting/html';
import { LEAD_NOT_PROOF, MANIFEST_ELEMENT_ID } from '../../../shared/reporting/report-document';
import { finishReport } from '../../../shared/reporting/report-output';
import { buildSampleListReport } from '../../../shared/reporting/sample-list-report';
import { readExportManifest } from '../../../shared/exporting/export-manifest';
import { utf8 } from '../../../shared/util/text';
import { tempDir } from '../../util/temp-dir';
import { CASE_A, CASE_B, HOSTILE, openFixture } from '../exporting/fixture';

let ws: Workspace;
let db: Database;
let cleanup: () => void;
const ctx = { analyst: 'ana.analyst', appVersion: '0.1.0', now: new Date('2026-11-25T10:00:00Z') };

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ ws, db } = await openFixture(t.dir));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

const embedded = (text: string) => {
  const open = `<script type="application/json" id="${MANIFEST_ELEMENT_ID}">`;
  return JSON.parse(text.slice(text.indexOf(open) + open.length, text.indexOf('</script>')));
};

describe('sample-list report', () => {
  it('lists the case\'s samples with seizure data, hostile names escaped, the case on every page, inputs by SHA-256', async () => {
    const r = await buildSampleListReport(ws, db, { selection: { kind: 'cases', case_ids: [CASE_A] }, profile: 'law-enforcement', label: 'PROTECTED B', fileName: 'case.html' }, ctx);
    expect(r.reportId).toMatch(/^R-20261125-[0-9a-f]{8}$/);
    expect(r.rows).toBe(1 + HOSTILE.length);
    for (const h of HOSTILE) expect(r.html).toContain(`<td>${escapeHtml(h)}</td>`);
    expect(r.html.match(/<script/gi)).toHaveLength(1);
    expect(r.html).not.toMatch(/<img/i);
    expect(r.html).toContain(`@top-left { content: "Case C-2026-001"`);
    expect(r.html).toContain(`<dt>Case</dt><dd>Case ${CASE_A}</dd>`);
    expect(r.html).toContain(LEAD_NOT_PROOF);
    for (const b of ws.manifest.batches) expect(r.html).toContain(b.data_sha256);
    expect(r.html).toContain('<th scope="col">Agency</th>');
    expect(r.html).toContain('Columns withheld under redaction profile law-enforcement: metadata_batch, x_notes,');
    expect(embedded(r.html)).toEqual(r.body);
    expect(r.body).toMatchObject({ kind: 'report', export_id: r.reportId, content: { what: 'sample-list', rows: 1 + HOSTILE.length } });
  });

  it('under external-partner names no case, seizure, place, agency or imported file anywhere in the document', async () => {
    const r = await buildSampleListReport(ws, db, { selection: { kind: 'cases', case_ids: [CASE_B] }, profile: 'external-partner', label: 'PROTECTED A', fileName: 'p.html' }, ctx);
    for (const secret of ['C-2026-002', 'SZ-9', 'Vancouver', 'RCMP', '49.2827', 'seizures Case', 'gcms-run-17', 'Fentanyl 2026', 'evidence locker']) {
      expect(r.html, secret).not.toContain(secret);
    }
    expect(r.html).toContain('Case withheld (redaction profile external-partner)');
    expect(r.html).not.toContain('<th scope="col">Agency</th>');
    expect(r.html).toContain('<td>S-101</td>');
  });

  it('gets its SHA-256 in the manifest beside it once its bytes exist', async () => {
    const r = await buildSampleListReport(ws, db, { selection: { kind: 'samples', sample_ids: ['S-001', 'S-900'] }, label: 'UNCLASSIFIED', fileName: 'r.html' }, ctx);
    const bytes = utf8(r.html);
    const done = await finishReport(r, bytes, { name: 'r.html', format: 'html' });
    const m = readExportManifest(JSON.parse(new TextDecoder().decode(done.manifestBytes)));
    expect(m.output).toMatchObject({ file_name: 'r.html', format: 'html', sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(r.html).toContain('1 listed sample has results but no seizure metadata in the workspace.');
  });
});
