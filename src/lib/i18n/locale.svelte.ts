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
/** Finnish is the default UI language. */
export const DEFAULT_LANGUAGE: Language = 'fi';

/** True for a supported language code. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be blocked by browser settings; the language then lasts until reload.
    return null;
  }
}

/** The current UI language, kept in step with `<html lang>` and localStorage. */
export class LocaleState {
  current = $state<Language>(DEFAULT_LANGUAGE);

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
}

/** The app's one locale. */
export const locale = new LocaleState();
