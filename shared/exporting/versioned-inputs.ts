/**
 * The inputs of an export that are documents kept as versions (redaction profiles, reference samples;
 * shared/workspace/document-versions.ts): which version each export used, and which workspace documents its
 * manifest lists (the versions, not the copy in force, which every save rewrites).
 */
import { z } from 'zod';
import { REFERENCE_DOCUMENT } from '../attribution/reference-tags';
import { documentVersions, inForce } from '../workspace/document-versions';
import type { Manifest } from '../workspace/manifest';
import { REDACTION_DOCUMENT } from './redaction';

/** The workspace documents kept as versions (shared/workspace/document-versions.ts), with their names in words. */
export const VERSIONED_DOCUMENTS: readonly { name: string; what: string }[] = [
  { name: REDACTION_DOCUMENT, what: 'redaction profiles' },
  { name: REFERENCE_DOCUMENT, what: 'reference samples' },
];

/** One versioned document as an export used it: the version in force then, and that version's SHA-256. */
export const DocumentVersionUsed = z.object({
  document: z.string(),
  /** V0002; null for a document of the earlier layout, kept before versions (config/<document>.json). */
  version: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentVersionUsed = z.infer<typeof DocumentVersionUsed>;

/** The versioned documents in force in a workspace (those ever saved), each with its version and SHA-256. */
export function versionsInForce(manifest: Pick<Manifest, 'documents'>): DocumentVersionUsed[] {
  return VERSIONED_DOCUMENTS.flatMap(({ name }) => {
    const v = inForce(manifest, name);
    return v === null ? [] : [{ document: name, version: v.version, sha256: v.sha256 }];
  });
}

/** The workspace documents an export lists: all, except the copy in force of a document kept as versions. */
export function listedDocuments(manifest: Pick<Manifest, 'documents'>): { name: string; sha256: string }[] {
  const copies = new Set(VERSIONED_DOCUMENTS.filter(({ name }) => documentVersions(manifest, name).length > 0).map(({ name }) => name));
  return Object.entries(manifest.documents).filter(([name]) => !copies.has(name)).map(([name, d]) => ({ name, sha256: d.sha256 }));
}
