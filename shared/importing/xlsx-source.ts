/**
 * XLSX workbooks through read-excel-file (pure JS, browser and Node): the first sheet or a chosen one.
 * Row numbers are the spreadsheet's own (empty rows above the header are kept in the count).
 */
import readXlsxFile from 'read-excel-file/universal';
import { gridSource, type Cell } from './grid-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';

/** Opens a sheet (by name, or the first); refuses damaged workbooks and unknown sheet names. */
export async function openXlsxSource(bytes: Uint8Array, override: ReadOptionsOverride, sheet?: string): Promise<SourceResult> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readXlsxFile(buffer, { trim: false })) as unknown as { sheet: string; data: Cell[][] }[];
  } catch (e) {
    return { refused: `the XLSX file is damaged or truncated (${(e as Error).message})` };
  }
  if (sheets.length === 0) return { refused: 'the workbook has no sheets' };
  const names = sheets.map((s) => s.sheet);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (!chosen) return { refused: `the workbook has no sheet named "${sheet}" (it has ${names.map((n) => `"${n}"`).join(', ')})` };
  if (!chosen.data.some((r) => r.some((c) => c !== null && c !== ''))) return { refused: `the sheet "${chosen.sheet}" is empty` };
  const source = gridSource('xlsx', { rows: chosen.data, lines: chosen.data.map((_, i) => i + 1) }, override, { sheets: names, sheet: chosen.sheet });
  const warnings = names.length > 1 && sheet === undefined ? [`the workbook has ${names.length} sheets; read the first, "${chosen.sheet}"`] : [];
  return { source, warnings };
}
