/**
 * The staff directory: names and roles of the coordinators, workers and experts, for the case
 * pages (a team, a step's owner, who was at a meeting) and for assigning people to a case.
 *
 * Who may read it: every staff role (coordinator, worker, expert). Colleagues' names are not
 * client data, and an expert needs them to read the team of the cases they work on. Admins get
 * 403: they have the full account list (`GET /api/users`) and no case work. Disabled users stay
 * in the list, marked `enabled: false`, so that old entries still show a name; the UI offers
 * only enabled ones for assignment.
 */
import type { StaffMember, StaffRole } from '../../src/lib/api/staff.ts';
import type { ApiRouter } from '../context.ts';
import type { UserRecord } from '../store/types.ts';

const STAFF_ROLES: readonly StaffRole[] = ['coordinator', 'worker', 'expert'];

function isStaff(user: UserRecord): user is UserRecord & { role: StaffRole } {
  return (STAFF_ROLES as readonly string[]).includes(user.role);
}

export function toStaffMember(user: UserRecord & { role: StaffRole }): StaffMember {
  return { id: user.id, displayName: user.displayName, role: user.role, enabled: !user.disabled };
}

export function registerStaffRoutes(router: ApiRouter): void {
  router.add('GET', '/api/staff', async ({ req, deps }) => {
    await deps.auth.requireRole(req, ...STAFF_ROLES);
    const users = await deps.store.users.list();
    const staff = users
      .filter(isStaff)
      .map(toStaffMember)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
    return { status: 200, body: staff };
  });
}
