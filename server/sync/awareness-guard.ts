/**
 * Binds awareness (presence) to the connection's user. Every state a client sends is decoded,
 * its `user` field is overwritten with the authenticated user (`{id, name, color}`; the client
 * keeps its colour when it is a valid hex colour), and entries for client ids that another
 * connection owns are dropped. The server re-encodes the accepted entries with its own
 * monotonic clocks, so a client that reconnects with an old clock is not ignored by the others.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { BadMessageError } from './messages.ts';

export interface AwarenessUser {
  id: string;
  name: string;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON; null means "this client left". */
  state: unknown;
}

/** Decodes a y-protocols awareness update. Throws {@link BadMessageError} when malformed. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      entries.push({ clientId, clock, state });
    }
    return entries;
  } catch (error) {
    throw new BadMessageError(
      `malformed awareness update: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Colours for users whose client sent none; picked by a hash of the user id. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];

export function defaultColour(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** The state with its `user` field replaced by the authenticated user; null if not an object. */
export function bindState(state: unknown, user: AwarenessUser): Record<string, unknown> | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
  const claimed = (state as { user?: unknown }).user;
  const colour =
    typeof claimed === 'object' &&
    claimed !== null &&
    typeof (claimed as { color?: unknown }).color === 'string'
      ? (claimed as { color: string }).color
      : '';
  return {
    ...(state as Record<string, unknown>),
    user: { id: user.id, name: user.name, color: HEX_COLOUR.test(colour) ? colour : defaultColour(user.id) }
  };
}

/** How many awareness client ids one connection may own (one per Y.Doc; a few for safety). */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/**
 * The room side: who owns which client id, and the last clock each connection sent for it.
 * Owners outlive connections (by user id), so a client id once used by one user cannot be
 * taken over by another user's connection replaying it.
 */
export class AwarenessGuard {
  /** clientId → the user id that first presented it in this room. */
  private readonly ownerUser = new Map<number, string>();
  /** clientId → the connection that currently owns it. */
  private readonly ownerConn = new Map<number, object>();

  constructor(private readonly awareness: Awareness) {}

  /**
   * Filters and rewrites a connection's awareness entries, applying what is accepted to the
   * room's awareness with `origin` = the connection. Returns the client ids the connection owns
   * after the call.
   */
  accept(
    conn: object,
    user: AwarenessUser,
    owned: Set<number>,
    lastClocks: Map<number, number>,
    entries: readonly AwarenessEntry[],
    apply: (update: Uint8Array) => void
  ): void {
    const accepted: AwarenessEntry[] = [];
    for (const e of entries) {
      const currentOwner = this.ownerConn.get(e.clientId);
      if (currentOwner !== undefined && currentOwner !== conn) continue;
      const firstUser = this.ownerUser.get(e.clientId);
      if (firstUser !== undefined && firstUser !== user.id) continue;
      if (!owned.has(e.clientId)) {
        if (e.state === null || owned.size >= MAX_CLIENT_IDS_PER_CONNECTION) continue;
      } else {
        // Stale or repeated: the same rule y-protocols applies, per connection.
        const last = lastClocks.get(e.clientId) ?? -1;
        if (e.clock < last || (e.clock === last && e.state !== null)) continue;
      }
      let state: Record<string, unknown> | null = null;
      if (e.state !== null) {
        state = bindState(e.state, user);
        if (state === null) continue;
      }
      lastClocks.set(e.clientId, e.clock);
      if (state !== null) {
        owned.add(e.clientId);
        this.ownerConn.set(e.clientId, conn);
        this.ownerUser.set(e.clientId, user.id);
      } else {
        owned.delete(e.clientId);
        this.ownerConn.delete(e.clientId);
      }
      // The server's clock for this client only grows, whatever the client's clock says.
      const known = this.awareness.meta.get(e.clientId)?.clock ?? 0;
      accepted.push({ clientId: e.clientId, clock: Math.max(e.clock, known + 1), state });
    }
    if (accepted.length > 0) apply(encodeAwarenessEntries(accepted));
  }

  /** Forgets which connection owns `clientIds` (the connection closed). */
  release(conn: object, clientIds: Iterable<number>): void {
    for (const id of clientIds) if (this.ownerConn.get(id) === conn) this.ownerConn.delete(id);
  }
}
