/**
 * Referrals (ohjaus ja saattaminen). `referrals` is a root Y.Array of Y.Map:
 * {id, service, serviceOther, date, accompanied, status, outcome, createdAt, createdBy}.
 * `outcome` is internal: it is never printed for the participant.
 */
import * as Y from 'yjs';
import type { IsoDate } from '../dates.ts';
import {
  findById,
  mapsOf,
  readBoolean,
  readDate,
  readEnum,
  readString,
  readText,
  writeField,
  type YRecord
} from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import { LONG_TEXT_MAX, notFound, optionalDate, requireEnum, requireText, SHORT_TEXT_MAX } from './errors.ts';
import { referralsArray } from './shape.ts';
import {
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
  type ReferralService,
  type ReferralStatus
} from './vocabulary.ts';

export interface Referral {
  id: string;
  service: ReferralService;
  /** The service's name when `service` is `other` (or a more exact name for any service). */
  serviceOther: string;
  date: IsoDate | null;
  /** Whether a worker or expert went along (saattaen). */
  accompanied: boolean;
  status: ReferralStatus;
  outcome: string;
  createdAt: string | null;
  createdBy: string | null;
}

export interface NewReferral {
  service: ReferralService;
  serviceOther?: string;
  date?: IsoDate | null;
  accompanied?: boolean;
  status?: ReferralStatus;
  outcome?: string;
}

interface ValidReferral {
  service?: ReferralService;
  serviceOther?: string;
  date?: IsoDate | null;
  accompanied?: boolean;
  status?: ReferralStatus;
  outcome?: string;
}

function validate(r: Partial<NewReferral>): ValidReferral {
  return {
    service: r.service === undefined ? undefined : requireEnum(r.service, REFERRAL_SERVICES, 'service'),
    serviceOther:
      r.serviceOther === undefined ? undefined : requireText(r.serviceOther, 'serviceOther', SHORT_TEXT_MAX),
    date: r.date === undefined ? undefined : optionalDate(r.date, 'date'),
    accompanied: r.accompanied,
    status: r.status === undefined ? undefined : requireEnum(r.status, REFERRAL_STATUSES, 'status'),
    outcome: r.outcome === undefined ? undefined : requireText(r.outcome, 'outcome', LONG_TEXT_MAX)
  };
}

function write(m: YRecord, v: ValidReferral): void {
  writeField(m, 'service', v.service);
  writeField(m, 'serviceOther', v.serviceOther);
  if (v.date !== undefined) writeField(m, 'date', v.date);
  if (v.accompanied !== undefined) writeField(m, 'accompanied', v.accompanied ? true : null);
  writeField(m, 'status', v.status);
  writeField(m, 'outcome', v.outcome);
}

/** Adds a referral (default status `planned`); returns its id. */
export function addReferral(doc: Y.Doc, ctx: EditContext, referral: NewReferral): string {
  const v = validate({ status: 'planned', ...referral });
  const id = nextId(ctx);
  edit(doc, ctx, 'referrals', () => {
    const m = new Y.Map<unknown>();
    referralsArray(doc).push([m]);
    m.set('id', id);
    write(m, v);
    m.set('createdAt', ctx.now.toISOString());
    m.set('createdBy', ctx.actor);
  });
  return id;
}

export function updateReferral(doc: Y.Doc, ctx: EditContext, id: string, patch: Partial<NewReferral>): void {
  const v = validate(patch);
  const found = findById(referralsArray(doc), id);
  if (!found) throw notFound('referral', id);
  edit(doc, ctx, 'referrals', () => write(found.map, v));
}

export function removeReferral(doc: Y.Doc, ctx: EditContext, id: string): void {
  const arr = referralsArray(doc);
  const found = findById(arr, id);
  if (!found) throw notFound('referral', id);
  edit(doc, ctx, 'referrals', () => arr.delete(found.index, 1));
}

export function readReferrals(doc: Y.Doc): Referral[] {
  return mapsOf(referralsArray(doc)).flatMap((m) => {
    const id = readString(m, 'id');
    if (id === null) return [];
    return [
      {
        id,
        service: readEnum(m, 'service', REFERRAL_SERVICES) ?? 'other',
        serviceOther: readText(m, 'serviceOther'),
        date: readDate(m, 'date'),
        accompanied: readBoolean(m, 'accompanied'),
        status: readEnum(m, 'status', REFERRAL_STATUSES) ?? 'planned',
        outcome: readText(m, 'outcome'),
        createdAt: readString(m, 'createdAt'),
        createdBy: readString(m, 'createdBy')
      }
    ];
  });
}
