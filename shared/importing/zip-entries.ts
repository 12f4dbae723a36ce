/**
 * The entries of a ZIP archive (an XLSX workbook), read from its central directory and inflated as a stream with
 * limits, so that a decompression bomb is refused in milliseconds instead of filling memory (a 176 KB bomb took
 * 78 s and 1.9 GB through the previous reader, issue 14). fflate's streaming Inflate does the decompression; this
 * module only walks the archive's records (APPNOTE.TXT 4.3) and counts.
 *
 * Limits: the declared and the actual size of every entry read, their sum, and the compression ratio (an XML
 * sheet compresses 5–30×; deflate cannot exceed about 1,032×, a bomb's ratio). ZIP64 archives (over 4 GB) are
 * refused: a workbook that large is beyond what an import holds in memory anyway.
 */
import { Inflate } from 'fflate';

/** Limits of one archive read; each is a reason to refuse, never to cut silently. */
export const ZIP_LIMITS = {
  /** Bytes inflated from one entry (the text import's limit: a longer string cannot be held). */
  entryBytes: 512 * 1024 * 1024,
  /** Bytes inflated from all entries read. */
  totalBytes: 768 * 1024 * 1024,
  /** Inflated bytes per compressed byte, checked once an entry passes `ratioAfter` bytes. */
  ratio: 200,
  ratioAfter: 1024 * 1024,
  /** Entries in the central directory. */
  entries: 10_000,
} as const;

export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const MB = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/** The central directory's entries; throws ZipError for a damaged, truncated or ZIP64 archive. O(directory). */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('its end record is missing: the file is truncated or not a workbook');
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  const start = u32(bytes, end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ZipError('it is a ZIP64 archive (over 4 GB or 65,535 parts): too large to import at once; save the sheet as CSV');
  if (count > ZIP_LIMITS.entries) throw new ZipError(`it has ${count} parts (at most ${ZIP_LIMITS.entries})`);
  if (start + size > end) throw new ZipError('its directory lies outside the file: the file is truncated or damaged');
  const entries: ZipEntry[] = [];
  let p = start;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || u32(bytes, p) !== 0x02014b50) throw new ZipError('its directory is damaged');
    const nameLength = u16(bytes, p + 28);
    const entry: ZipEntry = {
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    entries.push(entry);
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return entries;
}

/** Counts what an archive's reads inflate, across entries. */
export class InflateBudget {
  total = 0;
}

/** Compressed bytes pushed per step: small, so that a bomb's output is caught after a few MB, not hundreds. */
const STEP = 4 * 1024;

/**
 * Inflates one entry, handing its bytes to `onChunk` as they come; throws ZipError past a limit (declared or
 * actual size, total, ratio) or for a damaged entry. `onChunk` may throw to stop early (the error passes through).
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array) => void): void {
  const name = entry.name;
  if (entry.size > ZIP_LIMITS.entryBytes) throw new ZipError(`its part ${name} declares ${MB(entry.size)} (at most ${MB(ZIP_LIMITS.entryBytes)} are read)`);
  if (entry.size > ZIP_LIMITS.ratioAfter && entry.size > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize)) {
    throw new ZipError(`its part ${name} declares ${MB(entry.size)} from ${entry.compressedSize} compressed bytes, a ratio no spreadsheet has (a decompression bomb)`);
  }
  const h = entry.offset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) throw new ZipError(`its part ${name} is damaged or the file is truncated`);
  const from = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const to = from + entry.compressedSize;
  if (to > bytes.length) throw new ZipError(`its part ${name} is cut short: the file is truncated`);
  let out = 0;
  // Errors of our own checks and of the consumer pass through; only fflate's own become "damaged".
  let passing: unknown = null;
  const take = (chunk: Uint8Array) => {
    try {
      check(chunk);
    } catch (e) {
      passing = e;
      throw e;
    }
  };
  const check = (chunk: Uint8Array) => {
    out += chunk.length;
    budget.total += chunk.length;
    if (out > entry.size) throw new ZipError(`its part ${name} inflates past its declared ${entry.size} bytes (a damaged or forged archive)`);
    if (budget.total > ZIP_LIMITS.totalBytes) throw new ZipError(`its parts inflate past ${MB(ZIP_LIMITS.totalBytes)} in all (at most that is read)`);
    if (chunk.length) onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let i = from; i < to; i += STEP) take(bytes.subarray(i, Math.min(to, i + STEP)));
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      for (let i = from; i < to; i += STEP) {
        inflate.push(bytes.subarray(i, Math.min(to, i + STEP)), i + STEP >= to);
        const read = Math.min(to, i + STEP) - from;
        if (out > ZIP_LIMITS.ratioAfter && out > ZIP_LIMITS.ratio * read) throw new ZipError(`its part ${name} inflates ${ZIP_LIMITS.ratio}× or more, a ratio no spreadsheet has (a decompression bomb)`);
      }
    } catch (e) {
      if (e === passing || e instanceof ZipError || !(e instanceof Error)) throw e;
      throw new ZipError(`its part ${name} is damaged (${e.message})`);
    }
  } else {
    throw new ZipError(`its part ${name} uses compression method ${entry.method}, which workbooks do not use`);
  }
  if (out !== entry.size) throw new ZipError(`its part ${name} inflates to ${out} bytes where ${entry.size} are declared: the file is damaged or truncated`);
}

/** An entry's whole text (UTF-8), for the workbook's small parts. */
export function entryText(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): string {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  inflateEntry(bytes, entry, budget, (chunk) => (text += decoder.decode(chunk, { stream: true })));
  return text + decoder.decode();
}
