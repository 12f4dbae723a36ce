/**
 * The analysts' annotations of chemical classes (config/class-annotations.json): a link confirmed, a link
 * rejected, or a note, with who and when, and the class run they were made on. Schema, version, migrations
 * and defaults in this one file (the tldraw record pattern, shared/STYLE.md). Annotations are only ever
 * added: each one is also a line of the audit log.
 */
import { z } from 'zod';
import { defineFormat } from '../../shared/workspace/define-format';
import { documentBytes, type Workspace } from '../../shared/workspace/Workspace';

export const ANNOTATIONS_DOCUMENT = 'class-annotations';
export const ANNOTATIONS_FORMAT = 'signature-workbench/class-annotations';
export const ANNOTATIONS_VERSION = 1;

export const Decision = z.enum(['link-confirmed', 'link-rejected', 'note']);
export type Decision = z.infer<typeof Decision>;

export const DECISION_LABELS: Record<Decision, string> = {
  'link-confirmed': 'Link confirmed',
  'link-rejected': 'Link rejected',
  note: 'Note',
};

export const ClassAnnotation = z.object({
  class_id: z.number().int().positive(),
  /** The class run the class was read in (class ids are stable across runs; the run says which members). */
  run_id: z.string().regex(/^R\d{4,}$/),
  members: z.number().int().nonnegative(),
  decision: Decision,
  note: z.string().max(4000),
  by: z.string().min(1),
  at: z.string().min(1),
});
export type ClassAnnotation = z.infer<typeof ClassAnnotation>;

export const ClassAnnotationsV1 = z.object({
  format: z.literal(ANNOTATIONS_FORMAT),
  schema_version: z.literal(1),
  annotations: z.array(ClassAnnotation),
});
export type ClassAnnotations = z.infer<typeof ClassAnnotationsV1>;

/** The annotations document's format (version 1 is the first; the next schema change adds its step here). */
export const annotationsFormat = defineFormat({
  format: ANNOTATIONS_FORMAT,
  version: ANNOTATIONS_VERSION,
  migrations: {},
  schema: ClassAnnotationsV1,
  defaults: { annotations: [] },
  what: 'a class-annotations document',
});

export const EMPTY_ANNOTATIONS: ClassAnnotations = annotationsFormat.create({});

/** The stored annotations (none when the document was never saved); throws naming the field that is wrong. */
export function readAnnotations(raw: unknown): ClassAnnotations {
  if (raw === null || raw === undefined) return EMPTY_ANNOTATIONS;
  return annotationsFormat.read(raw, `config/${ANNOTATIONS_DOCUMENT}.json`);
}

export async function loadAnnotations(ws: Workspace): Promise<ClassAnnotations> {
  return readAnnotations(await ws.getDocument(ANNOTATIONS_DOCUMENT));
}

/** Adds one annotation: the document and the audit line that says what was decided, in one commit. */
export async function addAnnotation(ws: Workspace, annotation: ClassAnnotation): Promise<ClassAnnotations> {
  const checked = ClassAnnotation.parse(annotation);
  const current = await loadAnnotations(ws);
  const next: ClassAnnotations = { ...current, annotations: [...current.annotations, checked] };
  await ws.putDocuments(
    [{ name: ANNOTATIONS_DOCUMENT, bytes: documentBytes(next) }],
    'class.annotate',
    `Class ${checked.class_id} (run ${checked.run_id}, ${checked.members} samples): ${DECISION_LABELS[checked.decision].toLowerCase()}${checked.note ? `: ${checked.note}` : ''}`,
    { class_id: checked.class_id, run_id: checked.run_id, decision: checked.decision, note: checked.note },
  );
  return next;
}
