/**
 * The UI language as rune state. Reading `locale.current` inside a template, `$derived` or
 * `$effect` (which `t()` does) makes that place re-render when the language changes.
 *
 * Before login the choice is remembered in localStorage; after login the app state also saves
 * it with the user's account (PATCH /api/me).
 */
import { LANGUAGES, type Language } from '$lib/api/schemas';

/** localStorage key of the language chosen on this device. */
export const LANGUAGE_STORAGE_KEY = 'rinnalla.language';
/** sessionStorage key of a language picked before login, until the login applies it. */
export const CHOSEN_BEFORE_LOGIN_KEY = 'rinnalla.language.chosen-before-login';
/** Finnish is the default UI language. */
export const DEFAULT_LANGUAGE: Language = 'fi';

/** True for a supported language code. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | null {
  try {
    return typeof globalThis[kind] === 'undefined' ? null : globalThis[kind];
  } catch {
    // Storage can be blocked by browser settings; the language then lasts until reload.
    return null;
  }
}

/** The current UI language, kept in step with `<html lang>` and localStorage. */
export class LocaleState {
  current = $state<Language>(DEFAULT_LANGUAGE);
  /** Mirror of the session-stored choice, for environments without sessionStorage. */
  private chosen: Language | null = null;

  /** Reads the language remembered on this device, if any. */
  restore(): void {
    const saved = storage()?.getItem(LANGUAGE_STORAGE_KEY);
    this.set(isLanguage(saved) ? saved : DEFAULT_LANGUAGE);
  }

  /** Switches the UI language, sets `<html lang>` and remembers the choice on this device. */
  set(language: Language): void {
    this.current = language;
    storage()?.setItem(LANGUAGE_STORAGE_KEY, language);
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  }

  /**
   * The user picked a language before logging in: an explicit choice, which the login then
   * saves to their account instead of switching to the account's language. Survives a reload.
   */
  chooseBeforeLogin(language: Language): void {
    this.set(language);
    this.chosen = language;
    storage('sessionStorage')?.setItem(CHOSEN_BEFORE_LOGIN_KEY, language);
  }

  /** The language picked before login, if any; forgets it (it applies to one login). */
  takeChoiceBeforeLogin(): Language | null {
    const stored = storage('sessionStorage')?.getItem(CHOSEN_BEFORE_LOGIN_KEY);
    storage('sessionStorage')?.removeItem(CHOSEN_BEFORE_LOGIN_KEY);
    const chosen = isLanguage(stored) ? stored : this.chosen;
    this.chosen = null;
    return chosen;
  }
}

/** The app's one locale. */
export const locale = new LocaleState();
