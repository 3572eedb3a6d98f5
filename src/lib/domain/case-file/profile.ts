/**
 * The profile: who the participant is to the team (name or alias, contact details), which work
 * packages they are in, how they were reached, and their consent. `displayName` and `alias` are
 * projected by the sync server into the directory under exactly these key names.
 */
import * as Y from 'yjs';
import type { IsoDate } from '../dates.ts';
import {
  readBoolean,
  readDate,
  readEnum,
  readNumber,
  readString,
  readText,
  writeField
} from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import { pushEpisode } from './episodes.ts';
import {
  CaseFileError,
  DISPLAY_NAME_MAX,
  invalid,
  LONG_TEXT_MAX,
  requireDate,
  requireEnum,
  requireText,
  SHORT_TEXT_MAX
} from './errors.ts';
import { CASE_FILE_SCHEMA_VERSION, metaMap, profileMap } from './shape.ts';
import {
  CONSENT_METHODS,
  REACHED_VIA,
  WORK_PACKAGES,
  type ConsentMethod,
  type ReachedVia,
  type WorkPackage
} from './vocabulary.ts';

/** Profile keys as stored. `displayName`/`alias` are read by the server's directory projection. */
export const PROFILE_KEYS = {
  displayName: 'displayName',
  alias: 'alias',
  phone: 'phone',
  email: 'email',
  contactNote: 'contactNote',
  reachedVia: 'reachedVia',
  consentDate: 'consentDate',
  consentNoticeVersion: 'consentNoticeVersion',
  consentMethod: 'consentMethod'
} as const;

/** Work packages are flat boolean keys (`workPackage.TP3`), so concurrent toggles never collide. */
export function workPackageKey(wp: WorkPackage): string {
  return `workPackage.${wp}`;
}

/** Consent to the processing and the information given (suostumus, tietosuojaseloste). */
export interface Consent {
  date: IsoDate;
  privacyNoticeVersion: string;
  method: ConsentMethod;
}

export interface Profile {
  /** Name or alias as the team uses it; never empty in a created case file. */
  displayName: string;
  alias: string | null;
  phone: string;
  email: string;
  /** How to reach the person ("prefers text messages", "via the prison's special instructor"). */
  contactNote: string;
  workPackages: WorkPackage[];
  reachedVia: ReachedVia | null;
  consent: Consent | null;
}

export interface CaseMeta {
  schemaVersion: number | null;
  createdAt: string | null;
  createdBy: string | null;
}

export interface ProfilePatch {
  displayName?: string;
  alias?: string | null;
  phone?: string;
  email?: string;
  contactNote?: string;
  reachedVia?: ReachedVia | null;
}

export interface NewCaseFile extends ProfilePatch {
  displayName: string;
  /** The day of first contact; opens the first episode with status `contacted`. */
  contactedOn: IsoDate;
  workPackages?: WorkPackage[];
  consent?: Consent | null;
}

function validatePatch(patch: ProfilePatch): Record<string, string | null | undefined> {
  const out: Record<string, string | null | undefined> = {};
  if (patch.displayName !== undefined) {
    out.displayName = requireText(patch.displayName, 'displayName', DISPLAY_NAME_MAX, { allowEmpty: false });
  }
  if (patch.alias !== undefined) {
    const alias = patch.alias === null ? '' : requireText(patch.alias, 'alias', DISPLAY_NAME_MAX);
    out.alias = alias === '' ? null : alias;
  }
  if (patch.phone !== undefined) out.phone = requireText(patch.phone, 'phone', SHORT_TEXT_MAX);
  if (patch.email !== undefined) out.email = requireText(patch.email, 'email', SHORT_TEXT_MAX);
  if (patch.contactNote !== undefined) {
    out.contactNote = requireText(patch.contactNote, 'contactNote', LONG_TEXT_MAX);
  }
  if (patch.reachedVia !== undefined) {
    out.reachedVia =
      patch.reachedVia === null ? null : requireEnum(patch.reachedVia, REACHED_VIA, 'reachedVia');
  }
  return out;
}

function validateConsent(consent: Consent): Consent {
  if (typeof consent !== 'object' || consent === null) throw invalid('consent', 'an object', consent);
  return {
    date: requireDate(consent.date, 'consent.date'),
    privacyNoticeVersion: requireText(consent.privacyNoticeVersion, 'consent.privacyNoticeVersion', 40, {
      allowEmpty: false
    }),
    method: requireEnum(consent.method, CONSENT_METHODS, 'consent.method')
  };
}

