/**
 * The register's search, filters and order, as a pure function over directory rows and the case
 * snapshots the device has, so it is tested without a browser.
 */
import type { ParticipantSummary } from '$lib/api/schemas';
import type { CaseFile, CaseStatus, NextAction, WorkPackage } from '$lib/domain/case-file';
import { nextAction } from '$lib/domain/case-file';
import { daysBetween } from '$lib/domain/dates';

export interface RegisterFilter {
  /** Matches the name or the alias, case- and accent-insensitively. */
  query: string;
  workPackage: WorkPackage | '';
  status: CaseStatus | '';
  /** A staff user id on the team (worker or expert). */
  staffId: string;
  /** Release within this many days from today (today included); null: no filter. */
  releaseWithinDays: number | null;
}

export const EMPTY_FILTER: RegisterFilter = {
  query: '',
  workPackage: '',
  status: '',
  staffId: '',
  releaseWithinDays: null
};

export interface RegisterRow {
  summary: ParticipantSummary;
  /** Null when the case doc is not on this device (or the user is not on the team). */
  file: CaseFile | null;
  /** From the doc on this device, else from the server's projection. */
  status: CaseStatus | null;
  workPackages: WorkPackage[];
  releaseDate: string | null;
  next: NextAction | null;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fi');
}

/**
 * The register fields of a row: read from the case doc when the device has it (it is the
 * freshest), else from what the server projected into the directory (a coordinator off the
 * team, a doc not yet pulled).
 */
function registerFields(summary: ParticipantSummary, file: CaseFile | null, today: string) {
  if (file) {
    return {
      status: file.status,
      workPackages: file.profile.workPackages,
      releaseDate: file.release.releaseDate,
      next: nextAction(file, today)
    };
  }
  return {
    status: summary.status ?? null,
    workPackages: summary.workPackages ?? [],
    releaseDate: summary.releaseDate ?? null,
    next:
      summary.nextActionDate && summary.nextActionKind
        ? { date: summary.nextActionDate, kind: summary.nextActionKind }
        : null
  };
}

/**
 * The rows that pass the filter, sorted by next action (earliest first; none last), then by
 * name. A row whose status, work packages or release date nobody knows yet is left out by a
 * filter on that field.
 */
export function registerRows(
  participants: readonly ParticipantSummary[],
  files: ReadonlyMap<string, CaseFile>,
  filter: RegisterFilter,
  today: string
): RegisterRow[] {
  const q = fold(filter.query.trim());
  const rows: RegisterRow[] = [];
  for (const summary of participants) {
    const file = files.get(summary.id) ?? null;
    if (q) {
      const names = [
        summary.displayName,
        summary.alias ?? '',
        file?.profile.displayName ?? '',
        file?.profile.alias ?? ''
      ];
      if (!names.some((n) => fold(n).includes(q))) continue;
    }
    if (filter.staffId && ![...summary.team.workers, ...summary.team.experts].includes(filter.staffId))
      continue;
    const fields = registerFields(summary, file, today);
    if (filter.workPackage && !fields.workPackages.includes(filter.workPackage)) continue;
    if (filter.status && fields.status !== filter.status) continue;
    if (filter.releaseWithinDays !== null) {
      const rd = fields.releaseDate;
      if (!rd) continue;
      const days = daysBetween(today, rd);
      if (days < 0 || days > filter.releaseWithinDays) continue;
    }
    rows.push({ summary, file, ...fields });
  }
  return rows.sort((a, b) => {
    const ad = a.next?.date ?? '9999-12-31';
    const bd = b.next?.date ?? '9999-12-31';
    if (ad !== bd) return ad < bd ? -1 : 1;
    return a.summary.displayName.localeCompare(b.summary.displayName, 'fi');
  });
}
