/**
 * Who may open which document, and how. The directory is the only source: a case doc is open to
 * the participant's team (workers and experts may write, readers only read). Admins never open
 * documents (they manage accounts, not case content), and a coordinator is not let in by role
 * alone: case notes only where assigned. Docs of other kinds are refused until their own rules
 * (groups, team log) are written.
 */
import type { DocRecord, Store, UserRecord } from '../store/types.ts';

/** A connection either may change the doc or may only read it. */
export type Access = 'write' | 'read';

export async function accessTo(store: Store, user: UserRecord, doc: DocRecord): Promise<Access | null> {
  if (user.disabled || user.role === 'admin') return null;
  if (doc.kind !== 'case' || doc.participantId === null) return null;
  const role = await store.directory.teamRole(doc.participantId, user.id);
  if (role === 'worker' || role === 'expert') return 'write';
  if (role === 'reader') return 'read';
  return null;
}
