/**
 * One edit of the controlled vocabularies as the app makes it (Data › Vocabularies): map a value as a synonym of a
 * term, add a value as a new term, or set a term's synonyms. The result is validated whole, by the schema that checks
 * `sigwb vocabulary --import` (no written form may name two terms of a field); a refused edit changes nothing.
 */
import { FIELD_LABELS, Vocabularies, type VocabularyField } from './vocabulary';

export type VocabularyEdit =
  | { kind: 'synonym'; field: VocabularyField; term: string; synonym: string }
  | { kind: 'add-term'; field: VocabularyField; value: string }
  | { kind: 'set-synonyms'; field: VocabularyField; term: string; synonyms: string[] };

export type VocabularyEditResult = { ok: true; doc: Vocabularies; summary: string } | { ok: false; message: string };

/** Applies one edit; never throws for a bad edit, says why instead. O(terms). */
export function applyVocabularyEdit(doc: Vocabularies, edit: VocabularyEdit): VocabularyEditResult {
  const terms = doc.fields[edit.field];
  const label = FIELD_LABELS[edit.field];
  let next: typeof terms;
  let summary: string;
  if (edit.kind === 'add-term') {
    const value = edit.value.trim();
    if (!value) return { ok: false, message: 'write the term' };
    next = [...terms, { value, synonyms: [] }];
    summary = `${label}: added the term ${value}`;
  } else {
    const at = terms.findIndex((t) => t.value === edit.term);
    if (at < 0) return { ok: false, message: `the ${label} vocabulary has no term ${edit.term}` };
    const synonyms = edit.kind === 'synonym' ? [...terms[at].synonyms, edit.synonym.trim()] : edit.synonyms.map((s) => s.trim()).filter((s) => s !== '');
    if (synonyms.some((s) => s === '')) return { ok: false, message: 'write the synonym' };
    next = terms.map((t, i) => (i === at ? { ...t, synonyms: [...new Set(synonyms)] } : t));
    summary = edit.kind === 'synonym' ? `${label}: "${edit.synonym.trim()}" read as ${edit.term}` : `${label}: synonyms of ${edit.term} set to ${synonyms.join(', ') || 'none'}`;
  }
  const parsed = Vocabularies.safeParse({ ...doc, fields: { ...doc.fields, [edit.field]: next } });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  return { ok: true, doc: parsed.data, summary };
}
