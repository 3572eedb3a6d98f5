/**
 * The ESF+ indicator record of one case, for the server's projections and the manager's reports.
 *
 * - A case is an ESF+ participant only once the work has started (a start date exists). People
 *   who were contacted but never started are not participants and have no record.
 * - One record per case, however many episodes: a returning person is counted ONCE, with the
 *   entry data and first start date of the first start, and the exit date and results of the
 *   latest completed participation (`countedExitEpisode`). While they participate again the exit
 *   is pending (null).
 * - Results (EECR01–04) count when the situation held within 4 weeks after leaving: the result's
 *   date is on or before exit + 28 days. EECR05 (employed 6 months after leaving) comes from the
 *   6-month follow-up.
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { AgeBand } from '../age-bands.ts';
import { FOUR_WEEKS_DAYS } from './episodes.ts';
import type { CaseFile } from './read.ts';
import type { EducationLevel, ExitResult, Gender, LabourStatus } from './vocabulary.ts';

/** The ESF+ common result indicators upon leaving. */
export const RESULT_INDICATORS = ['EECR01', 'EECR02', 'EECR03', 'EECR04'] as const;
export type ResultIndicator = (typeof RESULT_INDICATORS)[number];

/** Which exit result each indicator counts. */
export const INDICATOR_OF_RESULT: Readonly<Record<Exclude<ExitResult, 'none'>, ResultIndicator>> = {
  'job-search': 'EECR01',
  education: 'EECR02',
  qualification: 'EECR03',
  employment: 'EECR04'
};

export interface EsfEntryRecord {
  startDate: IsoDate;
  gender: Gender | null;
  ageBand: AgeBand | null;
  labourStatus: LabourStatus | null;
  longTermUnemployed: boolean;
  education: EducationLevel | null;
  euraStartDone: boolean;
}

export interface EsfExitRecord {
  exitDate: IsoDate;
  results: Record<ResultIndicator, boolean>;
  /** True when a result (or `none`) has been recorded for this exit at all. */
  resultsRecorded: boolean;
  euraEndDone: boolean;
  /** EECR05: employed at the 6-month follow-up; null until asked. */
  employedAtSixMonths: boolean | null;
}

export interface EsfIndicatorRecord {
  entry: EsfEntryRecord;
  exit: EsfExitRecord | null;
  /** Started episodes (2+ means the person returned); the record still counts once. */
  participations: number;
}

/** The case's ESF+ record, or null when the work never started (not an ESF+ participant). */
export function esfIndicatorRecord(file: CaseFile): EsfIndicatorRecord | null {
  const e = file.entry;
  if (e.startDate === null) return null;
  const x = file.countedExit;
  let exit: EsfExitRecord | null = null;
  if (x && x.exitDate) {
    const deadline = addDays(x.exitDate, FOUR_WEEKS_DAYS);
    const results = { EECR01: false, EECR02: false, EECR03: false, EECR04: false };
    for (const [result, indicator] of Object.entries(INDICATOR_OF_RESULT) as Array<
      [Exclude<ExitResult, 'none'>, ResultIndicator]
    >) {
      const held = x.results[result];
      results[indicator] = held !== undefined && held <= deadline;
    }
    exit = {
      exitDate: x.exitDate,
      results,
      resultsRecorded: Object.keys(x.results).length > 0,
      euraEndDone: x.euraEndDone,
      employedAtSixMonths: x.employedAtSixMonths
    };
  }
  return {
    entry: {
      startDate: e.startDate,
      gender: e.gender,
      ageBand: e.ageBand,
      labourStatus: e.labourStatus,
      longTermUnemployed: e.longTermUnemployed,
      education: e.education,
      euraStartDone: e.euraStartDone
    },
    exit,
    participations: file.episodes.filter((ep) => ep.startDate !== null).length
  };
}

/** Counts per value, with `missing` for unrecorded values (so gaps show in the report). */
export type Breakdown<K extends string> = Record<K | 'missing', number>;

export interface IndicatorTotals {
  participants: number;
  gender: Breakdown<Gender>;
  ageBand: Breakdown<AgeBand>;
  labourStatus: Breakdown<LabourStatus>;
  longTermUnemployed: number;
  education: Breakdown<EducationLevel>;
  leavers: number;
  results: Record<ResultIndicator, number>;
  employedAtSixMonths: number;
}

function tally<K extends string>(keys: readonly K[], values: Array<K | null>): Breakdown<K> {
  const out = { missing: 0 } as Breakdown<K>;
  for (const k of keys) out[k] = 0;
  for (const v of values) out[v ?? 'missing'] += 1;
  return out;
}

/** Totals over records (one per case, so nobody is counted twice). */
export function aggregateIndicators(records: readonly EsfIndicatorRecord[]): IndicatorTotals {
  const entries = records.map((r) => r.entry);
  const exits = records.flatMap((r) => (r.exit ? [r.exit] : []));
  const results = { EECR01: 0, EECR02: 0, EECR03: 0, EECR04: 0 };
  for (const x of exits) for (const i of RESULT_INDICATORS) if (x.results[i]) results[i] += 1;
  return {
    participants: records.length,
    gender: tally(
      ['woman', 'man', 'non-binary', 'not-stated'],
      entries.map((e) => e.gender)
    ),
    ageBand: tally(
      ['under-18', '18-29', '30-54', '55-plus'],
      entries.map((e) => e.ageBand)
    ),
    labourStatus: tally(
      ['unemployed', 'inactive', 'employed'],
      entries.map((e) => e.labourStatus)
    ),
    longTermUnemployed: entries.filter((e) => e.longTermUnemployed).length,
    education: tally(
      ['isced-0-2', 'isced-3-4', 'isced-5-8', 'not-stated'],
      entries.map((e) => e.education)
    ),
    leavers: exits.length,
    results,
    employedAtSixMonths: exits.filter((x) => x.employedAtSixMonths === true).length
  };
}
