/**
 * Calendar dates as the workers mean them: a day in Finland, written `YYYY-MM-DD`.
 *
 * A release day, a due date or an exit date is a civil date, not an instant, so the case file
 * stores it as an ISO date string and every rule here does arithmetic on whole days (a day
 * number counted from 1970-01-01 in a proleptic Gregorian calendar, computed through UTC so that
 * daylight-saving changes never shift a date). Only `dateInTimeZone` touches a real clock value,
 * to turn the device's `now` into "today in Helsinki".
 */

/** A calendar date `YYYY-MM-DD`. Plain string so that it can live in a Y.Map and in JSON. */
export type IsoDate = string;

/** The time zone the project works in; "today" and "this week" are Finnish days. */
export const PROJECT_TIME_ZONE = 'Europe/Helsinki';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Thrown when a string is not a real calendar date `YYYY-MM-DD` (e.g. `2025-02-30`). */
export class InvalidDateError extends Error {
  readonly code = 'invalid_date';
  constructor(
    readonly value: unknown,
    readonly field = 'date'
  ) {
    super(`${field}: expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    this.name = 'InvalidDateError';
  }
}

function parts(value: string): [number, number, number] | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== null;
}

/** Returns `value` if it is a calendar date; throws {@link InvalidDateError} naming `field` if not. */
export function assertIsoDate(value: unknown, field = 'date'): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value, field);
  return value;
}

/** True for a wall-clock time `HH:MM` (24-hour). */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && CLOCK_TIME.test(value);
}

/** Days in month `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day number (days since 1970-01-01) of a calendar date. Throws on a non-date. */
export function dayNumber(date: IsoDate): number {
  const p = parts(date);
  if (!p) throw new InvalidDateError(date);
  return Math.round(Date.UTC(p[0], p[1] - 1, p[2]) / MS_PER_DAY);
}

/** The calendar date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * `date` moved by `months` calendar months. When the target month is shorter, the result is its
 * last day (31 Aug + 6 months = 28 Feb, or 29 Feb in a leap year), the usual reading of "six
 * months after" and the one that never jumps into the month after.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parts(date);
  if (!p) throw new InvalidDateError(date);
  const index = p[0] * 12 + (p[1] - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(p[2], daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday: Monday 1 … Sunday 7 (the Finnish week starts on Monday). */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week that holds `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Sunday of the ISO week that holds `date`. */
export function endOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 7 - isoWeekday(date));
}

/** ISO 8601 week-numbering year and week (1–53); the week with the year's first Thursday is 1. */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of the instant `now` in `timeZone` (default Helsinki). */
export function dateInTimeZone(now: Date, timeZone: string = PROJECT_TIME_ZONE): IsoDate {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    // formatToParts keeps us independent of how a locale orders the parts.
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  const all = fmt.formatToParts(now);
  const get = (type: string) => all.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The Helsinki day of an ISO instant string, or null when the string is not a valid instant. */
export function dayOfInstant(instant: string, timeZone: string = PROJECT_TIME_ZONE): IsoDate | null {
  const t = new Date(instant);
  return Number.isNaN(t.getTime()) ? null : dateInTimeZone(t, timeZone);
}

/** The earlier of two optional dates (null when both are missing). */
export function minDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
