/**
 * The demo workspace's fictional participants: the eight case files of `buildDemoCases`
 * (src/lib/domain/case-file/demo.ts), dated relative to today in Helsinki so that the releases
 * are always in the coming weeks, registered in the directory with their demo teams. Each case
 * doc's whole state is written as the first row of its update log, attributed to the case's
 * demo worker (device null), exactly as if that worker had synced it; then the sync server's
 * projections run on it, so the register shows status, work packages and release dates at once.
 *
 * Nothing here is real: every name carries "(demo)", and the workspace is flagged as a demo.
 */
import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import {
  DEMO_STAFF_USERNAMES,
  buildDemoCases,
  seededIds,
  type DemoStaff
} from '../../src/lib/domain/case-file/index.ts';
import { dateInTimeZone } from '../../src/lib/domain/dates.ts';
import { DEFAULT_PROJECTIONS } from '../sync/projections.ts';
import type { Store } from '../store/types.ts';

export class DemoParticipantsError extends Error {
  readonly code = 'demo_users_missing';
  constructor(username: string) {
    super(`The demo user ${username} is missing; demo participants need every demo worker and expert.`);
    this.name = 'DemoParticipantsError';
  }
}

/**
 * Registers the fictional participants, writes their case docs and projects them. Expects the
 * demo users (`users`: username → user id) and a workspace without participants; the caller
 * (`loadDemoWorkspace`) checks that. Returns the participant ids, in `buildDemoCases` order.
 */
export async function addDemoParticipants(
  store: Store,
  ctx: { adminId: string; users: Map<string, string> },
  now: number = Date.now()
): Promise<string[]> {
  const staff = staffIds(ctx.users);
  // A random seed: the ids are UUIDv7s of this moment, unlike any other installation's.
  const cases = buildDemoCases(dateInTimeZone(new Date(now)), seededIds(randomInt(2 ** 31), now), staff);

  for (const c of cases) {
    const worker = c.team.workers[0] ?? staff.worker;
    await store.directory.createParticipant({
      id: c.caseId,
      displayName: c.displayName,
      createdBy: worker,
      at: now
    });
    await store.directory.setTeam(
      c.caseId,
      { workers: c.team.workers, experts: c.team.experts, readers: [] },
      now
    );
  }
  // One transaction for all eight first rows.
  await store.docLog.appendBatch(
    cases.map((c) => ({
      docId: c.caseId,
      userId: c.team.workers[0] ?? staff.worker,
      deviceId: null,
      at: now,
      update: Y.encodeStateAsUpdate(c.doc)
    }))
  );
  await store.audit.appendMany(
    cases.map((c) => ({
      at: now,
      userId: ctx.adminId,
      deviceId: null,
      action: 'participant.created',
      target: c.caseId,
      detail: 'demo'
    }))
  );

  for (const c of cases) {
    const record = await store.directory.doc(c.caseId);
    if (!record) continue;
    for (const p of DEFAULT_PROJECTIONS) {
      if (p.kinds.includes(record.kind)) await p.run({ doc: c.doc, record, store, now });
    }
    c.doc.destroy();
  }
  return cases.map((c) => c.caseId);
}

/** The demo users' ids in the roles `buildDemoCases` assigns. */
function staffIds(users: Map<string, string>): DemoStaff {
  const id = (username: string): string => {
    const found = users.get(username);
    if (found === undefined) throw new DemoParticipantsError(username);
    return found;
  };
  return {
    worker: id(DEMO_STAFF_USERNAMES.worker),
    worker2: id(DEMO_STAFF_USERNAMES.worker2),
    expert: id(DEMO_STAFF_USERNAMES.expert),
    expert2: id(DEMO_STAFF_USERNAMES.expert2)
  };
}
