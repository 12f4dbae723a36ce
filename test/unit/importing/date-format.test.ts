import { describe, expect, it } from 'vitest';
import { decideDateOrder, isoDate, parseDate } from '../../../shared/importing/date-format';

const iso = (t: string, order: 'DMY' | 'MDY' = 'DMY', serial = false) => {
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

describe('decideDateOrder', () => {
  it('is month first only when the values say so, day first otherwise', () => {
    expect(decideDateOrder(['05/03/2025', '25/03/2025'])).toEqual({ order: 'DMY', ambiguous: false });
    expect(decideDateOrder(['05/03/2025', '03/25/2025'])).toEqual({ order: 'MDY', ambiguous: false });
    expect(decideDateOrder(['05/03/2025', '04/03/2025'])).toEqual({ order: 'DMY', ambiguous: true });
    expect(decideDateOrder(['2025-03-05'])).toEqual({ order: 'DMY', ambiguous: false });
  });
});
