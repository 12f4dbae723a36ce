/**
 * Recognises a file's type from its first and last bytes, not its name: an instrument export renamed
 * .csv is still read as what it is, and a PDF named results.csv is refused with the reason.
 */
import type { FileFormat } from './types';

export type FileTypeResult = { format: FileFormat } | { refused: string };

const SUPPORTED = 'import CSV, TSV, TXT, XLSX, Parquet or Arrow files';

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** True when the bytes contain the ASCII text (a small search, for ZIP entry names). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const pat = ascii(text);
  const first = pat[0];
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - pat.length; i = bytes.indexOf(first, i + 1)) {
    if (startsWith(bytes, pat, i)) return true;
  }
  return false;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const PARQUET = ascii('PAR1');
const ARROW_FILE = ascii('ARROW1');

/** The file's format, or why it is refused (empty, a wrong type, truncated). */
export function detectFileType(name: string, bytes: Uint8Array): FileTypeResult {
  const ext = extension(name);
  if (bytes.length === 0) return { refused: 'the file is empty (0 bytes)' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, 'xl/')) return { format: 'xlsx' };
    if (containsAscii(bytes, 'word/')) return { refused: `wrong file type: a Word document; ${SUPPORTED}` };
    if (ext === 'xlsx' || ext === 'xlsm') return { refused: 'the XLSX file is damaged or truncated (no workbook inside)' };
    return { refused: `wrong file type: a ZIP archive; unpack it and import the files inside (${SUPPORTED})` };
  }
  if (startsWith(bytes, PARQUET)) {
    if (bytes.length < 12 || !startsWith(bytes, PARQUET, bytes.length - 4)) return { refused: 'the Parquet file is truncated (its footer is missing)' };
    return { format: 'parquet' };
  }
  if (startsWith(bytes, ARROW_FILE) || startsWith(bytes, [0xff, 0xff, 0xff, 0xff])) return { format: 'arrow' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { refused: 'wrong file type: an Excel 97-2003 workbook (.xls) or other OLE document; save it as .xlsx or CSV' };
  }
  if (startsWith(bytes, ascii('%PDF'))) return { refused: `wrong file type: a PDF document; ${SUPPORTED}` };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { refused: `wrong file type: a PNG image; ${SUPPORTED}` };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { refused: `wrong file type: a JPEG image; ${SUPPORTED}` };
  if (startsWith(bytes, [0x1f, 0x8b])) return { refused: 'wrong file type: a gzip-compressed file; decompress it first' };
  if (startsWith(bytes, ascii('7z')) && bytes[2] === 0xbc) return { refused: 'wrong file type: a 7-Zip archive; unpack it first' };
  if (startsWith(bytes, ascii('Rar!'))) return { refused: 'wrong file type: a RAR archive; unpack it first' };
  if (ext === 'xlsx' || ext === 'xlsm') return { refused: 'wrong file type: named .xlsx but not an Excel workbook (it may be text: rename it .csv)' };
  if (ext === 'parquet') return { refused: 'wrong file type: named .parquet but not a Parquet file' };
  if (ext === 'arrow' || ext === 'feather' || ext === 'ipc') return { refused: 'wrong file type: named .arrow but not an Arrow IPC file' };
  if (ext === 'xls') return { refused: 'wrong file type: named .xls but not an Excel workbook' };
  return { format: ext === 'tsv' || ext === 'tab' ? 'tsv' : ext === 'txt' ? 'txt' : 'csv' };
}
