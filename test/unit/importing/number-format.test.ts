import { describe, expect, it } from 'vitest';
import { isNotDetected, numberParser } from '../../../shared/importing/number-format';

describe('numberParser', () => {
  const plain = numberParser({ decimal: '.', thousands: '' });

  it('reads plain numbers exactly as JavaScript does, and refuses what a lab file must not mean', () => {
    for (const t of ['0', '12', '-12', '+12', '12.5', '.5', '5.', '302329.8', '0.1', '1e5', '1.5E-3', '00012.50', '123456789012345678']) expect(plain(t)).toBe(Number(t));
    for (const t of ['', '.', '-', 'e5', '1e', '1.2.3', '0x10', '0b1', '0o7', 'Infinity', '1_000', '1 2', '12a', '1,5']) expect(plain(t)).toBeNaN();
  });

  it('gives the double nearest the decimal text on the fast path', () => {
    for (let k = 0; k < 20000; k++) {
      const t = (Math.random() * 10 ** Math.floor(Math.random() * 10)).toFixed(Math.floor(Math.random() * 8));
      expect(plain(t)).toBe(Number(t));
    }
  });

  it('reads decimal commas and thousands separators of each locale', () => {
    expect(numberParser({ decimal: ',', thousands: '' })('12,5')).toBe(12.5);
    expect(numberParser({ decimal: ',', thousands: '.' })('1.234.567,89')).toBe(1234567.89);
    expect(numberParser({ decimal: ',', thousands: ' ' })('1\u00a0234,5')).toBe(1234.5);
    expect(numberParser({ decimal: ',', thousands: ' ' })('1\u202f234,5')).toBe(1234.5);
    expect(numberParser({ decimal: '.', thousands: ',' })('1,234,567.5')).toBe(1234567.5);
    expect(numberParser({ decimal: '.', thousands: "'" })("1'234.5")).toBe(1234.5);
    expect(numberParser({ decimal: '.', thousands: ',' })('12,34')).toBeNaN();
  });
});

describe('isNotDetected', () => {
  it('knows the tokens labs write for not detected, and not a measured 0', () => {
    for (const t of ['', 'nd', 'ND', 'n.d.', 'N.D.', 'n/d', '<LOD', '< LOQ', '<lod', 'BLQ', 'bql', '-', '--', '—', '<0.05', '< 0,5', 'not detected']) expect(isNotDetected(t)).toBe(true);
    for (const t of ['0', '0.0', 'trace', 'peak?', 'abc', '-5']) expect(isNotDetected(t)).toBe(false);
  });
});
