/**
 * What every case page needs from the session: the logged-in user, their registry, and the
 * directory and snapshot caches for that user. One place, so the pages stay thin.
 */
import type { Me } from '$lib/api/schemas';
import { caseDirectory } from './directory.svelte.ts';
import { caseSnapshots } from './case-snapshots.svelte.ts';
import { caseRegistry } from './registry-access.ts';

/** The case-side services for `me`; call from a component where `session.me` is set. */
export function caseServices(me: Me) {
  return {
    registry: caseRegistry({ id: me.id, displayName: me.displayName }),
    directory: caseDirectory.forUser(me.id),
    snapshots: caseSnapshots.forUser(me.id)
  };
}

/** Whether the user is on the participant's team in any list (and so may open the case doc). */
export function onTeam(
  team: { workers: string[]; experts: string[]; readers: string[] },
  userId: string
): boolean {
  return team.workers.includes(userId) || team.experts.includes(userId) || team.readers.includes(userId);
}
