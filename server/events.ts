/**
 * Events inside the server process that other parts react to: the sync layer closes sockets
 * when a session is revoked, a user is disabled or a team changes.
 */
import { EventEmitter } from 'node:events';

export interface ServerEvents {
  /** A session ended (logout, revocation, expiry noticed). */
  sessionRevoked: [sessionId: string];
  /** A user's role, disabled flag or password changed: re-check their open connections. */
  userChanged: [userId: string];
  /** Who may open which document changed (team, group membership). */
  accessChanged: [docIds: string[]];
}

export class ServerEventBus extends EventEmitter<ServerEvents> {}
