/**
 * The chemical-class report on a workspace whose data attack it (hostile-classes.ts): what it says in plain words,
 * that every hostile name arrives as text (Chromium parses it: only the builder's elements, one data block), what
 * the redaction profiles withhold, that the same parameters give the same bytes, and that its SHA-256 is the one
 * its definition gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import type { Database } from '../../../shared/db/Database';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { exportData } from '../../../shared/exporting/export-data';
import { buildClassReport, type ClassReportRequest } from '../../../shared/reporting/class-report';
import { registeredRun, scopeSelection } from '../../../shared/reporting/class-report-data';
import { runClasses } from '../../../shared/analysis/class-run';
import { registerSampleClasses } from '../../../shared/analysis/sample-classes';
import { escapeHtml } from '../../../shared/reporting/html';
import { LEAD_NOT_PROOF, MANIFEST_ELEMENT_ID } from '../../../shared/reporting/report-document';
import { embeddedManifest, withoutOwnHash } from '../../../shared/reporting/report-hash';
import { CHROMIUM_FLAGS, chromiumPath, renderPdf } from '../../../cli/pdf';
import { tempDir } from '../../util/temp-dir';
import { HOSTILE } from '../exporting/fixture';
import { visibleText } from '../../../shared/util/visible-text';
import { HOSTILE_CASE, HOSTILE_PEAK, HOSTILE_SOURCE, hostileWorkspace } from './hostile-classes';

let ws: Workspace;
let db: Database;
let hostileClass: number;
let cleanup: () => void;
const ctx = { analyst: 'ana.analyst', appVersion: '0.1.0', now: new Date('2026-11-25T10:00:00Z'), exportId: 'R-20261125-0000beef', selectionNonce: '00'.repeat(16) };

beforeAll(async () => {
  const t = tempDir('sigwb-class-report-');
  cleanup = t.cleanup;
  ({ ws, db, hostileClass } = await hostileWorkspace(t.dir));
}, 60_000);
afterAll(async () => {
  await db?.close();
  cleanup?.();
});

const byCase = (profile: string): ClassReportRequest => ({ scope: { by: 'cases', caseIds: [HOSTILE_CASE] }, profile, label: 'PROTECTED B', fileName: 'case.html' });

/** Elements a class report may hold: the builder's, none from the data. */
const BUILDER_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'div', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'main', 'section', 'p', 'strong', 'ul', 'li',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'figure', 'figcaption', 'footer', 'script', 'svg', 'line', 'text', 'rect', 'circle', 'polyline', 'ellipse', 'path',
]);

