/**
 * The self-contained report document: one HTML file with inline CSS, no external resources and a strict
 * Content-Security-Policy, the case id, report id and sensitivity label on every printed page, the sections
 * SWGDRUG SD-5 and ISO 21043-5 ask for (summary, items, methods, results, calibration, limitations,
 * provenance, analyst and date), and the manifest embedded as JSON. Each kind of report (sample list now,
 * chemical classes later) fills the sections; this builder owns their order and the statements every
 * report must make.
 */
import { html, jsonScript, styleBlock, type SafeHtml } from './html';
import { reportStyles } from './report-styles';

/** Stated in every report's limitations (DOMAIN.md: links are intelligence leads, not proof). */
export const LEAD_NOT_PROOF = 'A chemical link is an intelligence lead, not proof of common origin.';

/** The id of the embedded manifest's `<script type="application/json">` element. */
export const MANIFEST_ELEMENT_ID = 'sigwb-manifest';

export interface ReportHeader {
  /** The report's kind, as its title: "Sample list", "Chemical class report". */
  title: string;
  reportId: string;
  /** The case line printed on every page: "Case C-2026-0117", "Cases …", "Case withheld …". */
  caseLine: string;
  sensitivityLabel: string;
  analyst: string;
  /** Report date, ISO (YYYY-MM-DD). */
  date: string;
  /** More header rows, e.g. ["Selection", "case C-1"]. */
  details: [string, string][];
}

export interface ReportSections {
  summary: SafeHtml;
  items: SafeHtml;
  methods: SafeHtml;
  results: SafeHtml;
  calibration: SafeHtml;
  /** Limitations particular to this report; the builder adds the statements every report makes. */
  limitations: SafeHtml;
  provenance: SafeHtml;
}

export interface ReportDocument {
  header: ReportHeader;
  sections: ReportSections;
  /** Embedded as JSON (the export manifest without the report's own SHA-256, which cannot be inside it). */
  manifest: unknown;
  /** The manifest file that will sit beside the report, named in the text. */
  manifestFileName: string;
  /**
   * Hook for interactive figures (plotly, later): inline scripts and the CSP sources that allow them
   * (e.g. `'sha256-…'` of each script). Empty by default, and the CSP then allows no script at all.
   */
  scripts?: { elements: SafeHtml[]; sources: string[] };
  /** CSS for this kind of report's own figures, in a second style block (none by default). */
  extraStyles?: string;
}

/** The Content-Security-Policy of a report: nothing loads or runs unless a script source is given. */
export function reportCsp(scriptSources: readonly string[] = []): string {
  const parts = ["default-src 'none'", "style-src 'unsafe-inline'", 'img-src data:', "base-uri 'none'", "form-action 'none'"];
  for (const s of scriptSources) {
    if (!/^'(sha256|sha384|sha512)-[A-Za-z0-9+/=]+'$/.test(s)) throw new TypeError(`reportCsp: script sources must be hash sources, not ${s}`);
  }
  if (scriptSources.length > 0) parts.push(`script-src ${scriptSources.join(' ')}`);
  return parts.join('; ');
}

function section(id: string, n: number, title: string, body: SafeHtml): SafeHtml {
  return html`<section id="${id}"><h2>${n}. ${title}</h2>${body}</section>`;
}

/** Renders the report as one HTML document (a string ready to save, print or render to PDF). */
export function renderReportDocument(doc: ReportDocument): string {
  const h = doc.header;
  const s = doc.sections;
  const scripts = doc.scripts ?? { elements: [], sources: [] };
  const limitations = html`<p class="statement">${LEAD_NOT_PROOF}</p>
<p>This report is reproducible: the inputs (each by its SHA-256), the selection, the redaction profile and the software version it was made from are listed under Provenance, so that the same workspace and software produce the same content.</p>
${s.limitations}`;
  const body = [
    section('summary', 1, 'Summary', s.summary),
    section('items', 2, 'Items', s.items),
    section('methods', 3, 'Methods', s.methods),
    section('results', 4, 'Results', s.results),
    section('calibration', 5, 'Calibration', s.calibration),
    section('limitations', 6, 'Limitations', limitations),
    section('provenance', 7, 'Provenance', s.provenance),
    section('sign-off', 8, 'Analyst and date', html`<div class="sign-off">
<div><strong>Analyst</strong></div><div>${h.analyst}</div>
<div><strong>Date</strong></div><div>${h.date}</div>
<div><strong>Signature</strong></div><div class="sign-line"></div>
</div>`),
  ];
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(scripts.sources)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h.title} ${h.reportId} (${h.sensitivityLabel})</title>
${reportStyles({ caseLine: h.caseLine, label: h.sensitivityLabel, reportId: h.reportId, date: h.date })}${doc.extraStyles ? styleBlock(doc.extraStyles) : ''}
</head>
<body>
<header class="doc-header">
<div class="label-banner">${h.sensitivityLabel}</div>
<h1>${h.title}</h1>
<dl>
<dt>Case</dt><dd>${h.caseLine}</dd>
<dt>Report id</dt><dd>${h.reportId}</dd>
<dt>Date</dt><dd>${h.date}</dd>
<dt>Analyst</dt><dd>${h.analyst}</dd>
${h.details.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
</dl>
</header>
<main>
${body}
</main>
<footer class="doc-end">End of report ${h.reportId}. Its SHA-256 is recorded in ${doc.manifestFileName} and in the workspace's audit log. <strong>${h.sensitivityLabel}</strong></footer>
${jsonScript(MANIFEST_ELEMENT_ID, doc.manifest)}
${scripts.elements}
</body>
</html>
`;
  return document.html;
}
