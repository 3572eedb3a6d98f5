import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '$lib/i18n';
import { readinessText, syncedWhen } from './readiness-text.ts';

const AT = new Date(2026, 10, 29, 14, 32).getTime();

afterEach(() => {
  locale.current = 'fi';
});

describe('readinessText', () => {
  it('says when every document was synced, in Finnish and in English', () => {
    const facts = { phase: 'ready' as const, total: 12, done: 12, missing: 0, syncedAt: AT };
    locale.current = 'fi';
    expect(readinessText(facts, AT + 60_000)).toBe(
      'Valmis käyttöön ilman verkkoa: kaikki 12 asiakirjaa synkronoitu klo 14.32'
    );
    locale.current = 'en';
    expect(readinessText(facts, AT + 60_000)).toBe('Ready for offline use: all 12 documents synced at 14:32');
  });

  it('names the day when the last full sync was not today', () => {
    locale.current = 'fi';
    expect(syncedWhen(AT, AT + 24 * 3600_000)).toMatch(/^29\.11\.2026 klo 14\.32$/);
  });

  it('shows progress, what is missing, and nothing before anything is known', () => {
    locale.current = 'fi';
    expect(readinessText({ phase: 'pulling', total: 10, done: 3, missing: 0, syncedAt: null })).toBe(
      'Haetaan asiakirjoja laitteelle: 3/10'
    );
    expect(readinessText({ phase: 'incomplete', total: 10, done: 0, missing: 1, syncedAt: null })).toBe(
      'Ei vielä valmis käyttöön ilman verkkoa: 1 asiakirja puuttuu laitteelta'
    );
    expect(readinessText({ phase: 'incomplete', total: 10, done: 0, missing: 4, syncedAt: AT })).toContain(
      '4 asiakirjaa puuttuu'
    );
    expect(readinessText({ phase: 'idle', total: 0, done: 0, missing: 0, syncedAt: null })).toBeNull();
    expect(readinessText({ phase: 'ready', total: 0, done: 0, missing: 0, syncedAt: AT })).toBe(
      'Valmis käyttöön ilman verkkoa: ei asiakirjoja synkronoitavana'
    );
  });
});
