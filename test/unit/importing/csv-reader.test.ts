import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../../shared/importing/csv-reader';

function read(text: string, delimiter = ',', quote = '"') {
  const r = new CsvReader(text, { delimiter, quote });
  const out: { line: number; fields: string[]; raw: string; error?: string }[] = [];
  while (r.next()) out.push({ line: r.line, fields: r.values(), raw: r.raw(), ...(r.error ? { error: r.error.reason } : {}) });
  return out;
}

describe('CsvReader', () => {
  it('splits records and keeps the physical line of each', () => {
    expect(read('a,b,c\n1,2,3\r\n4,,6')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], raw: 'a,b,c' },
      { line: 2, fields: ['1', '2', '3'], raw: '1,2,3' },
      { line: 3, fields: ['4', '', '6'], raw: '4,,6' },
    ]);
  });

  it('skips blank lines and rows of empty fields, counting their lines', () => {
    expect(read('a,b\n\n1,2\r\n\r\n,\n  ,  \n3,4\n').map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [7, ['3', '4']],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts the lines they span', () => {
    const rows = read('id,note,area\n1,"two\nlines, and ""quoted""",5\n2,plain,6\n');
    expect(rows[1]).toEqual({ line: 2, fields: ['1', 'two\nlines, and "quoted"', '5'], raw: '1,"two\nlines, and ""quoted""",5' });
    expect(rows[2].line).toBe(4);
  });

  it('takes a quote inside an unquoted field as text (as DuckDB does)', () => {
    expect(read('5" tablet,2\n')[0].fields).toEqual(['5" tablet', '2']);
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const rows = read('a,b\n"x" y,2\n3,4\n');
    expect(rows[1]).toMatchObject({ line: 2, error: 'text after the closing quote of a quoted field', raw: '"x" y,2' });
    expect(rows[2]).toEqual({ line: 3, fields: ['3', '4'], raw: '3,4' });
  });

  it('reports a quote never closed (a truncated file) on the line where it opened', () => {
    const rows = read('a,b\n1,2\n3,"cut\nhere');
    expect(rows[2]).toMatchObject({ line: 3, error: expect.stringContaining('never closed') });
  });

  it('reads other delimiters and no quoting', () => {
    expect(read('a;b\n1,5;"x"\n', ';')[1].fields).toEqual(['1,5', 'x']);
    expect(read('a\tb\n"1\t2\n', '\t', '')[1].fields).toEqual(['"1', '2']);
  });

  it('is linear in a single-column file (no rescan for a missing delimiter)', () => {
    const text = 'id\n' + Array.from({ length: 200000 }, (_, i) => `S${i}`).join('\n');
    const t = performance.now();
    expect(read(text)).toHaveLength(200001);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
