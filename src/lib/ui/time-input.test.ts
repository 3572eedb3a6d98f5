import { describe, expect, it } from 'vitest';
import { isClockTime } from '$lib/domain/dates';
import { TIME_INPUT_PATTERN, formatTimeInput, parseTimeInput, type TimeInputResult } from './time-input.ts';

const time = (value: string): TimeInputResult => ({ ok: true, value });
const format: TimeInputResult = { ok: false, problem: 'format' };
const impossible: TimeInputResult = { ok: false, problem: 'impossible' };

describe('parseTimeInput', () => {
  it.each<[string, TimeInputResult]>([
    // Finnish, as shown and as people write it
    ['14.30', time('14:30')],
    ['9.05', time('09:05')],
    ['09.05', time('09:05')],
    ['0.00', time('00:00')],
    ['23.59', time('23:59')],
    ['  14.30  ', time('14:30')],
    ['14 . 30', time('14:30')],
    ['klo 14.30', time('14:30')],
    ['Klo 9', time('09:00')],
    ['klo. 9.05', time('09:05')],
    // English, and the stored form typed or pasted in
    ['14:30', time('14:30')],
    ['9:05', time('09:05')],
    // A number pad without separators
    ['1430', time('14:30')],
    ['905', time('09:05')],
    ['0000', time('00:00')],
    // An hour alone is on the hour
    ['14', time('14:00')],
    ['9', time('09:00')],
    // Empty is not an error: whether a time is required is the caller's rule
    ['', time('')],
    ['   ', time('')],
    // Hours or minutes the clock lacks
    ['25.61', impossible],
    ['24.00', impossible],
    ['24', impossible],
    ['12.60', impossible],
    ['2400', impossible],
    ['99', impossible],
    // Not a time's shape
    ['14.3', format],
    ['14.300', format],
    ['14,30', format],
    ['14-30', format],
    ['2.30 pm', format],
    ['2:30 PM', format],
    ['14.30.00', format],
    ['12345', format],
    ['puoli kolme', format],
    ['klo', format],
    ['.30', format]
  ])('%j → %j', (text, expected) => {
    expect(parseTimeInput(text)).toEqual(expected);
  });

  it('gives only values the case file accepts', () => {
    for (const text of ['0.00', '9.05', '1430', '23:59', 'klo 7']) {
      const result = parseTimeInput(text);
      expect(result.ok && isClockTime(result.value)).toBe(true);
    }
  });
});

describe('formatTimeInput', () => {
  it.each<[string, 'fi' | 'en', string]>([
    ['14:30', 'fi', '14.30'],
    ['14:30', 'en', '14:30'],
    ['09:05', 'fi', '09.05'],
    ['09:05', 'en', '09:05'],
    ['', 'fi', ''],
    // Text that is not a stored time is kept as typed, never lost
    ['25:61', 'fi', '25:61'],
    ['soon', 'en', 'soon']
  ])('%s in %s → %j', (value, language, expected) => {
    expect(formatTimeInput(value, language)).toBe(expected);
  });

  it('reads back what it shows, in both languages', () => {
    for (const stored of ['00:00', '09:05', '14:30', '23:59']) {
      for (const language of ['fi', 'en'] as const) {
        expect(parseTimeInput(formatTimeInput(stored, language))).toEqual(time(stored));
      }
    }
  });

  it('names the pattern it shows', () => {
    expect(TIME_INPUT_PATTERN).toEqual({ fi: 'tt.mm', en: 'hh:mm' });
  });
});
