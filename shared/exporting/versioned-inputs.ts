/**
 * The workspace documents an export or report lists as its inputs, and which version of each document kept as
 * versions (shared/workspace/document-versions.ts) it used.
 *
 * Since export manifest schema 3 an export lists only the documents it read (Workspace.recording), so editing one
 * it never read (class annotations, import profiles, target lists) leaves it verifiable. A manifest of schema 1 or 2
 * listed every document of the workspace; a report of those is computed again listing them the same way.
 */
import { z } from 'zod';
import { CALIBRATION_IN_FORCE } from '../analysis/calibration-store';
import { LIBRARY_DOCUMENT } from '../attribution/library-document';
import { REFERENCE_DOCUMENT } from '../attribution/reference-tags';
import { DICTIONARY_DOCUMENT } from '../domain/workspace-dictionary';
import { documentVersions, inForce, VERSION_ID } from '../workspace/document-versions';
import type { Manifest } from '../workspace/manifest';
import type { Workspace } from '../workspace/Workspace';
import { REDACTION_DOCUMENT } from './redaction';

/** A document kept as versions: its name, its name in words, and the first export manifest schema that lists its versions. */
export interface VersionedDocument {
  name: string;
  what: string;
  since: number;
}

/** The workspace documents kept as versions, in the order a manifest lists them (`inputs.versions`). */
export const VERSIONED_DOCUMENTS: readonly VersionedDocument[] = [
  { name: REDACTION_DOCUMENT, what: 'redaction profiles', since: 2 },
  { name: REFERENCE_DOCUMENT, what: 'reference samples', since: 2 },
  { name: DICTIONARY_DOCUMENT, what: 'compound dictionary', since: 3 },
  { name: LIBRARY_DOCUMENT, what: 'signature library', since: 3 },
  { name: CALIBRATION_IN_FORCE, what: 'calibration in force', since: 3 },
];

/** The family a manifest document belongs to, and its version (null: the document itself, kept before versions). */
export function versionedFamily(document: string): { family: VersionedDocument; version: string | null } | null {
  for (const family of VERSIONED_DOCUMENTS) {
    if (document === family.name) return { family, version: null };
    const id = document.slice(family.name.length + 1);
    if (document.startsWith(`${family.name}-`) && VERSION_ID.test(id)) return { family, version: id };
  }
  return null;
}

/** One versioned document as an export used it: the version in force then, and that version's SHA-256. */
export const DocumentVersionUsed = z.object({
  document: z.string(),
  /** V0002; null for a document of the earlier layout, kept before versions (config/<document>.json). */
  version: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentVersionUsed = z.infer<typeof DocumentVersionUsed>;

/**
 * The versioned documents in force in a manifest (those ever saved), each with its version and SHA-256; `schema`:
 * only the families an export manifest of that schema lists. Over the documents a report read, these are the
 * versions it used (it reads one version of each).
 */
export function versionsInForce(manifest: Pick<Manifest, 'documents'>, schema = Infinity): DocumentVersionUsed[] {
  return VERSIONED_DOCUMENTS.filter((d) => d.since <= schema).flatMap(({ name }) => {
    const v = inForce(manifest, name);
    return v === null ? [] : [{ document: name, version: v.version, sha256: v.sha256 }];
  });
}

/** Every workspace document except the copy in force of a document kept as versions: what schemas 1 and 2 listed. */
export function listedDocuments(manifest: Pick<Manifest, 'documents'>): { name: string; sha256: string }[] {
  const copies = new Set(VERSIONED_DOCUMENTS.filter(({ name }) => documentVersions(manifest, name).length > 0).map(({ name }) => name));
  return Object.entries(manifest.documents).filter(([name]) => !copies.has(name)).map(([name, d]) => ({ name, sha256: d.sha256 }));
}

/**
 * An export's `inputs.documents` and `inputs.versions`: from schema 3, the documents read through `ws` (a recording
 * view; Workspace.recording) and the versions among them; for a report of schema 1 or 2 computed again, every
 * document, as those schemas listed them.
 */
export function documentInputs(ws: Workspace, schema: number): { documents: { name: string; sha256: string }[]; versions: DocumentVersionUsed[] } {
  const m = ws.manifest;
  if (schema < 3) return { documents: listedDocuments(m), versions: versionsInForce(m, schema) };
  const read = ws.documentsRead;
  if (read === null) throw new Error('an export lists the documents it read: build it on a recording view of the workspace (Workspace.recording)');
  const documents = read.map((name) => ({ name, sha256: m.documents[name].sha256 }));
  return { documents, versions: versionsInForce({ documents: Object.fromEntries(read.map((name) => [name, m.documents[name]])) }) };
}
