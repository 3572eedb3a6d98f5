import { isIsoDate, type IsoDate } from '../dates.ts';

/** Same bound as the API's `displayNameSchema`, so a projected name is always accepted. */
export const DISPLAY_NAME_MAX = 80;
/** Titles, places, contact lines. */
export const SHORT_TEXT_MAX = 200;
/** Plain-text fields that are not rich text (outcomes, step texts, next paths). */
export const LONG_TEXT_MAX = 2000;

export type CaseFileErrorCode =
  | 'invalid_value'
  | 'invalid_date'
  | 'invalid_birth_year'
  | 'not_found'
  | 'invalid_transition'
  | 'already_created';

/**
 * A rejected case-file edit. Thrown BEFORE anything is written (Yjs has no rollback, so every
 * mutator validates first), so the doc is unchanged when this is thrown. `field` names the input
 * that was wrong.
 */
export class CaseFileError extends Error {
  constructor(
    readonly code: CaseFileErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message);
    this.name = 'CaseFileError';
  }
}

export function invalid(field: string, expected: string, got: unknown): CaseFileError {
  return new CaseFileError(
    'invalid_value',
    `${field}: expected ${expected}, got ${JSON.stringify(got)}`,
    field
  );
}

export function notFound(what: string, id: string): CaseFileError {
  return new CaseFileError(
    'not_found',
    `${what} ${id} is not in this case file (removed by someone else?)`,
    what
  );
}

/** `value` if it is one of `values`; throws `invalid_value` otherwise. */
export function requireEnum<T extends string>(value: unknown, values: readonly T[], field: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw invalid(field, `one of ${values.join(', ')}`, value);
}

/** `value` if it is a calendar date; throws `invalid_date` otherwise. */
export function requireDate(value: unknown, field: string): IsoDate {
  if (isIsoDate(value)) return value;
  throw new CaseFileError(
    'invalid_date',
    `${field}: expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    field
  );
}

/** Like {@link requireDate} but null passes (clears the field). */
export function optionalDate(value: unknown, field: string): IsoDate | null {
  return value === null ? null : requireDate(value, field);
}

/** Trimmed text of at most `max` characters; throws `invalid_value` otherwise. */
export function requireText(value: unknown, field: string, max: number, { allowEmpty = true } = {}): string {
  if (typeof value !== 'string') throw invalid(field, 'text', value);
  const text = value.trim();
  if (!allowEmpty && text === '') throw invalid(field, 'non-empty text', value);
  if (text.length > max) throw invalid(field, `at most ${max} characters`, `${text.slice(0, 20)}…`);
  return text;
}
