/**
 * The directory's participant routes: register a participant (idempotently, with an id made on
 * the device), list the participants the caller may see, and set a participant's team. The
 * team decides who may open the case doc (see server/sync/access.ts).
 *
 * A team carries a version (`teamVersion`, one more after each change). A team change may say
 * which version it was made on (`basedOn`); if the team has changed since, it is refused (409
 * `team_changed`, with the current team) instead of silently replacing a colleague's later
 * change — a change queued offline must not give back access the coordinator just took away.
 */
import {
  TEAM_CHANGED,
  createParticipantRequest,
  teamRequest,
  type ParticipantSummary,
  type Role,
  type TeamChangedErrorBody
} from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import type { ApiRouter } from '../context.ts';
import { readBody } from '../http/body.ts';
import { HttpError, forbidden, notFound } from '../http/errors.ts';
import {
  TeamChangedError,
  type ParticipantRecord,
  type Team,
  type TeamRole,
  type UserStore
} from '../store/types.ts';

/** Which account roles may hold each team role. */
export const TEAM_ROLE_ACCOUNTS: Record<TeamRole, readonly Role[]> = {
  worker: ['worker', 'coordinator'],
  expert: ['expert'],
  reader: ['worker', 'coordinator', 'expert']
};

export function toParticipantSummary(p: ParticipantRecord): ParticipantSummary {
  return {
    id: p.id,
    docId: p.docId,
    displayName: p.displayName,
    alias: p.alias,
    team: p.team,
    teamVersion: p.teamVersion,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    // Projected from the case doc (server/sync/directory-projection.ts); null until it is written.
    status: p.projection?.status ?? null,
    workPackages: p.projection?.workPackages ?? [],
    releaseDate: p.projection?.releaseDate ?? null,
    nextActionDate: p.projection?.nextActionDate ?? null,
    nextActionKind: p.projection?.nextActionKind ?? null
  };
}

export function registerParticipantRoutes(router: ApiRouter): void {
  router.add('POST', '/api/participants', async ({ req, deps }) => {
    const p = await deps.auth.requireRole(req, 'worker', 'coordinator');
    const body = await readBody(req, createParticipantRequest, deps.config.maxBodyBytes);
    const now = Date.now();
    const { participant, created } = await deps.store.directory.createParticipant({
      id: body.id ?? uuidv7(now),
      displayName: body.displayName,
      createdBy: p.user.id,
      at: now
    });
    if (created) {
      await deps.store.audit.append({
        at: now,
        userId: p.user.id,
        deviceId: p.session.deviceId,
        action: 'participant.created',
        target: participant.id
      });
      deps.events.emit('accessChanged', [participant.docId]);
    }
    // The same answer for a retry: the device's outbox may send the registration twice.
    return { status: 201, body: { id: participant.id, docId: participant.docId } };
  });

  router.add('GET', '/api/participants', async ({ req, deps }) => {
    const { user } = await deps.auth.require(req);
    if (user.role === 'admin') throw forbidden('Admins manage accounts, not participants.');
    const list = await deps.store.directory.listParticipants(
      user.role === 'coordinator' ? {} : { memberId: user.id }
    );
    return { status: 200, body: list.map(toParticipantSummary) };
  });

  router.add('PUT', '/api/participants/:id/team', async ({ req, deps, params }) => {
    const p = await deps.auth.requireRole(req, 'worker', 'coordinator');
    const body = await readBody(req, teamRequest, deps.config.maxBodyBytes);
    const participant = await deps.store.directory.participant(params.id!);
    if (!participant) throw notFound('No such participant.');
    if (
      p.user.role === 'worker' &&
      (await deps.store.directory.teamRole(participant.id, p.user.id)) !== 'worker'
    ) {
      throw forbidden('Only a worker on this participant’s team, or a coordinator, may change the team.');
    }
    const team: Team = {
      workers: [...new Set(body.workers)],
      experts: [...new Set(body.experts)],
      readers: [...new Set(body.readers ?? [])]
    };
    await checkTeam(team, deps.store.users);
    const now = Date.now();
    let updated: ParticipantRecord | null;
    try {
      updated = await deps.store.directory.setTeam(participant.id, team, now, body.basedOn);
    } catch (error) {
      if (error instanceof TeamChangedError) return { status: 409, body: teamChangedBody(error) };
      throw error;
    }
    if (!updated) throw notFound('No such participant.');
    await deps.store.audit.append({
      at: now,
      userId: p.user.id,
      deviceId: p.session.deviceId,
      action: 'team.changed',
      target: participant.id,
      detail: `workers=${team.workers.length},experts=${team.experts.length},readers=${team.readers.length}`
    });
    deps.events.emit('accessChanged', [participant.docId]);
    return { status: 200, body: toParticipantSummary(updated) };
  });
}

/**
 * The 409 body of a team change made on an old version: the usual error fields plus the team the
 * server has now, so that the client can show it and, if the user wants, send the change again
 * based on `current.teamVersion`.
 */
function teamChangedBody(error: TeamChangedError): TeamChangedErrorBody {
  return {
    error: {
      code: TEAM_CHANGED,
      message: `Someone changed the team after the version this change was made on (${error.basedOn}); nothing was changed. The current team is version ${error.current.teamVersion}: send the change again with basedOn ${error.current.teamVersion} to replace it.`,
      current: { team: error.current.team, teamVersion: error.current.teamVersion }
    }
  };
}

/** 422 unless every user exists, is enabled, has a role fit for their list and is in one list. */
async function checkTeam(team: Team, users: UserStore): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const lists: [keyof Team, TeamRole][] = [
    ['workers', 'worker'],
    ['experts', 'expert'],
    ['readers', 'reader']
  ];
  for (const [list, teamRole] of lists) {
    for (const [i, userId] of team[list].entries()) {
      const path = `${list}.${i}`;
      if (seen.has(userId)) {
        issues.push({ path, message: `user ${userId} is in more than one list` });
        continue;
      }
      seen.add(userId);
      const user = await users.byId(userId);
      if (!user) issues.push({ path, message: `no user has the id ${userId}` });
      else if (user.disabled) issues.push({ path, message: `user ${user.username} is disabled` });
      else if (!TEAM_ROLE_ACCOUNTS[teamRole].includes(user.role)) {
        issues.push({
          path,
          message: `user ${user.username} has the role ${user.role}; ${list} must have the role ${TEAM_ROLE_ACCOUNTS[teamRole].join(' or ')}`
        });
      }
    }
  }
  if (issues.length > 0) {
    throw new HttpError(
      422,
      'invalid_team',
      `The team is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues
    );
  }
}
