/**
 * Early checks of form fields, with the same rules as the server's schemas
 * (src/lib/api/schemas.ts), so that most mistakes are caught before a round trip. The server
 * still validates everything.
 */
import { PASSWORD_MIN, usernameSchema } from '$lib/api/schemas';
import { t, type LazyText } from '$lib/i18n';

/** The server's upper bounds (see schemas.ts). */
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 80;

export function checkRequired(value: string): LazyText | null {
  return value.trim() === '' ? () => t('validation.required') : null;
}

export function checkUsername(value: string): LazyText | null {
  return (
    checkRequired(value) ??
    (usernameSchema.safeParse(value).success ? null : () => t('validation.usernameFormat'))
  );
}

export function checkDisplayName(value: string): LazyText | null {
  const length = value.trim().length;
  return length >= 1 && length <= DISPLAY_NAME_MAX
    ? null
    : () => t('validation.displayNameLength', { max: DISPLAY_NAME_MAX });
}

export function checkNewPassword(value: string): LazyText | null {
  if (value.length < PASSWORD_MIN) return () => t('validation.passwordTooShort', { min: PASSWORD_MIN });
  if (value.length > PASSWORD_MAX) return () => t('validation.passwordTooLong', { max: PASSWORD_MAX });
  return null;
}

export function checkConfirmation(password: string, confirmation: string): LazyText | null {
  return password === confirmation ? null : () => t('validation.passwordMismatch');
}

/** True when no field has an error. */
export function isValid(errors: Record<string, LazyText | null | undefined>): boolean {
  return Object.values(errors).every((e) => !e);
}

/** Focuses the first field that has an error, in the order given. */
export function focusFirstInvalid(
  errors: Record<string, LazyText | null | undefined>,
  inputs: Record<string, HTMLInputElement | null | undefined>
): void {
  for (const [name, error] of Object.entries(errors)) {
    if (error) {
      inputs[name]?.focus();
      return;
    }
  }
}
