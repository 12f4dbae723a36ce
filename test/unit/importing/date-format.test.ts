import { describe, expect, it } from 'vitest';
import { dateFormatKey, dateOrderHint, decideDateOrder, isoDate, parseDate } from '../../../shared/importing/date-format';
import type { DateOrder } from '../../../shared/importing/types';

const iso = (t: string, order: DateOrder = 'DMY', serial = false) => {
  const d = parseDate(t, order, serial);
  return Number.isNaN(d) ? null : isoDate(d);
};

describe('parseDate', () => {
  it('reads the ways labs write dates', () => {
    expect(iso('2025-03-05')).toBe('2025-03-05');
    expect(iso('2025/3/5')).toBe('2025-03-05');
    expect(iso('2025-03-05 14:22:01')).toBe('2025-03-05');
    expect(iso('2025-03-05T14:22:01.000Z')).toBe('2025-03-05');
    expect(iso('20250305')).toBe('2025-03-05');
    expect(iso('05/03/2025')).toBe('2025-03-05');
    expect(iso('05/03/2025', 'MDY')).toBe('2025-05-03');
    expect(iso('05.03.25 10:11')).toBe('2025-03-05');
    expect(iso('3/5/2025 2:22 PM', 'MDY')).toBe('2025-03-05');
    expect(iso('5-Mar-2025')).toBe('2025-03-05');
    expect(iso('5 mars 2025')).toBe('2025-03-05');
    expect(iso('5 févr. 2025')).toBe('2025-02-05');
    expect(iso('March 5, 2025')).toBe('2025-03-05');
    expect(iso('45721', 'DMY', true)).toBe('2025-03-05');
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    for (const t of ['2025-02-30', '31/04/2025', '2025-13-01', 'yesterday', '45721', '12/25']) expect(iso(t)).toBeNull();
  });
});

describe('parseDate under each date order', () => {
  const ORDERS = ['DMY', 'MDY', 'YMD'] as const;

  it('reads a 4-digit year first as year/month/day whatever the order, with -, / or . and a time', () => {
    for (const order of ORDERS) {
      for (const t of ['2024-03-05', '2024/03/05', '2024.03.05', '2024/3/5', '2024.03.05 10:11', '20240305']) expect(iso(t, order), `${order} ${t}`).toBe('2024-03-05');
    }
  });

  it('reads a 4-digit year last day first (DMY) or month first (MDY), and refuses it under YMD rather than guess', () => {
    expect(iso('05/03/2024', 'DMY')).toBe('2024-03-05');
    expect(iso('05.03.2024', 'MDY')).toBe('2024-05-03');
    expect(iso('05-03-2024', 'YMD')).toBeNull();
  });

  it('reads 2-digit years in the order set, with one pivot for all three: below 70 is 20yy, else 19yy', () => {
    expect(iso('05/03/24', 'DMY')).toBe('2024-03-05');
    expect(iso('03/05/24', 'MDY')).toBe('2024-03-05');
    expect(iso('24-03-05', 'YMD')).toBe('2024-03-05');
    expect(iso('24/3/5', 'YMD')).toBe('2024-03-05');
    expect(iso('24.03.05 14:22', 'YMD')).toBe('2024-03-05');
    expect(iso('69-12-31', 'YMD')).toBe('2069-12-31');
    expect(iso('70-01-01', 'YMD')).toBe('1970-01-01');
    expect(iso('31/12/69', 'DMY')).toBe('2069-12-31');
    expect(iso('01/01/70', 'MDY')).toBe('1970-01-01');
    // The same text is a different day under each order: the order set decides.
    expect(ORDERS.map((o) => iso('10/11/12', o))).toEqual(['2012-11-10', '2012-10-11', '2010-11-12']);
  });

  it('refuses dates that do not exist under every order', () => {
    for (const order of ORDERS) {
      for (const t of ['2024-02-30', '2023/02/29', '2024.13.01', '2024.00.10', '2024/04/31']) expect(iso(t, order), `${order} ${t}`).toBeNull();
    }
    expect(iso('24-02-30', 'YMD')).toBeNull();
    expect(iso('23-02-29', 'YMD')).toBeNull();
    expect(iso('24-13-01', 'YMD')).toBeNull();
    expect(iso('24-2-29', 'YMD')).toBe('2024-02-29');
    expect(iso('30/02/24', 'DMY')).toBeNull();
    expect(iso('02/30/24', 'MDY')).toBeNull();
    expect(iso('4-03-05', 'YMD')).toBeNull();
  });
});