describe('chemical class report', () => {
  it('reports a case\'s classes in plain words, with the calibration, the lead-not-proof statement and the evidence', async () => {
    const r = await buildClassReport(ws, db, byCase('law-enforcement'), ctx);
    const text = r.html;
    expect(text).toContain(`<h3>Class ${hostileClass}</h3>`);
    expect(text).toMatch(/share chemical class \d+\./);
    expect(text).toMatch(/closer to one another than the cut of the class tree \((?:N\S*|√N|∜N) \+ \S+ distance [\d.e-]+, chosen on pairs held out from the choice, pretreatment and score of calibration C0001; at it about [\d.]+ % of the held-out pairs estimated to be of different sources were joined in one class\)/);
    expect(text).toMatch(/The cut was chosen on pairs held out from the choice: about [\d.]+ % of the held-out pairs estimated to be of different sources were joined in one class/);
    expect(text).toContain('this is an intelligence lead, not proof of common origin');
    expect(text).toContain(LEAD_NOT_PROOF);
    expect(text).toMatch(/<th scope="row">False-positive rate \(per pair\)<\/th><td>[\d.]+ %<\/td>/);
    expect(text).toMatch(/<th scope="row">True-positive rate \(per pair\)<\/th><td>[\d.]+ %<\/td>/);
    expect(text).toMatch(/<th scope="row">ROC AUC<\/th><td>0\.9\d{3}<\/td>/);
    expect(text).toMatch(/<strong>Route:<\/strong> (most consistent with the [A-Za-z() -]+ route, probability [01]\.\d\d \((classifier|marker-rule) probabilities [^:]+: |undetermined|none of the routes with reference samples fits)/);
    expect(text).toMatch(/<strong>Source:<\/strong> (nearest known source|no known source)/);
    expect(text).toContain('Cross-validated accuracy');
    expect(text.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="plot"/g)!.length).toBeGreaterThanOrEqual(3);
    expect(embeddedManifest(text)).toEqual(r.body);
    expect(r.body).toMatchObject({ kind: 'report', content: { what: 'class-report' }, report: { kind: 'class-report', settings: { scope: 'cases', run_id: 'R0001', class_ids: null } } });
    expect(r.body.report!.records.map((x) => `${x.kind} ${x.id}`)).toEqual(['class-run R0001', 'calibration C0001']);
  });

  it('shows every hostile sample id, case id, compound and source name as text, escaped, in tables and SVG', async () => {
    const { html: text } = await buildClassReport(ws, db, byCase('law-enforcement'), ctx);
    for (const h of HOSTILE) expect(text).toContain(`<td>${escapeHtml(h)}</td>`);
    expect(text).toContain(`<title>${escapeHtml(HOSTILE[0])}: `);
    expect(text).toContain(`<td>${escapeHtml(HOSTILE_PEAK)}</td>`);
    expect(text).toContain(`<title>${escapeHtml(HOSTILE_PEAK)}</title>`);
    expect(text).toContain(escapeHtml(HOSTILE_SOURCE));
    expect(text).toContain('@top-left { content: "Case C-2026-002\\22 \\3c /style\\3e \\3c script\\3e alert(2)\\3c /script\\3e "');
    expect(text.match(/<script/gi)).toHaveLength(1);
    expect(text.match(/<\/style/gi)).toHaveLength(1);
    expect(text).not.toMatch(/<(img|iframe|object|embed|link|base|form|i)\b/i);
  });

  it('under external-partner names no case, seizure, place, agency or source, and says the case is withheld', async () => {
    const r = await buildClassReport(ws, db, byCase('external-partner'), ctx);
    for (const secret of ['C-2026-002', 'C24-', 'EX-', '-city', escapeHtml(HOSTILE_SOURCE), 'SRC-', 'Hostile &lt;b&gt;names']) expect(r.html, secret).not.toContain(secret);
    expect(r.html).toContain('Case withheld (redaction profile external-partner)');
    expect(r.html).toContain('name withheld under the redaction profile');
    expect(r.body.selection).toMatchObject({ kind: 'cases', case_ids: null, withheld: true });
  });

  it('is the same bytes when built again from the same parameters, and its SHA-256 is the one its definition gives', async () => {
    const req: ClassReportRequest = { scope: { by: 'classes', classIds: [hostileClass] }, label: 'PROTECTED A', fileName: 'c.html' };
    const a = await buildClassReport(ws, db, req, ctx);
    const b = await buildClassReport(ws, db, req, ctx);
    expect(b.html).toBe(a.html);
    expect(a.html.split(a.reportSha256).length - 1).toBe(2);
    expect(createHash('sha256').update(withoutOwnHash(a.html, a.reportSha256)).digest('hex')).toBe(a.reportSha256);
    const other = await buildClassReport(ws, db, req, { ...ctx, exportId: 'R-20261125-0000cafe' });
    expect(other.reportSha256).not.toBe(a.reportSha256);
  });

  it('refuses unknown classes and runs, saying which exist', async () => {
    await expect(buildClassReport(ws, db, { scope: { by: 'classes', classIds: [9999] }, label: 'PROTECTED B', fileName: 'x.html' }, ctx)).rejects.toThrow(/class run R0001 has no class 9999 of two or more samples \(its classes: \d+/);
    await expect(buildClassReport(ws, db, { scope: { by: 'classes', classIds: [hostileClass] }, runId: 'R0042', label: 'PROTECTED B', fileName: 'x.html' }, ctx)).rejects.toThrow('the workspace has no class run R0042 (runs: R0001)');
  });

  it('exports the class\'s signatures through the same selection, formulas neutralised', async () => {
    const r = await exportData(ws, db, { selection: scopeSelection({ by: 'classes', classIds: [hostileClass] }, 'R0001'), what: 'signatures', format: 'csv', label: 'PROTECTED B', fileName: 's.csv' }, ctx);
    const csv = new TextDecoder().decode(r.bytes);
    expect(csv).toContain(`'${HOSTILE[2].replace(/"/g, '""')}`);
    expect(csv).toContain(`,"${HOSTILE_PEAK.replace(/"/g, '""')}",`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe.skipIf(!existsSync(chromiumPath()))('chemical class report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  });
  afterAll(async () => browser?.close());

  it('holds only the builder\'s elements and one data block, runs nothing, and shows the hostile names as text', async () => {
    const { html: text, body } = await buildClassReport(ws, db, byCase('law-enforcement'), ctx);
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('dialog', (d) => (events.push(`dialog ${d.message()}`), void d.dismiss()));
    page.on('request', (r) => events.push(`request ${r.url()}`));
    await page.setContent(text, { waitUntil: 'load' });
    const dom = await page.evaluate((id) => ({
      tags: [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))],
      scripts: [...document.scripts].map((s) => ({ type: s.type, id: s.id })),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'href' || n === 'src'),
      cells: [...document.querySelectorAll('td')].map((td) => td.textContent),
      tooltips: [...document.querySelectorAll('svg title')].map((t) => t.textContent),
      manifest: JSON.parse(document.getElementById(id)!.textContent!),
    }), MANIFEST_ELEMENT_ID);
    expect(dom.tags.filter((t) => !BUILDER_ELEMENTS.has(t))).toEqual([]);
    expect(dom.scripts).toEqual([{ type: 'application/json', id: MANIFEST_ELEMENT_ID }]);
    expect(dom.handlers).toEqual([]);
    // As a reader sees them: markup as text, direction overrides and control characters written as [U+XXXX].
    for (const h of HOSTILE) expect(dom.cells).toContain(visibleText(h));
    expect(dom.cells).toContain(HOSTILE_CASE);
    expect(dom.tooltips).toContain(HOSTILE_PEAK);
    expect(dom.tooltips.some((t) => t?.startsWith(`${HOSTILE[1]} (${HOSTILE_CASE})`))).toBe(true);
    expect(dom.manifest).toEqual(body);
    expect(events).toEqual([]);
    await page.close();
  });

  it('prints to a PDF whose text holds the hostile names as text and the case line on every page', async () => {
    const { html: text, reportSha256 } = await buildClassReport(ws, db, byCase('law-enforcement'), ctx);
    const pdf = await renderPdf(text);
    let pages: string[];
    try {
      pages = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    } catch {
      return; // poppler-utils not installed
    }
    const all = pages.join('\n');
    expect(all).toContain(HOSTILE[0]);
    expect(all).toContain(reportSha256);
    pages.forEach((p, i) => {
      expect(p).toContain('Case C-2026-002"</style><script>alert(2)</script>');
      expect(p).toContain(`Report ${ctx.exportId}`);
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });
});

describe('chemical class report of an earlier run', () => {
  it('uses that run\'s classes, says why sources are not compared for it, and leaves the database showing the run it showed', async () => {
    await runClasses(ws, db, { author: { analyst: 'ana.analyst', appVersion: '0.1.0' }, settings: { linkage: 'complete' } });
    await registerSampleClasses(db, ws);
    expect(await registeredRun(db)).toBe('R0002');
    const r = await buildClassReport(ws, db, { scope: { by: 'classes', classIds: [hostileClass] }, runId: 'R0001', label: 'PROTECTED B', fileName: 'old.html' }, ctx);
    expect(r.body.report!.settings).toMatchObject({ run_id: 'R0001' });
    expect(r.html).toContain('this report&#39;s run R0001 is not that run');
    expect(await registeredRun(db)).toBe('R0002');
  });
});
