/**
 * Reading exports back the way their users' programs do: an RFC 4180 CSV parser (as a spreadsheet imports
 * it, before any formula evaluation), read-excel-file plus the raw sheet XML, hyparquet, apache-arrow.
 */
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { tableFromIPC } from 'apache-arrow';

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF between records. */
export function parseCsv(text: string): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith('\uFEFF');
  const s = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return { bom, rows };
}

/** The workbook's sheets as read-excel-file returns them, and every part of the zip as text. */
export async function readXlsx(bytes: Uint8Array): Promise<{ sheets: { sheet: string; data: unknown[][] }[]; parts: Record<string, string> }> {
  const sheets = await readXlsxFile(Buffer.from(bytes), { trim: false });
  const parts = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  return { sheets, parts };
}

/** Rows as objects and the footer's key-value metadata. */
export async function readParquet(bytes: Uint8Array): Promise<{ rows: Record<string, unknown>[]; metadata: Record<string, string | undefined>; columns: string[] }> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(file);
  const rows = await parquetReadObjects({ file });
  return {
    rows,
    metadata: Object.fromEntries((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value])),
    columns: meta.schema.slice(1).map((e) => e.name),
  };
}

/** The Arrow table and its schema metadata. */
export function readArrow(bytes: Uint8Array) {
  return tableFromIPC(bytes);
}
