/** A temporary workspace with its database, for import tests; and helpers to make files in every format. */
import { afterEach } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import writeXlsxFile from 'write-excel-file/node';
import { openNodeDatabase } from '../../../node/db/node-database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { importFile, type ImportContext } from '../../../shared/importing/import-file';
import { plainRows, columnNames } from '../../../shared/db/arrow-values';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import type { Database } from '../../../shared/db/Database';
import type { ImportOutcome } from '../../../shared/importing/types';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export const SAMPLES_DIR = path.resolve(__dirname, '../../../samples');
export const enc = new TextEncoder();

export interface TestWorkspace {
  dir: string;
  ws: Workspace;
  db: Database;
  /** Imports bytes under a name with the test defaults (default dictionary, analyst "tester"). */
  importBytes(name: string, bytes: Uint8Array | string, opts?: Partial<ImportContext>): Promise<ImportOutcome>;
  /** Rows of a query as objects. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** SHA-256 of every file of the workspace folder. */
  snapshot(): Record<string, string>;
}

/** A new workspace in a temporary folder, loaded into a fresh database; removed after the test. */
export async function testWorkspace(): Promise<TestWorkspace> {
  const t = tempDir('sigwb-import-');
  const dir = path.join(t.dir, 'ws');
  const ws = await Workspace.create(new NodeFileStore(dir), 'test', { user: 'tester', appVersion: '0.0.0-test' });
  const db = await openNodeDatabase();
  await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY);
  cleanups.push(t.cleanup, () => db.close());
  return {
    dir,
    ws,
    db,
    importBytes: (name, bytes, opts = {}) =>
      importFile({ workspace: ws, db, dictionary: DEFAULT_COMPOUND_DICTIONARY, analyst: 'tester', ...opts }, { name, bytes: typeof bytes === 'string' ? enc.encode(bytes) : bytes }),
    async rows(sql) {
      const table = await db.query(sql);
      const names = columnNames(table);
      return plainRows(table).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
    },
    snapshot: () => snapshotTree(dir),
  };
}

/** A committed sample file's bytes. */
export function sampleFile(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SAMPLES_DIR, rel)));
}

/** An XLSX workbook from sheets of plain cells. */
export async function xlsx(sheets: { sheet: string; rows: (string | number | Date | null)[][] }[]): Promise<Uint8Array> {
  const data = sheets.map((s) => ({
    sheet: s.sheet,
    data: s.rows.map((r) => r.map((v) => (v === null ? null : v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : { value: v }))),
  }));
  return new Uint8Array(await writeXlsxFile(data).toBuffer());
}

/** A Parquet file from columns. */
export function parquet(columns: Record<string, (string | number | null)[]>): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: Object.entries(columns).map(([name, data]) => ({ name, data })) }));
}

/** An Arrow IPC file (or stream) from columns. */
export function arrowIpc(columns: Record<string, (string | number | null)[] | Float64Array>, format: 'file' | 'stream' = 'file'): Uint8Array {
  return tableToIPC(tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]), format);
}

/** UTF-16 bytes with BOM. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = endian === 'le' ? 0xff : 0xfe;
  out[1] = endian === 'le' ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (endian === 'le' ? 0 : 1)] = c & 0xff;
    out[2 + 2 * i + (endian === 'le' ? 1 : 0)] = c >> 8;
  }
  return out;
}

/** Windows-1252 bytes of Latin-1 text. */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

/** Asserts the outcome is of one status and narrows it. */
export function expectStatus<S extends ImportOutcome['status']>(o: ImportOutcome, status: S): Extract<ImportOutcome, { status: S }> {
  if (o.status !== status) throw new Error(`expected ${status}, got ${o.status}: ${JSON.stringify(o).slice(0, 800)}`);
  return o as Extract<ImportOutcome, { status: S }>;
}
