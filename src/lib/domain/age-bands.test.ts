import { describe, expect, it } from 'vitest';
import { ageBand, ageInYearOf, bandOfAge, InvalidBirthYearError, isPlausibleBirthYear } from './age-bands.ts';

describe('ageBand', () => {
  it.each([
    [2008, '2025-03-01', 'under-18'], // 17 during 2025
    [2007, '2025-03-01', '18-29'], // 18 during 2025
    [1996, '2025-12-31', '18-29'], // 29
    [1995, '2025-01-01', '30-54'], // 30
    [1971, '2025-06-01', '30-54'], // 54
    [1970, '2025-06-01', '55-plus'], // 55
    [1950, '2026-01-10', '55-plus']
  ])('born %i, at %s → %s', (year, at, band) => expect(ageBand(year, at)).toBe(band));

  it('is null when the birth year is not recorded', () => {
    expect(ageBand(null, '2025-01-01')).toBe(null);
  });

  it.each([[2026], [1900], [1985.5], [Number.NaN]])('rejects birth year %d at 2025', (year) => {
    expect(() => ageBand(year, '2025-05-01')).toThrow(InvalidBirthYearError);
  });

  it('rejects a bad reference date', () => {
    expect(() => ageBand(1990, '2025-02-30')).toThrow(/at/);
  });
});

describe('bandOfAge boundaries', () => {
  it.each([
    [0, 'under-18'],
    [17, 'under-18'],
    [18, '18-29'],
    [29, '18-29'],
    [30, '30-54'],
    [54, '30-54'],
    [55, '55-plus'],
    [90, '55-plus']
  ])('%i → %s', (age, band) => expect(bandOfAge(age)).toBe(band));
});

describe('ageInYearOf / isPlausibleBirthYear', () => {
  it('counts the age reached during the year', () => {
    expect(ageInYearOf(1990, '2025-01-01')).toBe(35);
    expect(ageInYearOf(1990, '2025-12-31')).toBe(35);
  });
  it.each([
    [1990, true],
    [2025, true],
    [2026, false],
    [1914, false],
    ['1990', false],
    [null, false]
  ])('%j plausible in 2025: %s', (y, want) => expect(isPlausibleBirthYear(y, '2025-06-01')).toBe(want));
});
