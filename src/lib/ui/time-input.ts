/**
 * Clock times as people type them, in the app's language rather than the browser's.
 *
 * `<input type="time">` follows the browser's locale: in an English-locale (US) browser it shows
 * a 12-hour clock with AM/PM, which no one in a Finnish project writes. So time fields are text
 * fields, and this module turns what was typed into the 24-hour `HH:MM` that the case file
 * stores (see `isClockTime` in src/lib/domain/dates.ts), and back.
 *
 * Shown: Finnish `tt.mm` (14.30, 09.05), English `hh:mm` (14:30, 09:05); hours are padded like
 * the date fields' days. Accepted in either language:
 * - hours and minutes with `.` or `:` between them (`14.30`, `14:30`, `9.05`, `9:05`);
 * - three or four digits (`1430`, `905`), for number pads that have no separator keys;
 * - an hour alone (`14`, `9`), meaning on the hour;
 * - each of these after the Finnish `klo` ("o'clock"), as in `klo 14.30`.
 * Always a 24-hour clock: `2.30 pm` is a format problem, never a guess. `24.00` is not a time
 * the case file accepts (the day's end is `23.59` or the next day's `0.00`).
 */
import type { Language } from '$lib/api/schemas';
import { isClockTime } from '$lib/domain/dates';

/** Why a typed time was not accepted: not a time's shape, or past 23 hours or 59 minutes. */
export type TimeInputProblem = 'format' | 'impossible';

/** A typed time read: `HH:MM` ('' for an empty field), or why it is not one. */
export type TimeInputResult = { ok: true; value: string } | { ok: false; problem: TimeInputProblem };

/** The format each language shows, as the user reads it (for hints and error texts). */
export const TIME_INPUT_PATTERN: Readonly<Record<Language, string>> = { fi: 'tt.mm', en: 'hh:mm' };

const SEPARATOR: Readonly<Record<Language, string>> = { fi: '.', en: ':' };

const LAST_HOUR = 23;
const LAST_MINUTE = 59;

const KLO_PREFIX = /^klo\.?\s*/i;
const SEPARATED = /^(\d{1,2})\s*[.:]\s*(\d{2})$/;
const DIGITS_ONLY = /^(\d{1,2})(\d{2})$/;
const HOUR_ONLY = /^(\d{1,2})$/;

function hourMinute(text: string): [number, number] | null {
  const match = SEPARATED.exec(text) ?? DIGITS_ONLY.exec(text);
  if (match) return [Number(match[1]), Number(match[2])];
  const hour = HOUR_ONLY.exec(text);
  return hour ? [Number(hour[1]), 0] : null;
}

/**
 * Reads a typed time. Surrounding white space is ignored. Empty text is `{ ok: true, value: '' }`:
 * whether a time is required is the caller's rule. Never throws.
 */
export function parseTimeInput(text: string): TimeInputResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  const parts = hourMinute(trimmed.replace(KLO_PREFIX, ''));
  if (!parts) return { ok: false, problem: 'format' };
  const [hour, minute] = parts;
  if (hour > LAST_HOUR || minute > LAST_MINUTE) return { ok: false, problem: 'impossible' };
  return { ok: true, value: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/**
 * A stored time `HH:MM` as the field shows it in `language` (14.30 / 14:30). Anything else
 * (empty, or text that is not a stored time) comes back unchanged, so a field never loses what
 * the user typed.
 */
export function formatTimeInput(value: string, language: Language): string {
  return isClockTime(value) ? value.replace(':', SEPARATOR[language]) : value;
}
