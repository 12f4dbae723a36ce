/**
 * Workbooks written part by part (SpreadsheetML XML zipped with fflate), for the bad files and the fuzz run: what a
 * writing library will not produce, such as a cell holding a spreadsheet error or a decompression bomb. Times fixed
 * at the DOS epoch so that the same content gives the same bytes.
 */
import { zipSync, strToU8 } from 'fflate';
import { fixZipTimes } from './zip-times';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A one-sheet workbook around the given <sheetData> content; style 1 is a date (numFmtId 14). */
export function handMadeXlsx(sheetData: string, sharedStrings: string[] = []): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Results" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`),
  };
  return fixZipTimes(zipSync(files, { level: 9 }));
}

/** Inline-string and number cells of one row (`null` leaves the cell out); `{ date }` is a date-styled number, `{ error }` an error cell. */
export function sheetRow(r: number, cells: (string | number | null | { date: number } | { error: string })[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const xml = cells.map((c, i) => {
    const ref = `${col(i)}${r}`;
    if (c === null) return '';
    if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
    if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
    if ('date' in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
    return `<c r="${ref}" t="e"><v>${c.error}</v></c>`;
  });
  return `<row r="${r}">${xml.join('')}</row>`;
}

/** A workbook whose sheet inflates past any limit from a few hundred KB: `mb` MB of spaces inside <sheetData>. */
export function zipBombXlsx(mb: number): Uint8Array {
  return handMadeXlsx(sheetRow(1, ['Sample ID', 'Fentanyl']) + ' '.repeat(mb * 1024 * 1024));
}
