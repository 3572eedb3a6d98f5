/**
 * UI words for the case file: vocabulary labels, dates, and the text of a CaseFileError next to
 * its field, in the UI language (or, for the participant's printout, always Finnish).
 */
import type { Language } from '$lib/api/schemas';
import type { CaseFileError } from '$lib/domain/case-file';
import { intlLocale, locale, t, tIn, type MessageKey } from '$lib/i18n';

/** Vocabulary groups as message key prefixes (`vocab.<group>.<code>`). */
export type VocabGroup =
  | 'wp'
  | 'reached'
  | 'consent'
  | 'status'
  | 'gender'
  | 'labour'
  | 'education'
  | 'area'
  | 'theme'
  | 'goalStatus'
  | 'owner'
  | 'stepStatus'
  | 'meetingKind'
  | 'meetingStatus'
  | 'service'
  | 'referralStatus'
  | 'checklist'
  | 'result'
  | 'followUp'
  | 'section'
  | 'nextAction';

/** The label of a stored code, e.g. `vocab('theme', 'housing')` → "Asuminen". */
export function vocab(group: VocabGroup, code: string, language: Language = locale.current): string {
  const key = `vocab.${group}.${code}` as MessageKey;
  return tIn(language, key as never);
}

/** Options for a select over a closed word list. */
export function vocabOptions<V extends string>(
  group: VocabGroup,
  codes: readonly V[]
): { value: V; label: string }[] {
  return codes.map((code) => ({ value: code, label: vocab(group, code) }));
}

/** A calendar date `YYYY-MM-DD` as the language writes it (3.2.2026 / 3 Feb 2026). */
export function formatIsoDate(date: string | null | undefined, language: Language = locale.current): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  // Noon UTC: the same calendar day in every time zone the formatter might use.
  return new Intl.DateTimeFormat(intlLocale(language), {
    day: 'numeric',
    month: language === 'fi' ? 'numeric' : 'short',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A weekday and date, for the home view ("maanantai 3.2.2026"). */
export function formatLongDate(date: string, language: Language = locale.current): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'long',
    day: 'numeric',
    month: language === 'fi' ? 'numeric' : 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(new Date(Date.UTC(y!, m! - 1, d!, 12)));
}

/** An ISO instant as a short date and time in the UI language. */
export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(instant)
  );
}

/**
 * What to tell the user about a rejected edit, next to the field. The domain's messages are for
 * developers (English, with the value); the user gets a sentence in their language.
 */
export function caseErrorText(error: CaseFileError): string {
  const message = error.message;
  switch (error.code) {
    case 'invalid_date':
      return t('caseError.invalid_date');
    case 'invalid_birth_year':
      return t('caseError.invalid_birth_year');
    case 'not_found':
      return t('caseError.not_found');
    case 'invalid_transition':
      return t('caseError.invalid_transition');
    case 'already_created':
      return t('caseError.already_created');
    case 'invalid_value':
      if (/non-empty text/.test(message)) return t('caseError.required');
      if (/at most \d+ characters/.test(message)) return t('caseError.tooLong');
      if (/is before/.test(message)) return t('caseError.dateOrder');
      if (/a time HH:MM/.test(message)) return t('caseError.time');
      if (error.field === 'longTermUnemployed') return t('caseError.longTerm');
      return t('caseError.invalid');
  }
}
