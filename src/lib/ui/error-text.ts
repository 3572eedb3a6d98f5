/**
 * What to tell the user about a failed API call, in the UI language. Screens pass the codes they
 * know better (e.g. `invalid_credentials` on the login page) as overrides.
 */
import { ApiError } from '$lib/api/client';
import { TEAM_CHANGED } from '$lib/api/schemas';
import { t, type LazyText, type PlainMessageKey } from '$lib/i18n';

/** The rate limit window of the server, used when a 429 carries no retry-after. */
const DEFAULT_RETRY_MINUTES = 15;

/** A text for any error a call may throw. Unknown errors get a generic text with their code. */
export function errorText(
  error: unknown,
  overrides: Readonly<Record<string, PlainMessageKey>> = {}
): LazyText {
  if (!(error instanceof ApiError)) return () => t('error.unknown', { code: 'client' });
  const override = overrides[error.code];
  if (override) return () => t(override);
  if (error.isNetworkError) return () => t('error.network');
  if (error.status === 429) {
    const minutes =
      error.retryAfterSeconds === null
        ? DEFAULT_RETRY_MINUTES
        : Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return () => t('error.tooManyAttempts', { minutes });
  }
  if (error.code === 'csrf_failed') return () => t('error.csrf');
  if (error.status === 403) return () => t('error.forbidden');
  if (error.status === 404) return () => t('error.notFound');
  if (error.code === TEAM_CHANGED) return () => t('error.teamChanged');
  if (error.status === 409) return () => t('error.conflict');
  if (error.status === 422) return () => t('error.invalid');
  if (error.status >= 500) return () => t('error.server');
  return () => t('error.unknown', { code: error.code });
}