describe('dateOrderHint', () => {
  it('says how a date with a 4-digit year that fails in the column\'s order would read in another; nothing for impossible dates or 2-digit years', () => {
    expect(dateOrderHint('05/03/2024', 'YMD')).toBe(' (the date order is year/month/day; read day/month/year it would be 2024-03-05)');
    expect(dateOrderHint('25/03/2024', 'MDY')).toBe(' (the date order is month/day/year; read day/month/year it would be 2024-03-25)');
    expect(dateOrderHint('03/25/2024', 'DMY')).toBe(' (the date order is day/month/year; read month/day/year it would be 2024-03-25)');
    expect(dateOrderHint('2024-02-30', 'YMD')).toBe('');
    expect(dateOrderHint('24-02-30', 'YMD')).toBe('');
    expect(dateOrderHint('13/13/24', 'DMY')).toBe('');
    expect(dateOrderHint('yesterday', 'DMY')).toBe('');
  });
});

describe('decideDateOrder', () => {
  it('is month first only when the values say so, day first otherwise', () => {
    expect(decideDateOrder(['05/03/2025', '25/03/2025'])).toMatchObject({ order: 'DMY', ambiguous: false });
    expect(decideDateOrder(['05/03/2025', '03/25/2025'])).toMatchObject({ order: 'MDY', ambiguous: false });
    expect(decideDateOrder(['05/03/2025', '04/03/2025'])).toMatchObject({ order: 'DMY', ambiguous: true });
    expect(decideDateOrder(['2025-03-05'])).toMatchObject({ order: 'DMY', ambiguous: false });
  });

  it('says when 2-digit dates would also read year first (24-03-15), which nothing in them can tell', () => {
    expect(decideDateOrder(['24-03-15', '24-04-02'])).toEqual({ order: 'DMY', ambiguous: false, yearFirstPossible: true });
    expect(decideDateOrder(['05/03/24', '04/03/24'])).toEqual({ order: 'DMY', ambiguous: true, yearFirstPossible: true });
    // 4-digit years, or a value that is no year/month/day (day 45), rule it out.
    expect(decideDateOrder(['05/03/2025', '04/03/2025']).yearFirstPossible).toBe(false);
    expect(decideDateOrder(['24-03-15', '15-03-45']).yearFirstPossible).toBe(false);
    expect(decideDateOrder(['2025-03-05']).yearFirstPossible).toBe(false);
  });

  it('tells how a date is written: the same way with or without a time or leading zeros, another way with other separators, order or year digits', () => {
    const same = (a: string, b: string, order: DateOrder = 'DMY') => dateFormatKey(a, order) === dateFormatKey(b, order);
    expect(same('2025-03-05', '2025-3-5 14:22')).toBe(true);
    expect(same('05/03/2025', '5/3/2025')).toBe(true);
    expect(same('5 mars 2025', '12-Mar-2024')).toBe(true);
    expect(same('2025-03-05', '05/03/2025')).toBe(false);
    expect(same('05/03/2025', '05.03.2025')).toBe(false);
    expect(same('15/08/2025', '15/08/20')).toBe(false);
    expect(same('2024.03.05', '24-03-06', 'YMD')).toBe(false);
    expect(same('March 5, 2025', '5 March 2025')).toBe(false);
    expect(dateFormatKey('not a date', 'DMY')).toBeNull();
    expect(dateFormatKey('45901', 'DMY', true)).toBe('excel day number');
  });
});
