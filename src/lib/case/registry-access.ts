/**
 * The case pages' one door to the sync registry, the device's directory (participants and
 * staff) and the team API.
 *
 * The registry and the directory are the device session's (src/lib/app/device.svelte.ts,
 * directory.svelte.ts): docs persist encrypted on the device and registrations go through the
 * outbox, so the pages work offline. The page shell renders pages only while the device is
 * unlocked; should a page still run without an unlocked device (a test harness, a race during
 * lock), a memory-only registry keeps it working for the session.
 */
import type { ApiClient } from '$lib/api/client';
import { api as defaultApi } from '$lib/api/client';
import type { ParticipantSummary, TeamRequest } from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import { device } from '$lib/app/device.svelte';
import type { DirectoryParticipant } from '$lib/app/directory.svelte';
import type { SyncRegistry } from '$lib/sync/doc-registry';
import { createBrowserSyncRegistry } from '$lib/sync/browser';

/** The user the registry is for: presence shows this name to the others. */
export interface RegistryUser {
  id: string;
  displayName: string;
}

let fallback: { userId: string; registry: SyncRegistry } | null = null;

/** The sync registry of the logged-in user: the unlocked device's, else a memory-only one. */
export function caseRegistry(user: RegistryUser): SyncRegistry {
  if (device.registry) return device.registry;
  if (fallback?.userId === user.id) return fallback.registry;
  if (fallback) void fallback.registry.destroy();
  const registry = createBrowserSyncRegistry({ user: { id: user.id, name: user.displayName } });
  fallback = { userId: user.id, registry };
  return registry;
}

/** The device's participant directory (cached encrypted, registrations through the outbox). */
export interface DeviceDirectory {
  readonly participants: readonly DirectoryParticipant[];
  readonly loaded: boolean;
  readonly refreshedAt: number | null;
  /** The staff list, cached encrypted like the participants (refreshed by `refresh`). */
  readonly staff: readonly StaffMember[];
  refresh(): Promise<void>;
  /** `team`, when given, is kept with the registration and set once the server accepts it. */
  register(input: {
    id?: string;
    displayName: string;
    team?: TeamRequest | null;
  }): Promise<{ id: string; docId: string }>;
  flush(): Promise<void>;
}

/** The device session's directory. */
export function deviceDirectory(): DeviceDirectory {
  return device.directory;
}

/** The API calls the case pages make besides the directory, behind one object for tests. */
export interface CaseApi {
  setTeam(participantId: string, team: TeamRequest): Promise<ParticipantSummary>;
}

/** The case API over the app's API client. Every call rejects with ApiError on failure. */
export function caseApi(api: ApiClient = defaultApi): CaseApi {
  return {
    setTeam: (participantId, team) =>
      api.request<ParticipantSummary>(
        'PUT',
        `/api/participants/${encodeURIComponent(participantId)}/team`,
        team
      )
  };
}
