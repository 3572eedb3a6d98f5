/** `GET /api/staff`: the staff directory that case pages need to name and assign colleagues. */
import type { Role } from './schemas.ts';

/** A staff role: every role but admin (admins manage accounts, not cases). */
export type StaffRole = Exclude<Role, 'admin'>;

/**
 * One colleague as the staff directory lists them. No username, language or login data: only
 * what a case page shows (a name on a team, an owner, who was present) and whether they may
 * still be assigned (`enabled`).
 */
export interface StaffMember {
  id: string;
  displayName: string;
  role: StaffRole;
  enabled: boolean;
}
