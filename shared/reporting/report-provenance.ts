/**
 * The provenance section every report ends with: the report id, software, workspace, selection, redaction
 * profile, every input batch and workspace document by SHA-256, the analysis records read, the report's own
 * SHA-256 with its definition, and how to check that the report is reproduced from them.
 */
import type { ExportManifestBody } from '../exporting/export-manifest';
import { manifestFileName } from '../exporting/export-manifest';
import { VERSIONED_DOCUMENTS } from '../exporting/versioned-inputs';
import { html, type SafeHtml } from './html';
import { REPORT_HASH_DEFINITION } from './report-hash';
import { factsTableHtml, rowsTableHtml } from './report-tables';

const hash = (h: string) => html`<span class="hash">${h}</span>`;

/** The provenance section of a report; `settings` are the builder's parameters in words. */
export function provenanceHtml(body: ExportManifestBody, fileName: string, settings: readonly [string, string][] = []): SafeHtml {
  const sel = body.selection;
  const facts: [string, SafeHtml | string][] = [
    ['Report id', body.export_id],
    ['Created', body.created_at],
    ['Software', `${body.software.name} ${body.software.version}`],
    ['Workspace', body.workspace.name === null ? body.workspace.id : `${body.workspace.name} (${body.workspace.id})`],
    ['Selection', sel.withheld ? `${sel.description}; the lab's audit log holds them` : sel.description],
    ['Selection SHA-256', hash(sel.sha256)],
  ];
  if (sel.sql !== null) facts.push(['Selection SQL', hash(sel.sql)]);
  facts.push(['Redaction profile', `${body.redaction.profile} (allows ${body.redaction.allow.join(', ')})`]);
  facts.push(...settings);
  const report = body.report;
  if (report) facts.push(['Report SHA-256', hash(report.report_sha256)]);
  const batches = body.inputs.batches.map((b) => [
    html`<span class="nowrap">${b.batch_id}</span>`, b.kind, ...(body.workspace.name === null ? [] : [b.file_name ?? '']),
    hash(b.file_sha256), hash(b.data_sha256), b.superseded ? 'superseded' : 'in use',
  ]);
  const batchHeader = ['Batch', 'Kind', ...(body.workspace.name === null ? [] : ['Imported file']), 'File SHA-256', 'Stored data SHA-256', 'Status'];
  const records = report?.records ?? [];
  // A body of manifest schema 1, computed again to verify a report of then, has none (export-manifest.ts, earlierSchema).
  const used = body.inputs.versions as ExportManifestBody['inputs']['versions'] | undefined;
  const versions = (used ?? []).map((v) => {
    const what = VERSIONED_DOCUMENTS.find((d) => d.name === v.document)?.what ?? v.document;
    return [what.charAt(0).toUpperCase() + what.slice(1), v.version ?? 'as kept before versions', hash(v.sha256)];
  });
  return html`${factsTableHtml(facts)}
<h3>Input batches</h3>
${batches.length ? rowsTableHtml(batchHeader, batches) : html`<p>None.</p>`}
<h3>Workspace documents</h3>
${body.inputs.documents.length ? rowsTableHtml(['Document', 'SHA-256'], body.inputs.documents.map((d) => [d.name, hash(d.sha256)])) : html`<p>None (shipped defaults).</p>`}
${versions.length ? html`<h3>Document versions used</h3>${rowsTableHtml(['Document', 'Version', 'SHA-256'], versions)}` : ''}
${records.length ? html`<h3>Analysis records</h3>${rowsTableHtml(['Record', 'Record SHA-256', 'Data file', 'Data SHA-256'], records.map((r) => [`${r.kind === 'class-run' ? 'Class run' : 'Calibration'} ${r.id}`, hash(r.record_sha256), r.data_file, hash(r.data_sha256)]))}` : ''}
<p>The same record is embedded in this file as JSON (element sigwb-manifest) and written beside it as ${manifestFileName(fileName)}.${report ? html` This report's SHA-256 is ${REPORT_HASH_DEFINITION}; it is also in the workspace's audit log. With the workspace, <span class="nowrap">sigwb verify ${fileName} --workspace &lt;folder&gt;</span> computes the report again from these inputs and says whether it is reproduced exactly.` : html` The SHA-256 of this report is in ${manifestFileName(fileName)} and in the workspace's audit log.`}</p>`;
}
