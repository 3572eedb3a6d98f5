/**
 * The sync layer's user-facing texts. They live in the app's catalogues
 * (src/lib/i18n/messages/fi-device.ts and en-device.ts); the app passes its own `t` to the
 * components. This module keeps a standalone translator over the same texts, for code and tests
 * that run without the app's i18n.
 */
import { enDevice } from '../i18n/messages/en-device.ts';
import { fiDevice } from '../i18n/messages/fi-device.ts';
import type { AppStatus, DocStatus } from './status.ts';

export type SyncLanguage = 'fi' | 'en';

const SYNC_KEYS = [
  'sync.label',
  'sync.idle',
  'sync.offline',
  'sync.connecting',
  'sync.syncing',
  'sync.saved',
  'sync.pending.one',
  'sync.pending.many',
  'sync.unverified',
  'sync.sessionExpired',
  'sync.forbidden',
  'sync.forbiddenDocs',
  'sync.error',
  'sync.error.tooLarge',
  'sync.error.notFound',
  'sync.errorDocs',
  'sync.readOnly',
  'sync.deviceError',
  'sync.quarantined',
  'sync.login',
  'sync.retry',
  'presence.label',
  'presence.you',
  'presence.devices',
  'presence.more',
  'presence.moreLabel'
] as const satisfies readonly (keyof typeof fiDevice)[];

export type SyncMessageKey = (typeof SYNC_KEYS)[number];

function pick(table: Record<SyncMessageKey, string>): Record<SyncMessageKey, string> {
  return Object.fromEntries(SYNC_KEYS.map((key) => [key, table[key]])) as Record<SyncMessageKey, string>;
}

export const SYNC_MESSAGES: Record<SyncLanguage, Record<SyncMessageKey, string>> = {
  fi: pick(fiDevice),
  en: pick(enDevice)
};

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
