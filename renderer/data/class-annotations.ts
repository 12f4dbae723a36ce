/**
 * The analysts' annotations of chemical classes (config/class-annotations.json): a link confirmed, a link
 * rejected, or a note, each with its reason, who and when, and the class run they were made on. Schema, version,
 * migrations and defaults in this one file (the tldraw record pattern, shared/STYLE.md). The record is append-only:
 * an annotation is never edited or removed; one made in error is withdrawn by a later annotation that names it and
 * says why. Each one is also a line of the audit log.
 */
import { z } from 'zod';
import { defineFormat } from '../../shared/workspace/define-format';
import { documentBytes, type Workspace } from '../../shared/workspace/Workspace';

export const ANNOTATIONS_DOCUMENT = 'class-annotations';
export const ANNOTATIONS_FORMAT = 'signature-workbench/class-annotations';
export const ANNOTATIONS_VERSION = 2;

/** What an analyst decides about a class; 'withdrawal' takes back an earlier annotation. */
export const Decision = z.enum(['link-confirmed', 'link-rejected', 'note', 'withdrawal']);
export type Decision = z.infer<typeof Decision>;

/** The decisions the form offers (a withdrawal is made from the annotation it withdraws). */
export const CHOICES = ['link-confirmed', 'link-rejected', 'note'] as const satisfies readonly Decision[];

export const DECISION_LABELS: Record<Decision, string> = {
  'link-confirmed': 'Link confirmed',
  'link-rejected': 'Link rejected',
  note: 'Note',
  withdrawal: 'Withdrawal',
};

const AnnotationId = z.string().regex(/^A\d{4,}$/);

export const ClassAnnotation = z.object({
  /** A0001, A0002 … in the order they were made. */
  id: AnnotationId,
  class_id: z.number().int().positive(),
  /** The class run the class was read in (class ids are stable across runs; the run says which members). */
  run_id: z.string().regex(/^R\d{4,}$/),
  members: z.number().int().nonnegative(),
  decision: Decision,
  /** The reason (what supports or rejects the link, or why a withdrawal); annotations of schema 1 may have none. */
  note: z.string().max(4000),
  /** The annotation a withdrawal takes back; null otherwise. */
  withdraws: AnnotationId.nullable(),
  by: z.string().min(1),
  at: z.string().min(1),
});
export type ClassAnnotation = z.infer<typeof ClassAnnotation>;

export const ClassAnnotationsV2 = z.object({
  format: z.literal(ANNOTATIONS_FORMAT),
  schema_version: z.literal(2),
  annotations: z.array(ClassAnnotation),
});
export type ClassAnnotations = z.infer<typeof ClassAnnotationsV2>;

const idOf = (n: number) => `A${String(n).padStart(4, '0')}`;

/** The annotations document's format; each migration step with a test (test/unit/data/class-annotations.test.ts). */
export const annotationsFormat = defineFormat({
  format: ANNOTATIONS_FORMAT,
  version: ANNOTATIONS_VERSION,
  migrations: {
    // 1 → 2: ids in the order made, and no withdrawals yet.
    1: (old) => ({ ...old, annotations: ((old.annotations as Record<string, unknown>[] | undefined) ?? []).map((a, i) => ({ ...a, id: idOf(i + 1), withdraws: null })) }),
  },
  schema: ClassAnnotationsV2,
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

/** A new annotation as the form gives it: the id and the withdrawal link are the record's. */
export type NewAnnotation = Omit<ClassAnnotation, 'id' | 'withdraws'>;

export class AnnotationError extends Error {
  override name = 'AnnotationError';
}

/** The annotations of a class with, for each, the withdrawal that took it back (if any), oldest first. */
export function classRecord(doc: ClassAnnotations, classId: number): { annotation: ClassAnnotation; withdrawnBy: ClassAnnotation | null }[] {
  const withdrawals = new Map(doc.annotations.filter((a) => a.withdraws !== null).map((a) => [a.withdraws!, a]));
  return doc.annotations.filter((a) => a.class_id === classId && a.decision !== 'withdrawal').map((annotation) => ({ annotation, withdrawnBy: withdrawals.get(annotation.id) ?? null }));
}

/** Appends one annotation: the document and the audit line that says what was decided, in one commit. */
async function append(ws: Workspace, current: ClassAnnotations, next: ClassAnnotation, action: string, summary: string, details: Record<string, unknown>): Promise<ClassAnnotations> {
  const doc: ClassAnnotations = { ...current, annotations: [...current.annotations, ClassAnnotation.parse(next)] };
  await ws.putDocuments([{ name: ANNOTATIONS_DOCUMENT, bytes: documentBytes(doc) }], action, summary, details);
  return doc;
}

const reasonOf = (note: string, what: string): string => {
  const reason = note.trim();
  if (!reason) throw new AnnotationError(`${what} needs a reason: say what supports it (the case officer's feedback, other evidence)`);
  return reason;
};

/**
 * Adds one annotation (an explicit decision and a non-empty reason): the document (config file, manifest, audit
 * line saying what was decided), in one commit. Throws AnnotationError for a missing decision or reason.
 */
export async function addAnnotation(ws: Workspace, annotation: NewAnnotation): Promise<ClassAnnotations> {
  if (!(CHOICES as readonly string[]).includes(annotation.decision)) throw new AnnotationError('choose what the annotation records: link confirmed, link rejected or a note');
  const note = reasonOf(annotation.note, `${DECISION_LABELS[annotation.decision]}`);
  const current = await loadAnnotations(ws);
  const next = { ...annotation, note, id: idOf(current.annotations.length + 1), withdraws: null };
  return append(
    ws,
    current,
    next,
    'class.annotate',
    `Class ${next.class_id} (run ${next.run_id}, ${next.members} samples): ${DECISION_LABELS[next.decision].toLowerCase()} (${next.id}): ${note}`,
    { annotation: next.id, class_id: next.class_id, run_id: next.run_id, decision: next.decision, note },
  );
}

/**
 * Withdraws an earlier annotation by a new one that names it and gives the reason; the earlier one stays in the record
 * as it was written. Throws AnnotationError for an unknown or already withdrawn annotation, or no reason.
 */
export async function withdrawAnnotation(ws: Workspace, id: string, w: { note: string; by: string; at: string }): Promise<ClassAnnotations> {
  const note = reasonOf(w.note, 'A withdrawal');
  const current = await loadAnnotations(ws);
  const target = current.annotations.find((a) => a.id === id);
  if (!target || target.decision === 'withdrawal') throw new AnnotationError(`there is no annotation ${id} to withdraw`);
  const earlier = current.annotations.find((a) => a.withdraws === id);
  if (earlier) throw new AnnotationError(`annotation ${id} was already withdrawn by ${earlier.by} (${earlier.id})`);
  const next: ClassAnnotation = { id: idOf(current.annotations.length + 1), class_id: target.class_id, run_id: target.run_id, members: target.members, decision: 'withdrawal', note, withdraws: id, by: w.by, at: w.at };
  return append(
    ws,
    current,
    next,
    'class.annotation.withdraw',
    `Class ${target.class_id}: withdrew ${DECISION_LABELS[target.decision].toLowerCase()} ${id} of ${target.by} (${next.id}): ${note}`,
    { annotation: next.id, withdraws: id, class_id: target.class_id, run_id: target.run_id, note },
  );
}
