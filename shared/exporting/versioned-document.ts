/**
 * Reading a persisted JSON document of the export side (redaction profiles, export manifests): the one mechanism of
 * every persisted format, defineFormat (shared/workspace/define-format.ts), with this side's error class.
 */
import type { z } from 'zod';
import { defineFormat, type Migrations } from '../workspace/define-format';

export class DocumentFormatError extends Error {
  override name = 'DocumentFormatError';
}

export interface VersionedFormat<T> {
  /** The `format` string every document of this kind carries. */
  format: string;
  /** The version this build writes and reads. */
  version: number;
  /** `migrations[v]` turns a version-v object into version v+1. */
  migrations: Migrations;
  schema: z.ZodType<T>;
  /** What the document is, for messages ("redaction profiles"). */
  what: string;
}

/** Parses and migrates a document; throws DocumentFormatError saying where and what is wrong. */
export function readVersioned<T>(raw: unknown, spec: VersionedFormat<T>, where: string): T {
  return defineFormat({ ...spec, defaults: {}, error: DocumentFormatError }).read(raw, where);
}
