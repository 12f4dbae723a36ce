/**
 * The report document: self-contained, strict CSP, the statements every report makes, and no markup from
 * the data. Parsed by Chromium (the engine that prints it): the DOM must hold exactly the one data block
 * the builder wrote, no element that loads anything, and the hostile text as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { html } from '../../../shared/reporting/html';
import { LEAD_NOT_PROOF, MANIFEST_ELEMENT_ID, renderReportDocument, reportCsp, type ReportDocument } from '../../../shared/reporting/report-document';
import { CHROMIUM_FLAGS, chromiumPath } from '../../../cli/pdf';
import { HOSTILE } from '../exporting/fixture';
import { visibleText } from '../../../shared/util/visible-text';

const items = html`<table><tbody>${HOSTILE.map((h) => html`<tr><td class="id">${h}</td></tr>`)}</tbody></table>`;
const doc: ReportDocument = {
  header: {
    title: 'Sample list', reportId: 'R-20261125-0000abcd', caseLine: `Case ${HOSTILE[0]}`, sensitivityLabel: 'PROTECTED B',
    analyst: HOSTILE[1], date: '2026-11-25', details: [['Selection', HOSTILE[2]]],
  },
  sections: {
    summary: html`<p>${HOSTILE[3]}</p>`, items, methods: html`<p>m</p>`, results: html`<p>r</p>`, calibration: html`<p>c</p>`,
    limitations: html`<p>${HOSTILE[4]}</p>`, provenance: html`<p>${HOSTILE[5]}</p>`,
  },
  manifest: { sample: '</script><script>alert(3)</script>', ls: '\u2028' },
  manifestFileName: `r.html.manifest.json`,
};
const text = renderReportDocument(doc);

describe('report document (text)', () => {
  it('has a strict CSP first in <head>, one data script, and nothing that loads from elsewhere', () => {
    expect(reportCsp()).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    const head = text.slice(text.indexOf('<head>'), text.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<style>'));
    expect(head).toContain(`content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;"`);
    expect(text.match(/<script/gi)).toHaveLength(1);
    expect(text.match(/<\/script/gi)).toHaveLength(1);
    expect(text).not.toMatch(/<(img|iframe|object|embed|link|base|form)\b/i);
    expect(text).not.toMatch(/url\(|@import/i);
  });

  it('states that a link is a lead, not proof, and that the report is reproducible, in the SD-5 order of sections', () => {
    expect(text).toContain(LEAD_NOT_PROOF);
    expect(text).toContain('This report is reproducible');
    const order = ['summary', 'items', 'methods', 'results', 'calibration', 'limitations', 'provenance', 'sign-off'].map((id) => text.indexOf(`<section id="${id}">`));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]))).toBe(true);
  });

  it('puts the case line, report id and label into the @page margin boxes as escaped CSS strings, with page numbers', () => {
    const style = text.slice(text.indexOf('<style>'), text.indexOf('</style>') + '</style>'.length);
    expect(style.match(/<\/style/g)).toHaveLength(1);
    expect(style).toContain('@top-left { content: "Case \\3c script\\3e alert(1)\\3c /script\\3e "');
    expect(style).toContain('content: "Page " counter(page) " of " counter(pages)');
    expect(style).toContain('@top-center { content: "PROTECTED B"');
  });

  it('leaves a hook for scripts (plotly later) that only takes hash sources', () => {
    expect(reportCsp(["'sha256-abc='"])).toContain("script-src 'sha256-abc='");
    expect(() => reportCsp(["'unsafe-inline'"])).toThrow(/hash sources/);
    expect(() => reportCsp(['https://cdn.example'])).toThrow(/hash sources/);
  });
});

describe.skipIf(!existsSync(chromiumPath()))('report document (parsed and run by Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  });
  afterAll(async () => browser?.close());

  it('holds only the builder\'s data block, shows hostile text as text, runs nothing and requests nothing', async () => {
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('dialog', (d) => (events.push(`dialog ${d.message()}`), void d.dismiss()));
    page.on('request', (r) => events.push(`request ${r.url()}`));
    page.on('console', (m) => events.push(`console ${m.text()}`));
    await page.setContent(text, { waitUntil: 'load' });
    const dom = await page.evaluate((id) => ({
      scripts: [...document.scripts].map((s) => ({ type: s.type, id: s.id })),
      loaders: document.querySelectorAll('img, iframe, object, embed, link, base, form, [src], [href], [onclick], [onerror], [onload]').length,
      ids: [...document.querySelectorAll('td.id')].map((td) => td.textContent),
      caseLine: document.querySelector('.doc-header dd')!.textContent,
      manifest: JSON.parse(document.getElementById(id)!.textContent!),
      sections: [...document.querySelectorAll('main > section')].map((s) => s.id),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content'),
    }), MANIFEST_ELEMENT_ID);
    expect(dom.csp).toBe(reportCsp());
    expect(dom.scripts).toEqual([{ type: 'application/json', id: MANIFEST_ELEMENT_ID }]);
    expect(dom.loaders).toBe(0);
    // As a reader sees them: markup as text, direction overrides and control characters written as [U+XXXX].
    expect(dom.ids).toEqual(HOSTILE.map(visibleText));
    expect(dom.caseLine).toBe(`Case ${HOSTILE[0]}`);
    expect(dom.manifest).toEqual(doc.manifest);
    expect(dom.sections).toEqual(['summary', 'items', 'methods', 'results', 'calibration', 'limitations', 'provenance', 'sign-off']);
    expect(events).toEqual([]);
    await page.close();
  });

  it('enforces its CSP: an inline script whose hash the policy does not list does not run', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    const withScript = renderReportDocument({ ...doc, scripts: { elements: [html`<script>alert('ran')</script>`], sources: [] } });
    await page.setContent(withScript, { waitUntil: 'load' });
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
