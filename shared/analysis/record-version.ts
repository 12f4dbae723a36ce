/**
 * Reading a versioned record (calibrations, class runs, target lists): the one mechanism of every persisted format,
 * defineFormat (shared/workspace/define-format.ts), with the records' error class.
 */
import type { z } from 'zod';
import { defineFormat, type Migrations } from '../workspace/define-format';

export type { Migrations } from '../workspace/define-format';

export class RecordError extends Error {
  override name = 'RecordError';
}

/** Parses `raw` as `format` at `current` version, running `migrations[v]` from each older version v; throws RecordError. */
export function readVersioned<T>(raw: unknown, format: string, current: number, migrations: Migrations, schema: z.ZodType<T>, where: string): T {
  return defineFormat({ format, version: current, migrations, schema, defaults: {}, what: `a ${format} record`, error: RecordError }).read(raw, where);
}
