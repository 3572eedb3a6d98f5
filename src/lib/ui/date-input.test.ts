import { describe, expect, it } from 'vitest';
import { DATE_INPUT_PATTERN, formatDateInput, parseDateInput, type DateInputResult } from './date-input.ts';

const date = (value: string): DateInputResult => ({ ok: true, value });
const format: DateInputResult = { ok: false, problem: 'format' };
const impossible: DateInputResult = { ok: false, problem: 'impossible' };

describe('parseDateInput', () => {
  it.each<[string, DateInputResult]>([
    // Finnish, as shown and as people write it
    ['03.02.2026', date('2026-02-03')],
    ['3.2.2026', date('2026-02-03')],
    ['24.12.2026', date('2026-12-24')],
    ['3. 2. 2026', date('2026-02-03')],
    ['  3.2.2026  ', date('2026-02-03')],
    // English (day first), and other separators in either language
    ['03/02/2026', date('2026-02-03')],
    ['3/2/2026', date('2026-02-03')],
    ['3-2-2026', date('2026-02-03')],
    ['3 2 2026', date('2026-02-03')],
    // ISO typed or pasted in
    ['2026-02-03', date('2026-02-03')],
    ['2026-2-3', date('2026-02-03')],
    // A number pad without separators
    ['03022026', date('2026-02-03')],
    // Empty is not an error: whether a date is required is the caller's rule
    ['', date('')],
    ['   ', date('')],
    // Leap years
    ['29.2.2028', date('2028-02-29')],
    ['29.2.2000', date('2000-02-29')],
    ['29.2.2026', impossible],
    ['29.2.1900', impossible],
    // Days the calendar lacks
    ['31.2.2026', impossible],
    ['31.4.2026', impossible],
    ['0.1.2026', impossible],
    ['1.13.2026', impossible],
    ['1.0.2026', impossible],
    ['2026-02-30', impossible],
    ['00000000', impossible],
    ['1.1.0000', impossible],
    // Not a date's shape
    ['3.2.26', format],
    ['3.2', format],
    ['3.2.2026.', format],
    ['3.2/2026', format],
    ['2026/02/03', format],
    ['helmikuu', format],
    ['3022026', format],
    ['123.4.2026', format],
    ['2026-02-03T10:00', format]
  ])('%j → %j', (text, expected) => {
    expect(parseDateInput(text)).toEqual(expected);
  });
});

describe('formatDateInput', () => {
  it.each<[string, 'fi' | 'en', string]>([
    ['2026-02-03', 'fi', '03.02.2026'],
    ['2026-02-03', 'en', '03/02/2026'],
    ['2026-12-24', 'fi', '24.12.2026'],
    ['', 'fi', ''],
    // Text that is not an ISO date is kept as typed, never lost
    ['31.2.2026', 'fi', '31.2.2026'],
    ['soon', 'en', 'soon']
  ])('%s in %s → %j', (value, language, expected) => {
    expect(formatDateInput(value, language)).toBe(expected);
  });

  it('reads back what it shows, in both languages', () => {
    for (const iso of ['2026-02-03', '1999-12-31', '2028-02-29']) {
      for (const language of ['fi', 'en'] as const) {
        expect(parseDateInput(formatDateInput(iso, language))).toEqual(date(iso));
      }
    }
  });

  it('names the pattern it shows', () => {
    expect(DATE_INPUT_PATTERN).toEqual({ fi: 'pp.kk.vvvv', en: 'dd/mm/yyyy' });
  });
});
