/**
 * Who a team picker lists in each team list (workers, experts): the staff who may be chosen,
 * and every member the team already has, even one the staff list cannot offer (an account
 * since disabled, one the device's staff list does not know, one whose role changed). A team
 * member who is not shown cannot be taken off, and the server refuses a team that keeps a
 * disabled account, so every member must be listed, and say why they cannot be chosen again.
 */
import type { StaffMember, StaffRole } from '$lib/api/staff';

/** A team list as the API names it. */
export type TeamList = 'workers' | 'experts';

/** The account roles that may hold each team list (the server checks the same). */
export const TEAM_LIST_ROLES: Readonly<Record<TeamList, readonly StaffRole[]>> = {
  workers: ['worker', 'coordinator'],
  experts: ['expert']
};

/**
 * One row of a team list. `staff`: from the staff list, can be chosen. `disabled`: a member whose
 * account is disabled (can be taken off, not added). `unlisted`: a member the staff list does
 * not offer for this list (unknown here, or another role); `name` is null when unknown.
 */
export interface TeamChoice {
  id: string;
  name: string | null;
  kind: 'staff' | 'disabled' | 'unlisted';
}

/**
 * The rows of `list`: the enabled staff of its roles (in the staff list's order), the disabled
 * ones among `members`, then the other `members` in their order. `members` are the ids the team
 * holds or held while the picker was open, so that a member taken off stays listed (and can be
 * put back) until the team is saved.
 */
export function teamChoices(
  staff: readonly StaffMember[],
  list: TeamList,
  members: readonly string[]
): TeamChoice[] {
  const roles = TEAM_LIST_ROLES[list];
  const isMember = new Set(members);
  const rows: TeamChoice[] = staff
    .filter((s) => roles.includes(s.role) && (s.enabled || isMember.has(s.id)))
    .map((s) => ({ id: s.id, name: s.displayName, kind: s.enabled ? 'staff' : 'disabled' }));
  const listed = new Set(rows.map((r) => r.id));
  for (const id of new Set(members)) {
    if (listed.has(id)) continue;
    rows.push({ id, name: staff.find((s) => s.id === id)?.displayName ?? null, kind: 'unlisted' });
  }
  return rows;
}
