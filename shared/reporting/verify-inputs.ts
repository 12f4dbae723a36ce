/**
 * Are a report's inputs still in the workspace, byte for byte? Every batch data file, workspace document and
 * analysis data file the report's manifest names is read and hashed again (the workspace's own manifest could
 * have been edited along with a file, so its recorded hashes are not trusted), and each difference is said in
 * the analysts' words: which batch, which class run, which version of the reference samples, which file.
 *
 * The documents are those the manifest lists: since its schema 3, those the report read; a document it did not read
 * (class annotations, import profiles, target lists) is no input, and changing it cannot fail the report.
 *
 * Documents kept as versions (shared/exporting/versioned-inputs.ts) are checked against the version the report
 * used, never against the copy in force. A report made when such a document was still edited in place lists it
 * under its own name; once saved again, those bytes are kept as its version V0001, which is checked instead and
 * read in its place when the report is computed again (`replaced`).
 */
import type { ExportManifestBody } from '../exporting/export-manifest';
import { VERSIONED_DOCUMENTS, versionedFamily, versionsInForce } from '../exporting/versioned-inputs';
import { sha256Hex } from '../util/sha256';
import { documentVersions, versionDocument } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';

const short = (h: string) => `${h.slice(0, 12)}…`;

/** "class run R0001 (config/class-run-R0001.json)", "reference samples version V0002 (…)", or the document's name. */
export function documentName(name: string, file: string): string {
  const run = /^class-run-(R\d+)$/.exec(name);
  if (run) return `class run ${run[1]} (${file})`;
  const cal = /^calibration-(C\d+)$/.exec(name);
  if (cal) return `calibration ${cal[1]} (${file})`;
  const versioned = versionedFamily(name);
  if (versioned) return `${versioned.family.what}${versioned.version === null ? '' : ` version ${versioned.version}`} (${file})`;
  return `workspace document ${name} (${file})`;
}

export interface InputCheck {
  differences: string[];
  batches: number;
  documents: number;
  records: number;
  /** The versioned documents the report used, in words ("reference samples V0002"). */
  versions: string[];
  /** Documents to read from another file than the workspace now names: a document kept since as its version V0001. */
  replaced: Record<string, { file: string; sha256: string }>;
}

/** The versions a report's listed documents put in force, against those its manifest (of `schema`) says it used. */
function checkVersions(body: ExportManifestBody, schema: number, differences: string[]): string[] {
  const used = body.inputs.versions;
  // A manifest of schema 1 records none: its documents are listed as they were, and checked as such.
  if (used.length === 0) return [];
  const listed = Object.fromEntries(body.inputs.documents.map((d) => [d.name, { file: '', sha256: d.sha256, updated_at: '' }]));
  // A manifest of schema 2 names the versions of the documents kept as versions then, and no others.
  const derived = versionsInForce({ documents: listed }, schema);
  if (JSON.stringify(derived) !== JSON.stringify(used)) {
    differences.push(`the report's manifest is inconsistent about the document versions it used (${used.map((u) => `${u.document} ${u.version ?? 'as kept before versions'}`).join(', ')}): they are not the latest of the documents it lists`);
  }
  return used.map((u) => `${VERSIONED_DOCUMENTS.find((v) => v.name === u.document)?.what ?? u.document} ${u.version ?? 'as kept before versions'}`);
}

/** Hashes every input the report names (its manifest of `schema`) and lists what differs. O(bytes of the inputs). */
export async function checkInputs(ws: Workspace, body: ExportManifestBody, schema: number): Promise<InputCheck> {
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
  const replaced: InputCheck['replaced'] = {};
  for (const d of body.inputs.documents) {
    const family = VERSIONED_DOCUMENTS.find((v) => v.name === d.name);
    // Listed under its own name, a versioned document was still edited in place; if saved since, it is V0001.
    const kept = family !== undefined && documentVersions(ws.manifest, d.name).length > 0 ? versionDocument(d.name, 'V0001') : null;
    const held = kept ?? d.name;
    const now = ws.manifest.documents[held];
    const file = now?.file ?? `config/${held}.json`;
    const what = kept === null ? documentName(d.name, file) : `${family!.what} as the report read them (config/${d.name}.json, kept since as version V0001 in ${file})`;
    if (!now) {
      differences.push(`${what} is no longer in the workspace`);
      continue;
    }
    const bytes = await store.read(now.file);
    const actual = bytes === null ? null : await sha256Hex(bytes);
    if (actual !== d.sha256) differences.push(`${what} changed since the report: ${actual === null ? 'the file is missing' : `SHA-256 ${short(actual)}`}, the report used ${short(d.sha256)}`);
    else if (kept !== null) replaced[d.name] = { file: now.file, sha256: d.sha256 };
  }
  const versions = checkVersions(body, schema, differences);
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
  return { differences, batches: body.inputs.batches.length, documents: body.inputs.documents.length, records: records.length, versions, replaced };
}
