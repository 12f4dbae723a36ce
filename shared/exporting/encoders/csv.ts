/**
 * CSV encoder: RFC 4180 through shared/util/csv.ts, with text that a spreadsheet would run as a formula
 * neutralised (a leading apostrophe, OWASP's advice for CSV injection). Numbers stay numbers.
 */
import type { Table } from 'apache-arrow';
import { columnNames, plainRows } from '../../db/arrow-values';
import { toCsv } from '../../util/csv';
import { utf8 } from '../../util/text';

/**
 * A UTF-8 byte-order mark first: without it Excel on Windows reads UTF-8 as Windows-1252 and shows
 * "MontrÃ©al" for Montréal. CSV readers that follow the Unicode standard skip it.
 */
const BOM = '\uFEFF';

/** CSV bytes of a table (UTF-8 with BOM, CRLF line ends, formulas neutralised). O(rows × columns). */
export function encodeCsv(table: Table): Uint8Array {
  return utf8(BOM + toCsv(columnNames(table), plainRows(table), { neutraliseFormulas: true }));
}
