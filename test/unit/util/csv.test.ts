import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../shared/util/csv';

describe('CSV writing', () => {
  it('quotes delimiters, quotes and line breaks', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const out = toCsv(['name', 'area'], [['=HYPERLINK("http://x","y")', -12.5], ['+1', 3], ['@SUM(A1)', 0], ['-cmd', null]]);
    expect(out.split('\r\n')).toEqual(['name,area', `"'=HYPERLINK(""http://x"",""y"")",-12.5`, `"'+1",3`, `"'@SUM(A1)",0`, `"'-cmd",`, '']);
  });

  it('writes plain text when neutralising is off (terminal output)', () => {
    expect(toCsv(['f'], [['=1+1']], { neutraliseFormulas: false })).toBe('f\r\n=1+1\r\n');
  });
});
