/**
 * XLSX workbooks: the first sheet or a chosen one, read by our own streaming reader (zip-entries.ts with fflate,
 * xlsx-xml.ts with saxes) rather than read-excel-file, which overflowed the stack on a valid 100,000-row sheet after
 * about 60 s and inflated a 176 KB decompression bomb to 1.9 GB (issue 14). Row numbers are the spreadsheet's own
 * (empty rows above the header are kept in the count); every unreadable cell is a problem at its row and column.
 */
import { gridSource } from './grid-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';
import { readSheet } from './xlsx-sheet';
import { readWorkbookParts } from './xlsx-workbook';
import { XmlError } from './xlsx-xml';
import { InflateBudget, readZipEntries, ZipError } from './zip-entries';

/** Opens a sheet (by name, or the first); refuses damaged workbooks, decompression bombs and unknown sheet names. */
export async function openXlsxSource(bytes: Uint8Array, override: ReadOptionsOverride, sheet?: string): Promise<SourceResult> {
  const budget = new InflateBudget();
  try {
    const entries = new Map(readZipEntries(bytes).map((e) => [e.name, e]));
    const parts = readWorkbookParts(bytes, entries, budget);
    if (parts.sheets.length === 0) return { refused: 'the workbook has no sheets' };
    const names = parts.sheets.map((s) => s.name);
    const chosen = sheet === undefined ? parts.sheets[0] : parts.sheets.find((s) => s.name === sheet);
    if (!chosen) return { refused: `the workbook has no sheet named "${sheet}" (it has ${names.map((n) => `"${n}"`).join(', ')})` };
    const entry = entries.get(chosen.part);
    if (!entry) return { refused: `the XLSX file is damaged or truncated (the sheet "${chosen.name}" has no part ${chosen.part})` };
    const grid = readSheet(bytes, entry, parts, budget);
    if (!grid.rows.some((r) => r.some((c) => c !== null && c !== '')) && !grid.problems?.length) return { refused: `the sheet "${chosen.name}" is empty` };
    const source = gridSource('xlsx', grid, override, { sheets: names, sheet: chosen.name });
    if ('refused' in source) return source;
    const warnings = names.length > 1 && sheet === undefined ? [`the workbook has ${names.length} sheets; read the first, "${chosen.name}"`] : [];
    return { source, warnings };
  } catch (e) {
    if (e instanceof ZipError || e instanceof XmlError || (e instanceof Error && /^it has no /.test(e.message))) {
      const limit = /bomb|at most|too large/.test(e.message);
      return { refused: `the XLSX file ${limit ? 'is refused' : 'is damaged or truncated'}: ${e.message}` };
    }
    throw e;
  }
}
