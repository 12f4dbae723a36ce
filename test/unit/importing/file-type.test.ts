import { describe, expect, it } from 'vitest';
import { detectFileType } from '../../../shared/importing/file-type';
import { arrowIpc, enc, parquet, xlsx } from './harness';

describe('detectFileType', () => {
  it('recognises each format from its bytes, whatever the name', async () => {
    expect(detectFileType('a.csv', await xlsx([{ sheet: 'S', rows: [['a']] }]))).toEqual({ format: 'xlsx' });
    expect(detectFileType('a.dat', parquet({ a: [1] }))).toEqual({ format: 'parquet' });
    expect(detectFileType('a.bin', arrowIpc({ a: [1] }, 'file'))).toEqual({ format: 'arrow' });
    expect(detectFileType('a.bin', arrowIpc({ a: [1] }, 'stream'))).toEqual({ format: 'arrow' });
    expect(detectFileType('a.csv', enc.encode('a,b'))).toEqual({ format: 'csv' });
    expect(detectFileType('a.TSV', enc.encode('a\tb'))).toEqual({ format: 'tsv' });
    expect(detectFileType('a.txt', enc.encode('a\tb'))).toEqual({ format: 'txt' });
  });

  it('refuses empty files, other types and names that lie', () => {
    expect(detectFileType('a.csv', new Uint8Array(0))).toEqual({ refused: 'the file is empty (0 bytes)' });
    expect(detectFileType('a.csv', enc.encode('%PDF-1.7'))).toMatchObject({ refused: expect.stringContaining('a PDF document') });
    expect(detectFileType('a.xlsx', enc.encode('a,b'))).toMatchObject({ refused: expect.stringContaining('named .xlsx but not an Excel workbook') });
    expect(detectFileType('a.parquet', enc.encode('a,b'))).toMatchObject({ refused: expect.stringContaining('not a Parquet file') });
    expect(detectFileType('a.csv.gz', Uint8Array.from([0x1f, 0x8b, 8]))).toMatchObject({ refused: expect.stringContaining('gzip') });
  });
});
