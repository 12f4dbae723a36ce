import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/importing/text-decoding';
import { latin1, utf16, enc } from './harness';

describe('decodeText', () => {
  const text = 'city\nMontréal\n';
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(enc.encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode(text)]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads UTF-16 with BOM, both byte orders, and without BOM by its NUL bytes', () => {
    expect(decodeText(utf16(text, 'le'))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16(text, 'be'))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeText(utf16(text, 'le').subarray(2))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('falls back to Windows-1252 so that the é of Montréal survives', () => {
    expect(decodeText(latin1(text))).toEqual({ text, encoding: 'windows-1252' });
    expect(decodeText(Uint8Array.from([0x93, 0x61, 0x94]))).toEqual({ text: '“a”', encoding: 'windows-1252' });
  });

  it('takes an encoding the analyst chose', () => {
    expect(decodeText(latin1(text), 'windows-1252')).toEqual({ text, encoding: 'windows-1252' });
  });

  it('refuses binary content', () => {
    expect(decodeText(Uint8Array.from([0x50, 0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x7f, 0x80, 0x00]))).toMatchObject({ refused: expect.stringContaining('binary file') });
  });

  it('turns old Mac line ends (CR alone) into LF', () => {
    expect(decodeText(enc.encode('a,b\r1,2\r'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });
});