function writeConsent(map: Y.Map<unknown>, consent: Consent | null): void {
  writeField(map, PROFILE_KEYS.consentDate, consent?.date ?? null);
  writeField(map, PROFILE_KEYS.consentNoticeVersion, consent?.privacyNoticeVersion ?? null);
  writeField(map, PROFILE_KEYS.consentMethod, consent?.method ?? null);
}

/**
 * Fills a new, empty doc as a case file: meta, profile, and the first episode opened on
 * `contactedOn` (status `contacted`). Only the device that registers the participant calls it.
 * Throws `already_created` when the doc is already a case file, so a replayed registration
 * never adds a second first episode.
 */
export function createCaseFile(doc: Y.Doc, ctx: EditContext, init: NewCaseFile): void {
  if (metaMap(doc).has('createdAt')) {
    throw new CaseFileError('already_created', 'This doc is already a case file; open it instead.');
  }
  const fields = validatePatch(init);
  const contactedOn = requireDate(init.contactedOn, 'contactedOn');
  const workPackages = (init.workPackages ?? []).map((wp) => requireEnum(wp, WORK_PACKAGES, 'workPackages'));
  const consent = init.consent ? validateConsent(init.consent) : null;
  const episodeId = nextId(ctx);
  edit(doc, ctx, 'profile', () => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', CASE_FILE_SCHEMA_VERSION);
    meta.set('createdAt', ctx.now.toISOString());
    meta.set('createdBy', ctx.actor);
    const profile = profileMap(doc);
    for (const [key, value] of Object.entries(fields)) writeField(profile, key, value);
    for (const wp of workPackages) profile.set(workPackageKey(wp), true);
    writeConsent(profile, consent);
    pushEpisode(doc, episodeId, contactedOn);
  });
}

/** Sets the given profile fields (others untouched). Empty alias clears it. */
export function updateProfile(doc: Y.Doc, ctx: EditContext, patch: ProfilePatch): void {
  const fields = validatePatch(patch);
  edit(doc, ctx, 'profile', () => {
    const profile = profileMap(doc);
    for (const [key, value] of Object.entries(fields)) writeField(profile, key, value);
  });
}

/** Adds or removes the participant from a work package. */
export function setWorkPackage(doc: Y.Doc, ctx: EditContext, wp: WorkPackage, member: boolean): void {
  const key = workPackageKey(requireEnum(wp, WORK_PACKAGES, 'workPackage'));
  edit(doc, ctx, 'profile', () => writeField(profileMap(doc), key, member ? true : null));
}

/** Records (or with null clears) the consent and privacy-notice information. */
export function setConsent(doc: Y.Doc, ctx: EditContext, consent: Consent | null): void {
  const valid = consent === null ? null : validateConsent(consent);
  edit(doc, ctx, 'profile', () => writeConsent(profileMap(doc), valid));
}

export function readProfile(doc: Y.Doc): Profile {
  const p = profileMap(doc);
  const consentDate = readDate(p, PROFILE_KEYS.consentDate);
  const consentVersion = readString(p, PROFILE_KEYS.consentNoticeVersion);
  const consentMethod = readEnum(p, PROFILE_KEYS.consentMethod, CONSENT_METHODS);
  return {
    displayName: readText(p, PROFILE_KEYS.displayName),
    alias: readString(p, PROFILE_KEYS.alias) || null,
    phone: readText(p, PROFILE_KEYS.phone),
    email: readText(p, PROFILE_KEYS.email),
    contactNote: readText(p, PROFILE_KEYS.contactNote),
    workPackages: WORK_PACKAGES.filter((wp) => readBoolean(p, workPackageKey(wp))),
    reachedVia: readEnum(p, PROFILE_KEYS.reachedVia, REACHED_VIA),
    consent:
      consentDate && consentVersion && consentMethod
        ? { date: consentDate, privacyNoticeVersion: consentVersion, method: consentMethod }
        : null
  };
}

export function readMeta(doc: Y.Doc): CaseMeta {
  const m = metaMap(doc);
  return {
    schemaVersion: readNumber(m, 'schemaVersion'),
    createdAt: readString(m, 'createdAt'),
    createdBy: readString(m, 'createdBy')
  };
}
