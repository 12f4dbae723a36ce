/**
 * The sample-list report: the samples of a selection (a case, named samples, later a chemical class) with
 * their seizure data, the methods and compounds measured, and full provenance, redacted per profile. It
 * reports no comparison between samples; the chemical-class report will fill the same document with links,
 * scores and its calibration.
 */
import type { Table } from 'apache-arrow';
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import { displayText, plainValue } from '../db/arrow-values';
import { prepareExport, type ExportContext } from '../exporting/export-data';
import { buildManifestBody, manifestFileName, type ExportManifestBody } from '../exporting/export-manifest';
import { allows, applyRedaction, type RedactionProfile } from '../exporting/redaction';
import { selectionSql, type Selection } from '../exporting/selection';
import { html, type SafeHtml } from './html';
import { renderReportDocument } from './report-document';
import { newReportId, type BuiltReport } from './report-output';
import { hashedReport } from './report-hash';
import { provenanceHtml } from './report-provenance';
import { arrowTableHtml, factsTableHtml, fixed, presentColumns, type ColumnView } from './report-tables';

export interface SampleListRequest {
  selection: Selection;
  /** Redaction profile name (default "internal"). */
  profile?: string;
  label: string;
  /** The report file's name (for the text and the manifest). */
  fileName: string;
}

export type { BuiltReport } from './report-output';

const ITEM_COLUMNS: ColumnView[] = [
  { name: 'sample_id', title: 'Sample' },
  { name: 'seizure_id', title: 'Seizure', nowrap: true },
  { name: 'case_id', title: 'Case', nowrap: true },
  { name: 'seized_on', title: 'Seized on', nowrap: true },
  { name: 'region', title: 'Region' },
  { name: 'city', title: 'City' },
  { name: 'lat', title: 'Lat', format: fixed(4) },
  { name: 'lon', title: 'Lon', format: fixed(4) },
  { name: 'form', title: 'Form' },
  { name: 'mass_g', title: 'Mass (g)', format: fixed(3) },
  { name: 'main_drug', title: 'Main drug' },
  { name: 'purity_pct', title: 'Purity (%)', format: fixed(1) },
  { name: 'agency', title: 'Agency' },
  { name: 'n_detected', title: 'Compounds detected' },
];

/** Distinct non-null values of a column as display text, sorted (ISO dates sort as dates). O(rows). */
function distinct(t: Table, column: string): string[] {
  const v = t.getChild(column);
  const field = t.schema.fields.find((f) => f.name === column);
  if (!v || !field) return [];
  const out = new Set<string>();
  const rowCount = t.numRows;
  for (let i = 0; i < rowCount; i++) {
    const value = plainValue(v.get(i), field);
    if (value !== null) out.add(displayText(value));
  }
  return [...out].sort();
}

function caseLine(items: Table, sel: Selection, profile: RedactionProfile): string {
  if (!allows(profile, 'case_id')) return `Case withheld (redaction profile ${profile.name})`;
  const cases = sel.kind === 'cases' ? [...new Set(sel.case_ids)] : distinct(items, 'case_id');
  if (cases.length === 0) return 'Case: none recorded';
  return cases.length === 1 ? `Case ${cases[0]}` : `Cases ${cases.join(', ')}`;
}

function summary(items: Table, body: ExportManifestBody): SafeHtml {
  const n = items.numRows;
  const facts: [string, string][] = [['Samples', String(n)]];
  for (const [column, title] of [['seizure_id', 'Seizures'], ['case_id', 'Cases']]) {
    if (items.getChild(column)) facts.push([title, String(distinct(items, column).length)]);
  }
  const dates = distinct(items, 'seized_on');
  if (dates.length) facts.push(['Seized between', `${dates[0]} and ${dates[dates.length - 1]}`]);
  if (items.getChild('main_drug')) facts.push(['Main drugs', distinct(items, 'main_drug').join(', ') || 'none recorded']);
  return html`<p>This report lists the ${n} ${n === 1 ? 'sample' : 'samples'} of ${body.selection.description} and the compounds measured in them. It reports no comparison between samples and says nothing about whether any of them are linked.</p>
${factsTableHtml(facts)}`;
}

/** The analytical methods and instruments of the samples `where` selects (a condition on `measurements`), redacted per profile. */
export async function analysisMethodsHtml(db: Database, where: string, profile: RedactionProfile): Promise<SafeHtml> {
  const cols = ['method', 'instrument'].filter((c) => allows(profile, c));
  const dates = allows(profile, 'analysed_on') ? ', min(analysed_on) AS first_analysed, max(analysed_on) AS last_analysed' : '';
  if (cols.length === 0) return html`<p class="muted">Methods and instruments are withheld under redaction profile ${profile.name}.</p>`;
  const t = await db.query(`SELECT ${cols.join(', ')}, count(DISTINCT sample_id) AS samples${dates} FROM measurements WHERE ${where} GROUP BY ALL ORDER BY ALL`);
  if (t.numRows === 0) return html`<p>No measurements are recorded for these samples.</p>`;
  const views: ColumnView[] = [
    { name: 'method', title: 'Method' },
    { name: 'instrument', title: 'Instrument' },
    { name: 'samples', title: 'Samples' },
    { name: 'first_analysed', title: 'First analysed', nowrap: true },
    { name: 'last_analysed', title: 'Last analysed', nowrap: true },
  ];
  return html`<p>The samples were analysed by the methods and instruments below. Compound names as written in the instruments' files were mapped to the names of the workspace's compound dictionary (its SHA-256 is under Provenance).</p>
${arrowTableHtml(t, presentColumns(t, views))}`;
}

