/**
 * The import notes of the controlled vocabularies for a sample-metadata batch: which written values of region, form
 * and main drug were read as which term, and which no term names (kept as written, flagged). Computed from the batch
 * as it will be written, so the preview's check and the import say the same thing.
 */
import type { Table } from 'apache-arrow';
import { mapValues, mappingNotes, VOCABULARY_FIELDS, type Vocabularies } from '../domain/vocabulary';

/** The notes, field by field. O(rows). */
export function vocabularyNotes(batch: Table, vocabularies: Vocabularies): string[] {
  const notes: string[] = [];
  const rowCount = batch.numRows;
  for (const field of VOCABULARY_FIELDS) {
    const col = batch.getChild(field);
    if (!col) continue;
    const counts = new Map<string, number>();
    for (let i = 0; i < rowCount; i++) {
      const v = col.get(i);
      if (v !== null && v !== undefined) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    }
    notes.push(...mappingNotes(mapValues(vocabularies, field, [...counts].map(([value, rows]) => ({ value, rows })))));
  }
  return notes;
}
