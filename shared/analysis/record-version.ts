/**
 * Reading a versioned record (calibrations, class runs, target lists): check the format, migrate older schema
 * versions forward step by step, refuse newer ones, then validate, in the way of shared/workspace/manifest.ts.
 */
import type { z } from 'zod';

export class RecordError extends Error {
  override name = 'RecordError';
}

export type Migrations = Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;

/** Parses `raw` as `format` at `current` version, running `migrations[v]` from each older version v. */
export function readVersioned<T>(raw: unknown, format: string, current: number, migrations: Migrations, schema: z.ZodType<T>, where: string): T {
  if (typeof raw !== 'object' || raw === null) throw new RecordError(`${where}: not a JSON object`);
  let doc = raw as Record<string, unknown>;
  if (doc.format !== format) throw new RecordError(`${where}: not a ${format} record (format is ${JSON.stringify(doc.format)})`);
  let version = doc.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new RecordError(`${where}: schema_version must be a whole number from 1 on`);
  if (version > current) throw new RecordError(`${where}: written by a newer Signature Workbench (schema ${version}; this one reads up to ${current}). Update the workbench to read it.`);
  while (version < current) {
    const step = migrations[version];
    if (!step) throw new RecordError(`${where}: no migration from schema ${version}`);
    doc = { ...step(doc), schema_version: version + 1 };
    version += 1;
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecordError(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
