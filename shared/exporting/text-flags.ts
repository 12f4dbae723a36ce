/**
 * Flags, in an export's manifest and "About" sheet, the text values that a reader could be misled by: those that
 * hold characters that do not show themselves (control, bidirectional override …) and those a spreadsheet would
 * run as a formula. CSV and XLSX write them visibly and neutralised; Parquet and Arrow keep them exact, so the note
 * is the reader's warning there.
 */
import { DataType, type Table } from 'apache-arrow';
import { looksLikeFormula } from '../util/csv';
import { hasHiddenCharacters } from '../util/visible-text';
import type { ExportFormat } from './encoders/index';

/** The notes for a table's text values in a format (none when no value needs one). O(rows × text columns). */
export function textValueNotes(table: Table, format: ExportFormat): string[] {
  let hidden = 0;
  let formulas = 0;
  table.schema.fields.forEach((field, c) => {
    if (!DataType.isUtf8(field.type)) return;
    const column = table.getChildAt(c)!;
    for (let r = 0; r < column.length; r++) {
      const v = column.get(r) as string | null;
      if (v === null) continue;
      if (hasHiddenCharacters(v)) hidden++;
      if (looksLikeFormula(v)) formulas++;
    }
  });
  const readable = format === 'csv' || format === 'xlsx';
  const notes: string[] = [];
  const values = (n: number) => `${n} text ${n === 1 ? 'value holds' : 'values hold'}`;
  if (hidden > 0) {
    notes.push(`${values(hidden)} control or direction-changing characters (such as U+001B or U+202E) that do not show themselves; ${readable ? 'they are written visibly as [U+XXXX]' : 'this format keeps them exact: show them escaped before reading the values'}`);
  }
  if (formulas > 0) {
    notes.push(`${formulas} text ${formulas === 1 ? 'value starts' : 'values start'} like a spreadsheet formula (= + - @ or a fullwidth form); ${readable ? 'each is written with a leading apostrophe' : 'this format keeps them exact: do not paste them into a spreadsheet as formulas'}`);
  }
  return notes;
}
