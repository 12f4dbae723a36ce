/**
 * Controlled vocabularies for the sample fields that labs write in many ways: region (provinces and territories, and
 * the U.S. border states, by English and French name and postal code), form (powder/poudre, tablet/comprimé …) and
 * main drug (fentanyl, méthamphétamine …), with synonyms in Canada's two official languages. Values are mapped to
 * one canonical term when the views are defined (shared/db/workspace-views.ts), the value as written kept beside it
 * (`form_raw`); a value no term names is kept as written and flagged, never guessed. Shipped with a default
 * (default-vocabularies.ts), editable per workspace like the compound dictionary (workspace-vocabulary.ts). Schema,
 * version and lookup in one file.
 */
import { z } from 'zod';

/** The sample fields that have a vocabulary, in the samples view's order. */
export const VOCABULARY_FIELDS = ['region', 'form', 'main_drug'] as const;
export type VocabularyField = (typeof VOCABULARY_FIELDS)[number];

export const FIELD_LABELS: Record<VocabularyField, string> = { region: 'region', form: 'form', main_drug: 'main drug' };

export const VocabularyTerm = z.object({
  /** The canonical value, as views, exports and reports show it. */
  value: z.string().min(1).max(200),
  /** Other ways of writing it (other language, abbreviation, code); case and spacing do not matter. */
  synonyms: z.array(z.string().min(1).max(200)).default([]),
  note: z.string().max(2000).optional(),
});
export type VocabularyTerm = z.infer<typeof VocabularyTerm>;

export const VOCABULARIES_FORMAT = 'signature-workbench/vocabularies';
export const VOCABULARIES_SCHEMA = 1;

/** The key values are matched on: Unicode-normalised, lower case, spacing folded (accents count: Québec ≠ Quebec unless a synonym says so). */
export function normaliseTermKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const Vocabularies = z
  .object({
    format: z.literal(VOCABULARIES_FORMAT),
    schema_version: z.literal(VOCABULARIES_SCHEMA),
    /** The analyst-facing version of the content (e.g. 2026-11-25.1), named in exports. */
    version: z.string().min(1),
    fields: z.object({ region: z.array(VocabularyTerm), form: z.array(VocabularyTerm), main_drug: z.array(VocabularyTerm) }),
  })
  .superRefine((doc, ctx) => {
    for (const field of VOCABULARY_FIELDS) {
      const seen = new Map<string, string>();
      doc.fields[field].forEach((t, i) => {
        for (const key of [t.value, ...t.synonyms].map(normaliseTermKey)) {
          const other = seen.get(key);
          if (other !== undefined && other !== t.value) ctx.addIssue({ code: 'custom', path: ['fields', field, i], message: `"${key}" names both ${other} and ${t.value}` });
          seen.set(key, t.value);
        }
      });
    }
  });
export type Vocabularies = z.infer<typeof Vocabularies>;

/** Written form → canonical value of one field, over values and synonyms. */
function fieldLookup(doc: Vocabularies, field: VocabularyField): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of doc.fields[field]) for (const n of [t.value, ...t.synonyms]) m.set(normaliseTermKey(n), t.value);
  return m;
}

/** Written form → canonical value, per field, over values and synonyms. */
export function termLookup(doc: Vocabularies): Record<VocabularyField, Map<string, string>> {
  return { region: fieldLookup(doc, 'region'), form: fieldLookup(doc, 'form'), main_drug: fieldLookup(doc, 'main_drug') };
}

/** How the distinct values of one field map: each written value with its canonical term, or null when no term names it. */
export interface FieldMapping {
  field: VocabularyField;
  values: { written: string; canonical: string | null; rows: number }[];
}

/** The mapping of written values (with their row counts) through the vocabulary. O(values). */
export function mapValues(doc: Vocabularies, field: VocabularyField, written: readonly { value: string; rows: number }[]): FieldMapping {
  const lookup = fieldLookup(doc, field);
  return { field, values: written.map((w) => ({ written: w.value, canonical: lookup.get(normaliseTermKey(w.value)) ?? null, rows: w.rows })) };
}

/**
 * The import notes a mapping gives: what was harmonised ("form: 'poudre' read as powder (70 rows)") and what no term
 * names ("form: 'gel' (3 rows) is in no vocabulary term: kept as written and flagged"). Values already canonical say nothing.
 */
export function mappingNotes(m: FieldMapping): string[] {
  const label = FIELD_LABELS[m.field];
  const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  const mapped = m.values.filter((v) => v.canonical !== null && v.canonical !== v.written);
  const unknown = m.values.filter((v) => v.canonical === null);
  const notes: string[] = [];
  if (mapped.length) notes.push(`${label}: ${mapped.map((v) => `"${v.written}" read as ${v.canonical} (${rows(v.rows)})`).join(', ')}; the value as written is kept in ${m.field}_raw`);
  if (unknown.length) notes.push(`${label}: ${unknown.map((v) => `"${v.written}" (${rows(v.rows)})`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} in no vocabulary term: kept as written and flagged (add a term or a synonym in Data › Vocabularies)`);
  return notes;
}
