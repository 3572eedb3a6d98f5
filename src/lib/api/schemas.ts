/**
 * Request and response shapes of the HTTP API, shared by the server (validation) and the client
 * (types and early validation in forms). Pure: zod, and types from the domain.
 */
import { z } from 'zod';
import type { CaseStatus, NextActionKind, WorkPackage } from '../domain/case-file/index.ts';

export const ROLES = ['admin', 'coordinator', 'worker', 'expert'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const LANGUAGES = ['fi', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Lower-case letters, digits and . _ -; 3–40 characters. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'username: 3–40 characters: a–z, 0–9, dot, underscore or hyphen');

/** Long passphrases welcome; the upper bound keeps hashing cheap for the server. */
export const PASSWORD_MIN = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `password: at least ${PASSWORD_MIN} characters`)
  .max(256, 'password: at most 256 characters');

export const displayNameSchema = z.string().trim().min(1).max(80);

export const setupRequest = z.object({
  username: usernameSchema,
  password: passwordSchema,
  setupCode: z.string().trim().min(1).max(200),
  displayName: displayNameSchema.optional()
});

export const loginRequest = z.object({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(256),
  deviceId: z.uuid().optional()
});

export const createUserRequest = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  displayName: displayNameSchema,
  /** The user must choose their own password before anything else (the admin screen sets it). */
  mustChangePassword: z.boolean().optional()
});

export const patchUserRequest = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: displayNameSchema.optional()
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const patchMeRequest = z
  .object({
    language: languageSchema.optional(),
    displayName: displayNameSchema.optional()
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema
});

export const meResponse = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  displayName: z.string(),
  language: languageSchema,
  mustChangePassword: z.boolean().optional()
});
export type Me = z.infer<typeof meResponse>;

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  language: Language;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface ActiveSession {
  id: string;
  userId: string;
  username: string;
  deviceId: string | null;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface SetupStatus {
  /** True while no account exists: the start page offers the first-run setup. */
  needed: boolean;
  /** True when the fictional demo workspace is loaded. */
  demo: boolean;
}

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** Header that carries the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';
/** Cookie that holds the session token (HttpOnly). */
export const SESSION_COOKIE = 'rinnalla_session';
/** Cookie readable by the page that holds the CSRF token (double submit). */
export const CSRF_COOKIE = 'rinnalla_csrf';

/** `POST /api/participants`: the id is a UUIDv7 made on the device (absent: the server makes one). */
export const createParticipantRequest = z.object({
  id: z.uuid({ version: 'v7', message: 'id: must be a UUIDv7' }).toLowerCase().optional(),
  displayName: displayNameSchema
});
export type CreateParticipantRequest = z.infer<typeof createParticipantRequest>;

const teamList = z.array(z.string().trim().min(1).max(100)).max(100);

/**
 * The team version of a participant as registered: the server's team (the registrant alone)
 * before anyone changed it. Every team change adds one. A team chosen while registering is sent
 * as based on it, so that it does not overwrite a change someone made after the registration.
 */
export const INITIAL_TEAM_VERSION = 1;

/** The error code of a team change refused because the team changed after `basedOn`. */
export const TEAM_CHANGED = 'team_changed';

/** A team version: see {@link ParticipantSummary.teamVersion}. */
export const teamVersionSchema = z.number().int().min(INITIAL_TEAM_VERSION).max(Number.MAX_SAFE_INTEGER);

/**
 * `PUT /api/participants/:id/team`: replaces the team. Readers get read-only access.
 * `basedOn`, when given, is the team version the change was made on (`teamVersion` of the list
 * the client saw): if the team has changed since, the server changes nothing and answers 409
 * {@link TeamChangedErrorBody}. Without it the team is replaced whatever its version (tools
 * outside the app).
 */
export const teamRequest = z
  .object({
    workers: teamList,
    experts: teamList,
    readers: teamList.optional(),
    basedOn: teamVersionSchema.optional()
  })
  .strict();
export type TeamRequest = z.infer<typeof teamRequest>;

/** A participant's team as the server has it now, with its version. */
export const currentTeam = z
  .object({
    team: z.object({
      workers: z.array(z.string()),
      experts: z.array(z.string()),
      readers: z.array(z.string())
    }),
    teamVersion: teamVersionSchema
  })
  .strict();
export type CurrentTeam = z.infer<typeof currentTeam>;

/**
 * The 409 answer of `PUT /api/participants/:id/team` when `basedOn` is not the current version:
 * nothing was changed, and `current` is the team the server has (show it; to apply the change
 * anyway, send it again with `basedOn: current.teamVersion`).
 */
export const teamChangedErrorBody = z.object({
  error: z.object({
    code: z.literal(TEAM_CHANGED),
    message: z.string(),
    current: currentTeam
  })
});
export type TeamChangedErrorBody = z.infer<typeof teamChangedErrorBody>;

/** A participant as `GET /api/participants` lists it. The case doc id equals the participant id. */
export interface ParticipantSummary {
  id: string;
  docId: string;
  displayName: string;
  alias: string | null;
  team: { workers: string[]; experts: string[]; readers: string[] };
  /**
   * The team's version: {@link INITIAL_TEAM_VERSION} as registered, one more after each team
   * change. Send it as `basedOn` with a team change. The server always sends it; optional here
   * because a device's cached copy may predate it.
   */
  teamVersion?: number;
  createdAt: string;
  /** The last change of the row: registration, team, or a projected field. */
  updatedAt: string;
  // The register fields below are projected by the server from the case doc a moment after
  // each persisted change, so the register lists and filters without opening any doc (and
  // offline, from the cached list). The server always sends them; they are optional here
  // because a device's cached copy may predate them.
  /** contacted / active / ended / returned; null until the case doc has been written. */
  status?: CaseStatus | null;
  /** TP1 / TP2 / TP3 in that order; empty until projected. */
  workPackages?: WorkPackage[];
  /** The TP3 release date `YYYY-MM-DD`, or null. */
  releaseDate?: string | null;
  /**
   * The earliest thing to do in the case (`nextAction` in the domain), `YYYY-MM-DD`, as of the
   * last change of the doc: a planned meeting, an open step (may be overdue), the release day,
   * or a follow-up. Null when nothing is scheduled.
   */
  nextActionDate?: string | null;
  nextActionKind?: NextActionKind | null;
}

/**
 * `GET /api/docs/:docId/access`: how the caller may open a document, by the same rules as the
 * sync upgrade. A browser cannot see why an upgrade was refused (it gets close code 1006), so the
 * sync client asks this after failed attempts to tell "no access" from "server unreachable".
 */
export const docAccessResponse = z
  .object({
    docId: z.string(),
    access: z.enum(['write', 'read'])
  })
  .strict();
export type DocAccessResponse = z.infer<typeof docAccessResponse>;
