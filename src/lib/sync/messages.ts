/**
 * The sync layer's user-facing texts, Finnish first. They live here until the app's i18n module
 * (src/lib/i18n) can take them over: components accept a `t` function with the same keys, so the
 * move needs no change to them.
 */
import type { AppStatus, DocStatus } from './status.ts';

export type SyncLanguage = 'fi' | 'en';

const fi = {
  'sync.label': 'Synkronoinnin tila',
  'sync.idle': 'Verkossa',
  'sync.offline': 'Ei yhteyttä palvelimeen',
  'sync.connecting': 'Yhdistetään…',
  'sync.syncing': 'Synkronoidaan…',
  'sync.saved': 'Kaikki muutokset tallennettu palvelimelle',
  'sync.pending.one': '1 muutos ei vielä palvelimella',
  'sync.pending.many': '{n} muutosta ei vielä palvelimella',
  'sync.unverified': 'Laitteen muutoksia ei ole vielä vahvistettu palvelimelta',
  'sync.sessionExpired': 'Istunto päättyi. Kirjaudu uudelleen – muutoksesi eivät katoa.',
  'sync.forbidden': 'Sinulla ei ole enää pääsyä tähän asiakirjaan',
  'sync.forbiddenDocs': 'Pääsy poistettu {n} asiakirjaan',
  'sync.error': 'Palvelin ei hyväksynyt muutosta (virhe {code})',
  'sync.error.tooLarge': 'Muutos on liian suuri tallennettavaksi palvelimelle',
  'sync.error.notFound': 'Asiakirjaa ei löydy palvelimelta',
  'sync.errorDocs': 'Virhe {n} asiakirjan synkronoinnissa',
  'sync.readOnly': 'Vain luku: muutoksiasi ei tallenneta palvelimelle',
  'sync.deviceError': 'Tallennus tälle laitteelle epäonnistui',
  'sync.quarantined': '{n} tallennetta tällä laitteella ei voitu lukea',
  'sync.login': 'Kirjaudu uudelleen',
  'sync.retry': 'Yritä uudelleen',
  'presence.label': 'Paikalla nyt',
  'presence.you': '{name} (sinä)',
  'presence.devices': '{name}, {n} laitetta',
  'presence.more': '+{n}',
  'presence.moreLabel': 'ja {n} muuta: {names}'
} as const;

export type SyncMessageKey = keyof typeof fi;

const en: Record<SyncMessageKey, string> = {
  'sync.label': 'Sync status',
  'sync.idle': 'Online',
  'sync.offline': 'Not connected to the server',
  'sync.connecting': 'Connecting…',
  'sync.syncing': 'Syncing…',
  'sync.saved': 'All changes saved to server',
  'sync.pending.one': '1 change not yet on the server',
  'sync.pending.many': '{n} changes not yet on the server',
  'sync.unverified': 'Changes on this device not yet confirmed by the server',
  'sync.sessionExpired': 'Your session ended. Log in again – your changes are not lost.',
  'sync.forbidden': 'You no longer have access to this document',
  'sync.forbiddenDocs': 'Access removed to {n} documents',
  'sync.error': 'The server did not accept a change (error {code})',
  'sync.error.tooLarge': 'A change is too large to save on the server',
  'sync.error.notFound': 'The document was not found on the server',
  'sync.errorDocs': 'Sync error in {n} documents',
  'sync.readOnly': 'Read only: your changes are not saved to the server',
  'sync.deviceError': 'Saving on this device failed',
  'sync.quarantined': '{n} records on this device could not be read',
  'sync.login': 'Log in again',
  'sync.retry': 'Try again',
  'presence.label': 'Here now',
  'presence.you': '{name} (you)',
  'presence.devices': '{name}, {n} devices',
  'presence.more': '+{n}',
  'presence.moreLabel': 'and {n} more: {names}'
};

export const SYNC_MESSAGES: Record<SyncLanguage, Record<SyncMessageKey, string>> = { fi, en };

/** Looks up a text and fills `{name}` placeholders. */
export type Translate = (key: SyncMessageKey, params?: Record<string, string | number>) => string;

/** A translator over SYNC_MESSAGES. */
export function syncTranslator(language: SyncLanguage = 'fi'): Translate {
  const table = SYNC_MESSAGES[language];
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole
    );
}

function pendingText(count: number, t: Translate): string {
  return count === 1 ? t('sync.pending.one') : t('sync.pending.many', { n: count });
}

function errorText(code: number | null, t: Translate): string {
  if (code === 4413) return t('sync.error.tooLarge');
  if (code === 404) return t('sync.error.notFound');
  return t('sync.error', { code: code ?? '?' });
}

function isDocStatus(status: AppStatus | DocStatus): status is DocStatus {
  return 'connection' in status;
}

/**
 * The main line of the status: what the user needs to know first. While offline, the number of
 * changes not yet on the server is part of it.
 */
export function statusHeadline(status: AppStatus | DocStatus, t: Translate): string {
  switch (status.kind) {
    case 'idle':
      return t('sync.idle');
    case 'offline':
      return status.pending > 0
        ? `${t('sync.offline')} · ${pendingText(status.pending, t)}`
        : t('sync.offline');
    case 'connecting':
      return t('sync.connecting');
    case 'syncing':
      return t('sync.syncing');
    case 'saved':
      return t('sync.saved');
    case 'unsaved':
      return pendingText(status.pending, t);
    case 'session-expired':
      return t('sync.sessionExpired');
    case 'forbidden':
      return isDocStatus(status) ? t('sync.forbidden') : t('sync.forbiddenDocs', { n: status.forbidden });
    case 'error':
      return isDocStatus(status) ? errorText(status.errorCode, t) : t('sync.errorDocs', { n: status.errors });
  }
}

/** Secondary facts worth showing beside the headline (each a short sentence). */
export function statusDetails(status: AppStatus | DocStatus, t: Translate): string[] {
  const details: string[] = [];
  if (status.unverified && status.kind !== 'syncing') details.push(t('sync.unverified'));
  if (status.deviceError) details.push(t('sync.deviceError'));
  if (isDocStatus(status)) {
    if (status.readOnly) details.push(t('sync.readOnly'));
    if (status.quarantined > 0) details.push(t('sync.quarantined', { n: status.quarantined }));
  } else {
    if (status.forbidden > 0 && status.kind !== 'forbidden') {
      details.push(t('sync.forbiddenDocs', { n: status.forbidden }));
    }
    if (status.errors > 0 && status.kind !== 'error') details.push(t('sync.errorDocs', { n: status.errors }));
  }
  return details;
}

/**
 * What a screen reader should hear, or null for states that change too often to announce
 * (connecting, syncing, and the pending count while typing online).
 */
export function statusAnnouncement(status: AppStatus | DocStatus, t: Translate): string | null {
  switch (status.kind) {
    case 'offline':
    case 'saved':
    case 'session-expired':
    case 'forbidden':
    case 'error':
      return status.kind === 'offline' ? t('sync.offline') : statusHeadline(status, t);
    default:
      return null;
  }
}
