/**
 * The app's main areas and who sees them. The server enforces every rule; this only decides
 * what the UI offers, so that nobody is shown a door that will not open.
 */
import type { Pathname } from '$app/types';
import type { Role } from '$lib/api/schemas';

export type AreaId = 'home' | 'participants' | 'groups' | 'outreach' | 'reports' | 'admin';

export interface Area {
  id: AreaId;
  /** Path of the area's start page; every page under it belongs to the area. */
  path: Pathname;
  roles: readonly Role[];
}

const STAFF: readonly Role[] = ['coordinator', 'worker', 'expert'];

/** The main navigation, in display order. */
export const AREAS: readonly Area[] = [
  // The home view (reminders) is where staff land; the area is the start page alone.
  { id: 'home', path: '/', roles: STAFF },
  { id: 'participants', path: '/participants', roles: STAFF },
  { id: 'groups', path: '/groups', roles: STAFF },
  { id: 'outreach', path: '/outreach', roles: STAFF },
  { id: 'reports', path: '/reports', roles: ['coordinator'] },
  { id: 'admin', path: '/admin', roles: ['admin'] }
];

/** Pages outside the app shell: first-run setup, login and the forced password change. */
export const PUBLIC_PATHS = {
  setup: '/setup',
  login: '/login',
  changePassword: '/change-password'
} as const satisfies Record<string, Pathname>;

/** Pages every logged-in user may open. */
export const SETTINGS_PATH: Pathname = '/settings';

/** The areas a role sees in the navigation. */
export function areasFor(role: Role): Area[] {
  return AREAS.filter((area) => area.roles.includes(role));
}

/** Where a user lands after login: their first area (admins: Admin). */
export function homePath(role: Role): Pathname {
  return areasFor(role)[0]?.path ?? SETTINGS_PATH;
}

/** The area a path belongs to, if any. */
export function areaOf(pathname: string): Area | undefined {
  return AREAS.find(
    (area) => pathname === area.path || (area.path !== '/' && pathname.startsWith(area.path + '/'))
  );
}

/** Whether a role may open a path. Paths outside the areas (settings) are open to every role. */
export function canOpen(role: Role, pathname: string): boolean {
  const area = areaOf(pathname);
  return area === undefined || area.roles.includes(role);
}