async function results(db: Database, where: string, profile: RedactionProfile): Promise<SafeHtml> {
  if (!allows(profile, 'compound') || !allows(profile, 'detected')) return html`<p class="muted">Compound results are withheld under redaction profile ${profile.name}.</p>`;
  const role = allows(profile, 'role') ? ', role' : '';
  const t = await db.query(`SELECT compound${role}, count(DISTINCT sample_id) FILTER (WHERE detected) AS detected_in, count(DISTINCT sample_id) AS measured_in
    FROM measurements WHERE ${where} GROUP BY ALL ORDER BY detected_in DESC, compound`);
  if (t.numRows === 0) return html`<p>No measurements are recorded for these samples.</p>`;
  const views: ColumnView[] = [
    { name: 'compound', title: 'Compound' },
    { name: 'role', title: 'Role' },
    { name: 'detected_in', title: 'Samples where detected' },
    { name: 'measured_in', title: 'Samples measured' },
  ];
  return html`<p>For each compound, the number of listed samples in which it was detected, of those in which it was measured. Peak areas and their uncertainty belong to the data export and to the chemical-class report, not to this list.</p>
${arrowTableHtml(t, presentColumns(t, views))}`;
}

/**
 * Builds a sample-list report for a selection, redacted per profile; returns the HTML and its manifest body (which
 * lists the workspace documents the report read: it reads through a recording view of `workspace`).
 */
export async function buildSampleListReport(workspace: Workspace, db: Database, req: SampleListRequest, ctx: ExportContext): Promise<BuiltReport> {
  const ws = workspace.recording();
  const now = ctx.now ?? new Date();
  const reportId = ctx.exportId ?? newReportId(now);
  const p = await prepareExport(ws, db, req, { ...ctx, now, exportId: reportId });
  const where = `sample_id IN (SELECT sample_id FROM (${selectionSql(req.selection)}))`;
  const sql = `SELECT * FROM samples WHERE ${where} ORDER BY case_id NULLS LAST, seizure_id NULLS LAST, sample_id`;
  const { table: items, removed } = applyRedaction(await db.query(sql), p.profile);
  const withoutMetadata = Number((await db.query(`SELECT count(*) AS n FROM samples WHERE ${where} AND NOT has_metadata`)).getChild('n')!.get(0));
  const notes = withoutMetadata > 0 ? [`${withoutMetadata} listed ${withoutMetadata === 1 ? 'sample has' : 'samples have'} results but no seizure metadata in the workspace.`] : [];
  const base = await buildManifestBody({
    exportId: reportId, kind: 'report', now, analyst: ctx.analyst, appVersion: ctx.appVersion, label: p.label, ws,
    selection: req.selection, selectionNonce: p.selectionNonce, samples: p.samples, what: 'sample-list', querySql: sql, table: items, notes, profile: p.profile, removed,
    report: { kind: 'sample-list', file_name: req.fileName, settings: {}, records: [], report_sha256: '' },
    schema: ctx.manifestSchema,
  });
  const date = now.toISOString().slice(0, 10);
  const sections = {
    summary: summary(items, base),
    items: html`<p>Samples with their seizure data${removed.length ? ' (columns withheld under the redaction profile are not shown)' : ''}.</p>${arrowTableHtml(items, presentColumns(items, ITEM_COLUMNS))}`,
    methods: await analysisMethodsHtml(db, where, p.profile),
    results: await results(db, where, p.profile),
    calibration: html`<p>No comparison scores are reported in a sample list, so no calibration applies. A chemical-class report states here the calibration version, its false-positive rate and the link threshold.</p>`,
    limitations: html`${removed.length ? html`<p>Columns withheld under redaction profile ${p.profile.name}: ${removed.join(', ')}.</p>` : ''}
${notes.map((n) => html`<p>${n}</p>`)}
<p>Values are shown as recorded in the imported files, without correction.</p>`,
  };
  const { html: htmlText, sha256 } = await hashedReport((hash) => {
    const body = { ...base, report: { ...base.report!, report_sha256: hash } };
    return renderReportDocument({
      header: {
        title: 'Sample list', reportId, caseLine: caseLine(items, req.selection, p.profile), sensitivityLabel: p.label, analyst: ctx.analyst, date,
        details: [['Selection', body.selection.description], ['Redaction profile', p.profile.name]],
      },
      sections: { ...sections, provenance: provenanceHtml(body, req.fileName) },
      manifest: body,
      manifestFileName: manifestFileName(req.fileName),
    });
  });
  const body = { ...base, report: { ...base.report!, report_sha256: sha256 } };
  return { html: htmlText, body, reportId, selection: req.selection, selectionNonce: p.selectionNonce, rows: items.numRows, removed, reportSha256: sha256 };
}
