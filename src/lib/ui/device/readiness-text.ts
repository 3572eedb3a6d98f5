/**
 * The offline-readiness line as text: "Valmis käyttöön ilman verkkoa: kaikki 12 asiakirjaa
 * synkronoitu klo 14.32", the progress of a running pull, or how many documents are missing.
 */
import { intlLocale, locale, t } from '$lib/i18n';
import type { ReadinessPhase } from '$lib/app/offline.svelte';

export interface ReadinessFacts {
  phase: ReadinessPhase;
  total: number;
  done: number;
  missing: number;
  syncedAt: number | null;
}

/** "klo 14.32" today, "27.11.2026 klo 14.32" on another day (in the UI language). */
export function syncedWhen(at: number, now: number = Date.now()): string {
  const tag = intlLocale(locale.current);
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short' }).format(at);
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  if (sameDay) return t('offline.at', { time });
  return t('offline.on', { date: new Intl.DateTimeFormat(tag, { dateStyle: 'short' }).format(at), time });
}

/** The line, or null when there is nothing to say yet (locked, or never pulled and nothing listed). */
export function readinessText(facts: ReadinessFacts, now: number = Date.now()): string | null {
  switch (facts.phase) {
    case 'idle':
      return null;
    case 'pulling':
      return t('offline.pulling', { done: facts.done, total: facts.total });
    case 'ready': {
      if (facts.total === 0) return t('offline.ready.none');
      const when = syncedWhen(facts.syncedAt ?? now, now);
      return facts.total === 1
        ? t('offline.ready.one', { when })
        : t('offline.ready.many', { n: facts.total, when });
    }
    case 'incomplete':
      if (facts.missing === 0) return t('offline.unknown');
      return facts.missing === 1 ? t('offline.missing.one') : t('offline.missing.many', { n: facts.missing });
  }
}
