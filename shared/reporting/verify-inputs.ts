/**
 * Are a report's inputs still in the workspace, byte for byte? Every batch data file, workspace document and
 * analysis data file the report's manifest names is read and hashed again (the workspace's own manifest could
 * have been edited along with a file, so its recorded hashes are not trusted), and each difference is said in
 * the analysts' words: which batch, which class run, which file.
 */
import type { ExportManifestBody } from '../exporting/export-manifest';
import { sha256Hex } from '../util/sha256';
import type { Workspace } from '../workspace/Workspace';

const short = (h: string) => `${h.slice(0, 12)}…`;

/** "class run R0001 (config/class-run-R0001.json)", "calibration C0002 (…)", or the document's name. */
export function documentName(name: string, file: string): string {
  const run = /^class-run-(R\d+)$/.exec(name);
  if (run) return `class run ${run[1]} (${file})`;
  const cal = /^calibration-(C\d+)$/.exec(name);
  if (cal) return `calibration ${cal[1]} (${file})`;
  return `workspace document ${name} (${file})`;
}

export interface InputCheck {
  differences: string[];
  batches: number;
  documents: number;
  records: number;
}

/** Hashes every input the report names and lists what differs. O(bytes of the inputs). */
export async function checkInputs(ws: Workspace, body: ExportManifestBody): Promise<InputCheck> {
  const differences: string[] = [];
  const store = ws.store;
  for (const b of body.inputs.batches) {
    const now = ws.manifest.batches.find((x) => x.id === b.batch_id);
    if (!now) {
      differences.push(`input batch ${b.batch_id} is no longer in the workspace`);
      continue;
    }
    if (now.file_sha256 !== b.file_sha256 || now.data_sha256 !== b.data_sha256) {
      differences.push(`input batch ${b.batch_id}: the workspace manifest now records other SHA-256 values for it (data ${short(now.data_sha256)}, the report used ${short(b.data_sha256)})`);
    }
    const bytes = await store.read(now.data_file);
    if (bytes === null) {
      differences.push(`input batch ${b.batch_id} changed: its data file ${now.data_file} is missing`);
      continue;
    }
    const actual = await sha256Hex(bytes);
    if (actual !== b.data_sha256) differences.push(`input batch ${b.batch_id} changed: ${now.data_file} has SHA-256 ${short(actual)}, the report was made from ${short(b.data_sha256)}`);
  }
  for (const d of body.inputs.documents) {
    const now = ws.manifest.documents[d.name];
    if (!now) {
      differences.push(`${documentName(d.name, `config/${d.name}.json`)} is no longer in the workspace`);
      continue;
    }
    const bytes = await store.read(now.file);
    const actual = bytes === null ? null : await sha256Hex(bytes);
    if (actual !== d.sha256) differences.push(`${documentName(d.name, now.file)} changed since the report: ${actual === null ? 'the file is missing' : `SHA-256 ${short(actual)}`}, the report used ${short(d.sha256)}`);
  }
  const records = body.report?.records ?? [];
  for (const r of records) {
    const listed = body.inputs.documents.find((d) => d.name === r.document);
    if (!listed || listed.sha256 !== r.record_sha256) differences.push(`the report's manifest is inconsistent about ${r.kind} ${r.id} (its record is not among the documents it lists)`);
    const bytes = await store.read(r.data_file);
    const actual = bytes === null ? null : await sha256Hex(bytes);
    if (actual !== r.data_sha256) {
      differences.push(`${r.kind === 'class-run' ? 'class run' : 'calibration'} ${r.id} changed: its data file ${r.data_file} ${actual === null ? 'is missing' : `has SHA-256 ${short(actual)}`}, the report used ${short(r.data_sha256)}`);
    }
  }
  return { differences, batches: body.inputs.batches.length, documents: body.inputs.documents.length, records: records.length };
}
