import { describe, expect, it } from 'vitest';
import { sniffNumberFormat, sniffText } from '../../../shared/importing/csv-sniff';

describe('sniffText', () => {
  it('finds the delimiter', () => {
    expect(sniffText('a,b,c\n1,2,3\n', {}, false).options.delimiter).toBe(',');
    expect(sniffText('a;b;c\n1,5;2,5;3\n', {}, false).options.delimiter).toBe(';');
    expect(sniffText('a\tb\tc\n1\t2\t3\n', {}, false).options.delimiter).toBe('\t');
    expect(sniffText('a|b|c\n1|2|3\n', {}, false).options.delimiter).toBe('|');
  });

  it('finds the header below an instrument preamble, and where the data start', () => {
    const text = 'Batch Data Path,D:\\Data\\x.batch.bin\nAnalysis Time,2025-11-03 09:12\n\nData File,Sample Name,Compound,Resp.\nS1.D,S1,Fentanyl,12\nS1.D,S1,4-ANPP,3\n';
    const s = sniffText(text, {}, false);
    expect(s.options.headerRow).toBe(4);
    expect(s.headers).toEqual(['Data File', 'Sample Name', 'Compound', 'Resp.']);
    expect(s.dataLine).toBe(5);
    expect(text.slice(s.dataOffset).startsWith('S1.D,S1,Fentanyl')).toBe(true);
    expect(s.sampleRows).toEqual([['S1.D', 'S1', 'Fentanyl', '12'], ['S1.D', 'S1', '4-ANPP', '3']]);
  });

  it('takes the analyst\'s overrides', () => {
    const s = sniffText('x;y\na;b\n1;2\n', { delimiter: ';', headerRow: 2, decimal: ',' }, false);
    expect(s.headers).toEqual(['a', 'b']);
    expect(s.options).toMatchObject({ delimiter: ';', headerRow: 2, decimal: ',', thousands: '' });
  });
});

describe('sniffNumberFormat', () => {
  it('tells decimal commas and thousands separators from the shapes of numbers', () => {
    expect(sniffNumberFormat(['12.5', '3.25', '1e5'], ',')).toEqual({ decimal: '.', thousands: '' });
    expect(sniffNumberFormat(['12,5', '3,25'], ';')).toEqual({ decimal: ',', thousands: '' });
    expect(sniffNumberFormat(['1.234.567,5', '12,5'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(sniffNumberFormat(['1 234,5', '12,5'], ';')).toEqual({ decimal: ',', thousands: ' ' });
    expect(sniffNumberFormat(['1,234,567.5', '12.5'], ',')).toEqual({ decimal: '.', thousands: ',' });
    expect(sniffNumberFormat(['2025-03-05', '05.03.2025', 'S1'], ',')).toEqual({ decimal: '.', thousands: '' });
  });
});
