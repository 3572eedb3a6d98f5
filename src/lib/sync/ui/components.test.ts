import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { syncTranslator } from '../messages.ts';
import { presentUsers } from '../presence.ts';
import { docStatus } from '../status.ts';
import Presence from './Presence.svelte';
import SyncStatus from './SyncStatus.svelte';

describe('SyncStatus', () => {
  it('shows the headline with an empty polite live region at first', () => {
    const status = docStatus({
      connection: 'online',
      pending: { count: 2, unverified: false },
      networkOnline: true
    });
    const { body } = render(SyncStatus, { props: { status, t: syncTranslator('en') } });
    expect(body).toContain('2 changes not yet on the server');
    expect(body).toMatch(/role="status" aria-live="polite" aria-atomic="true"><\/span>/);
    expect(body).toContain('data-kind="unsaved"');
  });

  it('offers a login button when the session ended, in Finnish by default', () => {
    const status = docStatus({
      connection: 'session-expired',
      pending: { count: 1, unverified: false },
      networkOnline: true
    });
    const { body } = render(SyncStatus, { props: { status, onLogin: () => {} } });
    expect(body).toContain('Kirjaudu uudelleen');
    expect(body).toContain('Istunto päättyi');
  });

  it('offers retry only for errors', () => {
    const error = docStatus({
      connection: 'error',
      pending: { count: 0, unverified: false },
      networkOnline: true,
      errorCode: 4400
    });
    const ok = docStatus({
      connection: 'online',
      pending: { count: 0, unverified: false },
      networkOnline: true
    });
    expect(render(SyncStatus, { props: { status: error, onRetry: () => {} } }).body).toContain(
      'Yritä uudelleen'
    );
    expect(render(SyncStatus, { props: { status: ok, onRetry: () => {} } }).body).not.toContain(
      'Yritä uudelleen'
    );
  });
});

describe('SyncStatus: a doc the server refuses', () => {
  const refused = (connection: 'forbidden' | 'error', errorCode: number | null) =>
    docStatus({ connection, pending: { count: 0, unverified: false }, networkOnline: true, errorCode });

  it.each([
    ['fi', 'Ei pääsyä tähän asiakirjaan. Tarkistetaan uudelleen…', 'Asiakirjaa ei löydy palvelimelta'],
    ['en', 'No access to this document. Checking again…', 'The document was not found on the server']
  ] as const)('says no access or not found (%s), never connecting', (language, noAccess, notFound) => {
    const t = syncTranslator(language);
    const forbidden = render(SyncStatus, { props: { status: refused('forbidden', null), t } }).body;
    expect(forbidden).toContain(noAccess);
    expect(forbidden).toContain('data-kind="forbidden"');
    const missing = render(SyncStatus, { props: { status: refused('error', 404), t } }).body;
    expect(missing).toContain(notFound);
    expect(missing).not.toContain(t('sync.connecting'));
  });
});

describe('Presence', () => {
  const states = new Map<number, unknown>([
    [1, { user: { id: 'me', name: 'Minna Ohjaaja' } }],
    [2, { user: { id: 'ex', name: 'Kalle Kokemus' } }],
    [3, { user: { id: 'ex', name: 'Kalle Kokemus' } }],
    [4, { user: { id: 'c', name: 'Aino Aalto' } }]
  ]);

  it('lists everyone with initials, colour and a name for screen readers', () => {
    const { body } = render(Presence, { props: { users: presentUsers(states, 1), t: syncTranslator('en') } });
    expect(body).toContain('aria-label="Here now"');
    expect(body).toContain('Minna Ohjaaja (you)');
    expect(body).toContain('Kalle Kokemus, 2 devices');
    expect(body).toMatch(/aria-hidden="true">MO</);
    expect(body).toMatch(/--avatar-color: #[0-9A-F]{6}/);
  });

  it('folds the rest into +N with their names', () => {
    const { body } = render(Presence, { props: { users: presentUsers(states, 1), max: 1 } });
    expect(body).toContain('+2');
    expect(body).toContain('ja 2 muuta: Aino Aalto, Kalle Kokemus, 2 laitetta');
  });

  it('renders nothing when no one is here', () => {
    expect(render(Presence, { props: { users: [] } }).body).not.toContain('<ul');
  });
});
