/**
 * Reading a persisted JSON document that carries `format` and `schema_version`: older versions are migrated
 * forward one step at a time, newer ones are refused with a clear message, and the result is checked by
 * its zod schema (the pattern of shared/workspace/manifest.ts, shared by every export-side document).
 */
import type { z } from 'zod';

export class DocumentFormatError extends Error {
  override name = 'DocumentFormatError';
}

export interface VersionedFormat<T> {
  /** The `format` string every document of this kind carries. */
  format: string;
  /** The version this build writes and reads. */
  version: number;
  /** `migrations[v]` turns a version-v object into version v+1. */
  migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
  schema: z.ZodType<T>;
  /** What the document is, for messages ("redaction profiles"). */
  what: string;
}

/** Parses and migrates a document; throws DocumentFormatError saying where and what is wrong. */
export function readVersioned<T>(raw: unknown, spec: VersionedFormat<T>, where: string): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DocumentFormatError(`${where}: not a JSON object`);
  let doc = raw as Record<string, unknown>;
  if (doc.format !== spec.format) throw new DocumentFormatError(`${where}: not ${spec.what} (format is ${JSON.stringify(doc.format)})`);
  let version = doc.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DocumentFormatError(`${where}: schema_version must be a whole number from 1 on`);
  }
  if (version > spec.version) {
    throw new DocumentFormatError(`${where}: written by a newer Signature Workbench (schema ${version}; this one reads up to ${spec.version}). Update the workbench to read it.`);
  }
  while (version < spec.version) {
    const step = spec.migrations[version];
    if (!step) throw new DocumentFormatError(`${where}: no migration from schema ${version}`);
    doc = { ...step(doc), schema_version: version + 1 };
    version += 1;
  }
  const parsed = spec.schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocumentFormatError(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
