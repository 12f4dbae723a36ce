/**
 * One mechanism for every persisted JSON format (the tldraw record pattern, ../shared/STYLE.md): a format is
 * declared once, with its `format` string, its schema version, the migrations from each older version, its zod
 * schema and the defaults a new document starts from, and every read goes through `read`: check the format,
 * refuse a newer version with a message to update, migrate older ones forward one step at a time, validate.
 * A hand-copied migrate-then-validate loop is what this replaces; a new format is a `defineFormat` call.
 */
import type { z } from 'zod';

/** A persisted document that fails to read: says where and what (the format's own error class, when it has one). */
export class FormatError extends Error {
  override name = 'FormatError';
}

/**
 * `migrations[v]` turns a version-v document into version v + 1 (schema_version is set by the reader); it throws when
 * the document cannot be of version v (see `refuseIfPresent`), and the reader says so naming the file.
 */
export type Migrations = Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;

export interface FormatSpec<T, D extends Partial<T>> {
  /** The `format` string every document of this kind carries, e.g. `signature-workbench/workspace`. */
  format: string;
  /** The schema version this build writes and reads; older ones are migrated, newer ones refused. */
  version: number;
  /** Steps from each older version (none for a format at version 1). */
  migrations: Migrations;
  /** The current version's schema. */
  schema: z.ZodType<T>;
  /** The fields a new document starts with (besides `format` and `schema_version`); `create` adds the rest. */
  defaults: D;
  /** What the document is, for messages ("redaction profiles"); defaults to the format string. */
  what?: string;
  /** The error class callers catch for this format; FormatError by default. */
  error?: new (message: string) => Error;
}

export interface Format<T, D extends Partial<T>> {
  readonly format: string;
  readonly version: number;
  /** Parses, migrates and validates a stored document; throws the format's error naming `where` and the field. */
  read(raw: unknown, where?: string): T;
  /** A new document: the defaults, then `fields`, validated (throws the format's error when invalid). */
  create(fields: Omit<T, keyof D | 'format' | 'schema_version'> & Partial<T>): T;
}

/** Declares a persisted format; see the module comment. */
export function defineFormat<T, D extends Partial<T>>(spec: FormatSpec<T, D>): Format<T, D> {
  const Err = spec.error ?? FormatError;
  const what = spec.what ?? spec.format;
  const validate = (doc: unknown, where: string): T => {
    const parsed = spec.schema.safeParse(doc);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Err(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  };
  return {
    format: spec.format,
    version: spec.version,
    read(raw, where = what) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Err(`${where}: not a JSON object`);
      let doc = raw as Record<string, unknown>;
      if (doc.format !== spec.format) throw new Err(`${where}: not ${what} (format is ${JSON.stringify(doc.format)})`);
      let version = doc.schema_version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Err(`${where}: schema_version is missing or not a positive integer`);
      if (version > spec.version) {
        throw new Err(`${where}: written by a newer Signature Workbench (schema ${version}; this one reads up to ${spec.version}). Update the workbench to read it.`);
      }
      const stated = version;
      while (version < spec.version) {
        const step = spec.migrations[version];
        if (!step) throw new Err(`${where}: no migration from schema ${version}`);
        try {
          doc = { ...step(doc), schema_version: version + 1 };
        } catch (e) {
          // A step that finds what its version cannot hold (a field it would add already there, one it reads missing);
          // named by the schema the record states, whichever step of the chain found it.
          throw new Err(`${where}: cannot be read as schema ${stated}: ${(e as Error).message}`);
        }
        version += 1;
      }
      return validate(doc, where);
    },
    create(fields) {
      return validate({ format: spec.format, schema_version: spec.version, ...structuredClone(spec.defaults), ...fields }, what);
    },
  };
}

/**
 * For a migration that adds `field` to `holder`: throws when it is already there, so that a record whose schema_version
 * was lowered by hand is refused rather than read with the added field's old default in place of what it states.
 */
export function refuseIfPresent(holder: Record<string, unknown> | null | undefined, field: string, path: string, since: number): void {
  if (holder && field in holder) throw new Error(`it already states ${path}, which schema ${since} added: its schema_version is wrong`);
}
