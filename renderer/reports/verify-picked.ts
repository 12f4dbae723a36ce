/**
 * `verify` of a report chosen in the app: the analyst picks the report (HTML or PDF) and, beside it, its manifest;
 * the report is computed again from the open workspace (shared/reporting/verify-report.ts, the same function as
 * `sigwb verify`) in a database of its own, so the views' database is not touched. Reads only; writes nothing.
 */
import type { Engine } from '../../shared/analysis/engine';
import type { Database } from '../../shared/db/Database';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import type { Host, PickedFile } from '../../shared/host/contract';
import { reportFormatOf } from '../../shared/reporting/make-report';
import { verifyReport, type VerifyOutcome } from '../../shared/reporting/verify-report';
import type { FileStore } from '../../shared/workspace/file-store';

export const VERIFY_FILTERS = [{ name: 'Reports and their manifests', extensions: ['html', 'htm', 'pdf', 'json'] }];

/** The report among the picked files, and its manifest (`<report>.manifest.json`, or the one JSON file picked with it). */
export function pairPicked(files: readonly PickedFile[]): { report: PickedFile; sidecar: PickedFile | null } | { refused: string } {
  const reports = files.filter((f) => reportFormatOf(f.name) !== null);
  if (reports.length === 0) return { refused: files.length ? `none of ${files.map((f) => f.name).join(', ')} is a report (.html or .pdf): choose the report, and its .manifest.json with it` : 'no file chosen' };
  if (reports.length > 1) return { refused: `choose one report at a time (chosen: ${reports.map((f) => f.name).join(', ')})` };
  const report = reports[0];
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const sidecar = json.find((f) => f.name === manifestFileName(report.name)) ?? (json.length === 1 ? json[0] : null);
  return { report, sidecar };
}

export interface VerifyRequest {
  host: Host;
  store: FileStore;
  openDatabase: () => Promise<Database>;
  appVersion: string;
  /** The app's engine worker: a class report's PCA and route evidence are computed again there, off the interface thread. */
  engine?: Engine;
}

/** Asks for the report (and its manifest) and verifies it; null when the analyst chose nothing. */
export async function verifyPicked(req: VerifyRequest): Promise<{ file: string; outcome: VerifyOutcome } | { refused: string } | null> {
  const files = await req.host['dialog:open-files']({ title: 'Choose a report and its manifest (.manifest.json)', filters: VERIFY_FILTERS, multiple: true });
  if (files.length === 0) return null;
  const paired = pairPicked(files);
  if ('refused' in paired) return paired;
  const outcome = await verifyReport({
    bytes: paired.report.bytes, fileName: paired.report.name, sidecar: paired.sidecar?.bytes ?? null, store: req.store, openDatabase: req.openDatabase, appVersion: req.appVersion, engine: req.engine,
  });
  return { file: paired.report.name, outcome };
}
