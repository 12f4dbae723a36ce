/**
 * Reading the workspace's editable reference documents (the compound dictionary, the controlled vocabularies) the one
 * way: the version in force parsed by its schema, else the shipped default; and an edited JSON file validated whole,
 * with the refusal naming the file and the field (`dict.json: compounds.2.cas: …`).
 */
import type { z } from 'zod';
import { readInForce } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';

/** The version in force of `name` parsed by `schema`, or `fallback` when none was saved; throws naming the file and field. */
export async function loadDocumentInForce<T>(ws: Workspace, name: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  // Its `version` is the analysts' own label (2026-11-25.1), not the version id.
  const stored = await readInForce(ws, name, { namesVersion: false });
  if (stored === null) return fallback;
  const parsed = schema.safeParse(stored.raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${stored.inForce.file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** A document from edited JSON text; throws saying where (`where: compounds.12.cas: …`) and why it is refused. */
export function parseDocumentText<T>(text: string, where: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
