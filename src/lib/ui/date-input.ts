/**
 * Calendar dates as people type them, in the app's language rather than the browser's.
 *
 * `<input type="date">` shows the browser's locale: in an English-locale browser a Finnish
 * worker sees mm/dd/yyyy. So date fields are text fields, and this module turns what was typed
 * into the ISO date `YYYY-MM-DD` that the case file stores, and back.
 *
 * Shown: Finnish `pp.kk.vvvv` (03.02.2026), English `dd/mm/yyyy` (03/02/2026, British order,
 * as English is used in Finland). Accepted in either language, so that a separator or a copied
 * ISO date never stops anyone:
 * - day, month, year with `.`, `/`, `-` or a space between them (`3.2.2026`, `03/02/2026`,
 *   `3. 2. 2026`); the day always comes first, never the US month-first reading, which would
 *   silently swap 3.2. and 2.3.;
 * - ISO `2026-02-03` (also `2026-2-3`);
 * - eight digits `03022026` (ddmmyyyy), for number pads that have no separator keys.
 * Years have four digits: a two-digit year is a format problem, not a guess about the century.
 */
import type { Language } from '$lib/api/schemas';
import { daysInMonth, type IsoDate } from '$lib/domain/dates';

/** Why a typed date was not accepted: not a date's shape, or a day the calendar lacks (31.2.). */
export type DateInputProblem = 'format' | 'impossible';

/** A typed date read: the ISO date ('' for an empty field), or why it is not one. */
export type DateInputResult = { ok: true; value: IsoDate | '' } | { ok: false; problem: DateInputProblem };

/** The format each language shows, as the user reads it (for hints and error texts). */
export const DATE_INPUT_PATTERN: Readonly<Record<Language, string>> = { fi: 'pp.kk.vvvv', en: 'dd/mm/yyyy' };

const SEPARATOR: Readonly<Record<Language, string>> = { fi: '.', en: '/' };

const DAY_FIRST = /^(\d{1,2})([./\- ])(\d{1,2})\2(\d{4})$/;
const ISO_LOOSE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4})$/;
const ISO_STRICT = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayMonthYear(text: string): [number, number, number] | null {
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return [Number(dayFirst[1]), Number(dayFirst[3]), Number(dayFirst[4])];
  const iso = ISO_LOOSE.exec(text);
  if (iso) return [Number(iso[3]), Number(iso[2]), Number(iso[1])];
  const digits = DIGITS_ONLY.exec(text);
  if (digits) return [Number(digits[1]), Number(digits[2]), Number(digits[3])];
  return null;
}

/**
 * Reads a typed date. Surrounding white space is ignored, as is white space around a separator
 * (`3. 2. 2026`). Empty text is `{ ok: true, value: '' }`: whether a date is required is the
 * caller's rule. Never throws.
 */
export function parseDateInput(text: string): DateInputResult {
  const normalized = text
    .trim()
    .replace(/\s*([./-])\s*/g, '$1')
    .replace(/\s+/g, ' ');
  if (normalized === '') return { ok: true, value: '' };
  const parts = dayMonthYear(normalized);
  if (!parts) return { ok: false, problem: 'format' };
  const [day, month, year] = parts;
  // Year 0 is not a calendar year, and Date.UTC maps years 0–99 to 1900–1999.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: 'impossible' };
  }
  return { ok: true, value: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/**
 * An ISO date `YYYY-MM-DD` as the field shows it in `language` (03.02.2026 / 03/02/2026).
 * Anything else (empty, or text that is not an ISO date) comes back unchanged, so a field
 * never loses what the user typed.
 */
export function formatDateInput(value: string, language: Language): string {
  const m = ISO_STRICT.exec(value);
  if (!m) return value;
  const separator = SEPARATOR[language];
  return `${m[3]}${separator}${m[2]}${separator}${m[1]}`;
}
