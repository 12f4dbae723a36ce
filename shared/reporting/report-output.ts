/** Report ids, and a report's manifest once its bytes (HTML, or the PDF rendered from it) exist. */
import { completeManifest, manifestBytes, type ExportManifestBody } from '../exporting/export-manifest';
import type { ExportResult } from '../exporting/export-data';
import type { Selection } from '../exporting/selection';

/** A report as a builder returns it: its HTML (own SHA-256 in place) and what its manifest and audit line need. */
export interface BuiltReport {
  html: string;
  body: ExportManifestBody;
  reportId: string;
  selection: Selection;
  selectionNonce: string;
  /** Rows of the report's item list, and the columns the profile removed from it. */
  rows: number;
  removed: string[];
  /** The report's own SHA-256 (report-hash.ts). */
  reportSha256: string;
}

export const REPORT_FORMATS = {
  html: { mediaType: 'text/html; charset=utf-8' },
  pdf: { mediaType: 'application/pdf' },
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** A new report id, R-YYYYMMDD-xxxxxxxx (UTC date, 32 random bits): short enough to print on every page. */
export function newReportId(now: Date): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, '0');
  return `R-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${random}`;
}

/** The report's manifest with its output record: call with the bytes as they will be written. */
export async function finishReport(
  report: { body: ExportManifestBody; selection: Selection; selectionNonce: string },
  bytes: Uint8Array,
  file: { name: string; format: ReportFormat },
): Promise<ExportResult> {
  const manifest = await completeManifest(report.body, {
    name: file.name,
    bytes,
    format: file.format,
    mediaType: REPORT_FORMATS[file.format].mediaType,
    formulasNeutralised: false,
  });
  return { bytes, manifest, manifestBytes: manifestBytes(manifest), selection: report.selection, selectionNonce: report.selectionNonce };
}
