/**
 * ESF+ age bands. The case file keeps only the birth year (least data: no date of birth, never a
 * personal identity code), so the age is the age the person reaches during the year of the
 * reference date: `year(at) - birthYear`. ESF+ reports under 18, 18–29 and 55 and over; 30–54 is
 * the remainder and is kept as a band of its own so that every participant falls in exactly one.
 */
import { assertIsoDate, type IsoDate } from './dates.ts';

export const AGE_BANDS = ['under-18', '18-29', '30-54', '55-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The youngest and oldest plausible ages; outside them a birth year is a typing error. */
export const MIN_PLAUSIBLE_AGE = 0;
export const MAX_PLAUSIBLE_AGE = 110;

/** Thrown for a birth year that is not a whole number or gives an impossible age. */
export class InvalidBirthYearError extends Error {
  readonly code = 'invalid_birth_year';
  constructor(readonly value: unknown) {
    super(
      `birthYear: expected a four-digit year that gives an age of ${MIN_PLAUSIBLE_AGE}–${MAX_PLAUSIBLE_AGE}, got ${JSON.stringify(value)}`
    );
    this.name = 'InvalidBirthYearError';
  }
}

/**
 * The age reached during the year of `at` by someone born in `birthYear`. Throws
 * {@link InvalidBirthYearError} for a non-integer or implausible year.
 */
export function ageInYearOf(birthYear: number, at: IsoDate): number {
  const year = Number(assertIsoDate(at, 'at').slice(0, 4));
  if (!Number.isInteger(birthYear)) throw new InvalidBirthYearError(birthYear);
  const age = year - birthYear;
  if (age < MIN_PLAUSIBLE_AGE || age > MAX_PLAUSIBLE_AGE) throw new InvalidBirthYearError(birthYear);
  return age;
}

/** True when `birthYear` gives a plausible age at `at` (see {@link ageInYearOf}). */
export function isPlausibleBirthYear(birthYear: unknown, at: IsoDate): birthYear is number {
  if (typeof birthYear !== 'number') return false;
  try {
    ageInYearOf(birthYear, at);
    return true;
  } catch {
    return false;
  }
}

/** The band of an age in whole years. */
export function bandOfAge(age: number): AgeBand {
  if (age < 18) return 'under-18';
  if (age <= 29) return '18-29';
  if (age <= 54) return '30-54';
  return '55-plus';
}

/**
 * The ESF+ age band at `at` (for the indicators: the first start date), or null when the birth
 * year is not recorded. Throws {@link InvalidBirthYearError} for an implausible year.
 */
export function ageBand(birthYear: number | null, at: IsoDate): AgeBand | null {
  if (birthYear === null) return null;
  return bandOfAge(ageInYearOf(birthYear, at));
}
