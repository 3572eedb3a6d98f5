import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  assertIsoDate,
  dateInTimeZone,
  dayNumber,
  dayOfInstant,
  daysBetween,
  endOfIsoWeek,
  InvalidDateError,
  isClockTime,
  isIsoDate,
  isoWeek,
  isoWeekday,
  minDate,
  startOfIsoWeek
} from './dates.ts';

describe('isIsoDate', () => {
  const good = ['2025-01-01', '2024-02-29', '2025-12-31', '1960-06-15'];
  const bad = [
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-1-01',
    '25-01-01',
    '',
    20250101,
    null
  ];
  it.each(good)('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(bad)('rejects %j', (d) => expect(isIsoDate(d)).toBe(false));

  it('assertIsoDate names the field', () => {
    expect(() => assertIsoDate('2025-02-30', 'releaseDate')).toThrow(InvalidDateError);
    expect(() => assertIsoDate('2025-02-30', 'releaseDate')).toThrow(/releaseDate/);
    expect(assertIsoDate('2025-02-28')).toBe('2025-02-28');
  });
});

describe('isClockTime', () => {
  it.each(['00:00', '09:30', '23:59'])('accepts %s', (t) => expect(isClockTime(t)).toBe(true));
  it.each(['24:00', '9:30', '12:60', '12.30', ''])('rejects %s', (t) => expect(isClockTime(t)).toBe(false));
});

describe('day arithmetic', () => {
  it('counts days from the epoch', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
  });

  it.each([
    ['2025-03-29', 2, '2025-03-31'], // across the spring DST change in Finland
    ['2025-10-25', 3, '2025-10-28'], // across the autumn change
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-08-31', 28, '2025-09-28']
  ])('addDays(%s, %i) = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

  it('daysBetween is signed', () => {
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
    expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-08-31', 6, '2028-02-29'], // leap year
    ['2025-03-31', 6, '2025-09-30'],
    ['2025-01-15', 6, '2025-07-15'],
    ['2025-07-31', 6, '2026-01-31'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-05-31', -3, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-10-10', 14, '2026-12-10']
  ])('addMonths(%s, %i) = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));

  it('throws on a non-date', () => {
    expect(() => addMonths('2025-02-31', 1)).toThrow(InvalidDateError);
  });
});

describe('ISO weeks (Monday start)', () => {
  it.each([
    ['2025-06-02', 1], // Monday
    ['2025-06-08', 7], // Sunday
    ['1970-01-01', 4] // Thursday
  ])('isoWeekday(%s) = %i', (d, want) => expect(isoWeekday(d)).toBe(want));

  it.each([
    ['2025-06-04', '2025-06-02', '2025-06-08'],
    ['2025-06-02', '2025-06-02', '2025-06-08'],
    ['2025-06-08', '2025-06-02', '2025-06-08'],
    ['2025-12-31', '2025-12-29', '2026-01-04']
  ])('the week of %s runs %s – %s', (d, mon, sun) => {
    expect(startOfIsoWeek(d)).toBe(mon);
    expect(endOfIsoWeek(d)).toBe(sun);
  });

  it.each([
    ['2025-12-29', 2026, 1],
    ['2021-01-03', 2020, 53],
    ['2025-06-04', 2025, 23],
    ['2026-01-01', 2026, 1]
  ])('isoWeek(%s) = %i/W%i', (d, year, week) => expect(isoWeek(d)).toEqual({ year, week }));
});

describe('dateInTimeZone', () => {
  it('gives the Helsinki day, not the UTC day', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Helsinki (UTC+2).
    expect(dateInTimeZone(new Date('2025-12-31T22:30:00Z'))).toBe('2026-01-01');
    expect(dateInTimeZone(new Date('2025-12-31T21:30:00Z'))).toBe('2025-12-31');
    // Summer time UTC+3.
    expect(dateInTimeZone(new Date('2025-06-30T21:10:00Z'))).toBe('2025-07-01');
    expect(dateInTimeZone(new Date('2025-06-30T21:10:00Z'), 'UTC')).toBe('2025-06-30');
  });
});

describe('dayOfInstant', () => {
  it('reads an instant as a Helsinki day, null when it is not an instant', () => {
    expect(dayOfInstant('2025-07-01T21:30:00Z')).toBe('2025-07-02');
    expect(dayOfInstant('2025-07-01T20:30:00.000Z')).toBe('2025-07-01');
    expect(dayOfInstant('not a time')).toBe(null);
  });
});

describe('minDate', () => {
  it('ignores missing dates', () => {
    expect(minDate(null, null)).toBe(null);
    expect(minDate('2025-01-02', null)).toBe('2025-01-02');
    expect(minDate('2025-01-02', '2024-12-31')).toBe('2024-12-31');
  });
});
