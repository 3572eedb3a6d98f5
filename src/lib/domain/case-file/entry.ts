/**
 * Entry data (aloitustiedot): only what the ESF+ indicators need, recorded at entry and kept from
 * the FIRST start when a person returns. No date of birth and never a personal identity code:
 * the birth year gives the age band. The start date is not stored here but read from the
 * episodes (the first start), so there is one truth for it.
 *
 * Keys of the root map `entry`: gender, birthYear, labourStatus, longTermUnemployed, education,
 * euraStartDone, euraStartDate.
 */
import type * as Y from 'yjs';
import { ageBand, isPlausibleBirthYear, type AgeBand } from '../age-bands.ts';
import { dateInTimeZone, type IsoDate } from '../dates.ts';
import { readBoolean, readDate, readEnum, readNumber, writeField } from '../y-fields.ts';
import { edit, type EditContext } from './context.ts';
import { CaseFileError, optionalDate, requireEnum } from './errors.ts';
import { entryMap } from './shape.ts';
import {
  EDUCATION_LEVELS,
  GENDERS,
  LABOUR_STATUSES,
  type EducationLevel,
  type Gender,
  type LabourStatus
} from './vocabulary.ts';

export interface EntryData {
  /** The first ESF+ start date (from the episodes); null before the work starts. */
  startDate: IsoDate | null;
  gender: Gender | null;
  birthYear: number | null;
  /** At the first start date; null when either is missing. */
  ageBand: AgeBand | null;
  labourStatus: LabourStatus | null;
  /** Only ever true with `labourStatus: 'unemployed'`. */
  longTermUnemployed: boolean;
  education: EducationLevel | null;
  euraStartDone: boolean;
  euraStartDate: IsoDate | null;
}

export interface EntryPatch {
  gender?: Gender | null;
  birthYear?: number | null;
  labourStatus?: LabourStatus | null;
  longTermUnemployed?: boolean;
  education?: EducationLevel | null;
  euraStartDone?: boolean;
  euraStartDate?: IsoDate | null;
}

/** The entry fields ESF+ needs; {@link missingEntryFields} lists the ones still empty. */
export const REQUIRED_ENTRY_FIELDS = [
  'startDate',
  'gender',
  'birthYear',
  'labourStatus',
  'education'
] as const;
export type RequiredEntryField = (typeof REQUIRED_ENTRY_FIELDS)[number];

/**
 * Sets the given entry fields. Validates everything first (birth year plausible at `ctx.now`;
 * long-term unemployment only with `unemployed`); changing the labour status away from
 * unemployed clears the long-term flag in the same transaction.
 */
export function updateEntry(doc: Y.Doc, ctx: EditContext, patch: EntryPatch): void {
  const map = entryMap(doc);
  const writes: Array<[string, string | number | boolean | null]> = [];
  if (patch.gender !== undefined) {
    writes.push(['gender', patch.gender === null ? null : requireEnum(patch.gender, GENDERS, 'gender')]);
  }
  if (patch.birthYear !== undefined) {
    if (patch.birthYear !== null && !isPlausibleBirthYear(patch.birthYear, dateInTimeZone(ctx.now))) {
      throw new CaseFileError(
        'invalid_birth_year',
        `birthYear: expected a four-digit year of a living person, got ${JSON.stringify(patch.birthYear)}`,
        'birthYear'
      );
    }
    writes.push(['birthYear', patch.birthYear]);
  }
  let labour = readEnum(map, 'labourStatus', LABOUR_STATUSES);
  if (patch.labourStatus !== undefined) {
    labour =
      patch.labourStatus === null ? null : requireEnum(patch.labourStatus, LABOUR_STATUSES, 'labourStatus');
    writes.push(['labourStatus', labour]);
    if (labour !== 'unemployed' && patch.longTermUnemployed === undefined)
      writes.push(['longTermUnemployed', null]);
  }
  if (patch.longTermUnemployed !== undefined) {
    if (patch.longTermUnemployed && labour !== 'unemployed') {
      throw new CaseFileError(
        'invalid_value',
        'longTermUnemployed: only an unemployed person can be long-term unemployed',
        'longTermUnemployed'
      );
    }
    writes.push(['longTermUnemployed', patch.longTermUnemployed ? true : null]);
  }
  if (patch.education !== undefined) {
    writes.push([
      'education',
      patch.education === null ? null : requireEnum(patch.education, EDUCATION_LEVELS, 'education')
    ]);
  }
  if (patch.euraStartDone !== undefined) {
    writes.push(['euraStartDone', patch.euraStartDone ? true : null]);
    if (!patch.euraStartDone) writes.push(['euraStartDate', null]);
  }
  if (patch.euraStartDate !== undefined && patch.euraStartDone !== false) {
    writes.push(['euraStartDate', optionalDate(patch.euraStartDate, 'euraStartDate')]);
  }
  edit(doc, ctx, 'entry', () => {
    for (const [key, value] of writes) writeField(map, key, value);
  });
}

/** The entry data; `startDate` comes from the episodes (pass the first start date). */
export function readEntry(doc: Y.Doc, startDate: IsoDate | null): EntryData {
  const m = entryMap(doc);
  const birthYear = readNumber(m, 'birthYear');
  const labourStatus = readEnum(m, 'labourStatus', LABOUR_STATUSES);
  let band: AgeBand | null = null;
  if (birthYear !== null && startDate !== null && isPlausibleBirthYear(birthYear, startDate)) {
    band = ageBand(birthYear, startDate);
  }
  return {
    startDate,
    gender: readEnum(m, 'gender', GENDERS),
    birthYear,
    ageBand: band,
    labourStatus,
    longTermUnemployed: labourStatus === 'unemployed' && readBoolean(m, 'longTermUnemployed'),
    education: readEnum(m, 'education', EDUCATION_LEVELS),
    euraStartDone: readBoolean(m, 'euraStartDone'),
    euraStartDate: readDate(m, 'euraStartDate')
  };
}

/** Entry fields the indicators need that are still empty, in form order. */
export function missingEntryFields(entry: EntryData): RequiredEntryField[] {
  return REQUIRED_ENTRY_FIELDS.filter((f) => entry[f] === null);
}
