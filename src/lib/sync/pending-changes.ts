/**
 * Pending changes: which edits on this device the server has not yet confirmed as durably
 * written. This is what lets the app say "all changes saved to server" truthfully.
 *
 * How it works
 * - Yjs names every inserted item by (clientID, clock), and each client's clocks are contiguous.
 *   So "the server has persisted everything of client c below clock k" is one number per client:
 *   a state vector. The server sends its persisted state vector (MESSAGE_PERSISTED).
 * - A local transaction adds the clock range [before, after) for this doc's own clientID. Its
 *   inserts are saved once the persisted vector reaches `after`. The server writes an update as
 *   a whole, so the deletions carried in the same update are saved with it.
 * - A transaction that only deletes adds no clocks, so no state vector can confirm it. Those
 *   deletions are confirmed against the server's delete set, which arrives complete in every
 *   SyncStep2 the server sends (the reply to our SyncStep1). The registry asks for one after
 *   delete-only edits. This relies on the server applying an update to its document only after
 *   (or in the same synchronous step as) appending it to its log, so that "the server's document
 *   holds this deletion" implies "the deletion is durable".
 * - Edits loaded from the device store may come from an earlier session whose clientID is gone,
 *   and the server may lack them. The loaded state (its state vector and delete set) becomes a
 *   *baseline*: it is unverified until the first persisted vector arrives, then it counts one
 *   change per client whose loaded range the server has not persisted, plus one if only its
 *   deletions are unconfirmed.
 *
 * Everything here is pure data: no Yjs document, no socket, no timers.
 */

/** clientID → next expected clock (the Yjs state vector format). */
export type StateVector = ReadonlyMap<number, number>;

/** A run of deleted clocks of one client: [clock, clock + len). */
export interface DeleteRange {
  readonly clock: number;
  readonly len: number;
}

/** clientID → deleted ranges (any order, may overlap). */
export type DeleteRanges = ReadonlyMap<number, readonly DeleteRange[]>;

/** What one update changed, in clock terms. */
export interface Change {
  /** clientID → [from, to) clocks inserted. Ranges with from === to are ignored. */
  readonly inserts: ReadonlyMap<number, { readonly from: number; readonly to: number }>;
  readonly deletes: DeleteRanges;
}

/** A summary for the status line. */
export interface PendingSummary {
  /** Changes the server has not confirmed as persisted. */
  readonly count: number;
  /**
   * True while state loaded from the device has not yet been compared with anything the server
   * said: it may or may not be on the server. `count` excludes it until then.
   */
  readonly unverified: boolean;
}

interface Entry {
  /** [clientID, to]: the entry's inserts are persisted when persisted[clientID] >= to. */
  readonly inserts: ReadonlyArray<readonly [number, number]>;
  /** Deletions still waiting for a server delete set; null once confirmed (or if none). */
  deletes: DeleteRanges | null;
}

interface Baseline {
  readonly stateVector: StateVector;
  deletes: DeleteRanges | null;
  verified: boolean;
}

/** True when every deleted range in `ranges` lies within `cover`. */
export function deleteRangesCovered(ranges: DeleteRanges, cover: DeleteRanges): boolean {
  for (const [client, items] of ranges) {
    const merged = normaliseRanges(cover.get(client) ?? []);
    for (const item of items) {
      if (item.len > 0 && !rangeCovered(merged, item.clock, item.clock + item.len)) return false;
    }
  }
  return true;
}

/** Sorts ranges by clock and merges overlapping or touching ones. */
export function normaliseRanges(ranges: readonly DeleteRange[]): DeleteRange[] {
  const sorted = ranges.filter((r) => r.len > 0).sort((a, b) => a.clock - b.clock);
  const out: { clock: number; len: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, r.clock + r.len - last.clock);
    } else {
      out.push({ clock: r.clock, len: r.len });
    }
  }
  return out;
}

/** Binary search in normalised ranges: is [start, end) inside one of them? */
function rangeCovered(merged: readonly DeleteRange[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = merged[mid] as DeleteRange;
    if (r.clock + r.len <= start) lo = mid + 1;
    else if (r.clock > start) hi = mid - 1;
    else return end <= r.clock + r.len;
  }
  return false;
}

function hasDeletes(ranges: DeleteRanges): boolean {
  for (const items of ranges.values()) if (items.some((r) => r.len > 0)) return true;
  return false;
}

/**
 * The ledger of unconfirmed changes for one document. Feed it local changes, the baseline loaded
 * from the device, the server's persisted state vectors and the server's delete sets; read
 * `summary()`. Confirmed entries are dropped, so memory is bounded by what is unconfirmed.
 */
export class PendingChanges {
  #entries: Entry[] = [];
  #baseline: Baseline | null = null;
  /** Per-client maximum of every persisted vector received (persisted data stays persisted). */
  readonly #persisted = new Map<number, number>();
  #heardFromServer = false;

  /**
   * Records a local change (a transaction whose origin is neither the provider nor the device
   * store). A change that neither inserts nor deletes is ignored.
   */
  addLocal(change: Change): void {
    const ranges = [...change.inserts].filter(([, r]) => r.to > r.from);
    if (ranges.length > 0) {
      // The server writes an update whole, so the deletions in it are confirmed with its inserts.
      const inserts = ranges
        .filter(([client, r]) => (this.#persisted.get(client) ?? 0) < r.to)
        .map(([client, r]) => [client, r.to] as const);
      if (inserts.length > 0) this.#entries.push({ inserts, deletes: null });
    } else if (hasDeletes(change.deletes)) {
      this.#entries.push({ inserts: [], deletes: change.deletes });
    }
  }

  /**
   * Records what was loaded from the device before connecting: the document's state vector and
   * delete set right after the load. Replaces an earlier baseline. Empty state sets none.
   */
  setBaseline(stateVector: StateVector, deletes: DeleteRanges): void {
    const nonEmpty = [...stateVector.values()].some((clock) => clock > 0) || hasDeletes(deletes);
    this.#baseline = nonEmpty
      ? { stateVector, deletes: hasDeletes(deletes) ? deletes : null, verified: false }
      : null;
    this.#prune();
  }

  /** The server has durably written everything up to `stateVector`. */
  persisted(stateVector: StateVector): void {
    for (const [client, clock] of stateVector) {
      if (clock > (this.#persisted.get(client) ?? 0)) this.#persisted.set(client, clock);
    }
    this.#heardFromServer = true;
    if (this.#baseline) this.#baseline.verified = true;
    this.#prune();
  }

  /**
   * The server's complete delete set (from a SyncStep2 it sent). Confirms the deletions it
   * contains.
   */
  serverDeletes(deletes: DeleteRanges): void {
    for (const entry of this.#entries) {
      if (entry.deletes && deleteRangesCovered(entry.deletes, deletes)) entry.deletes = null;
    }
    if (this.#baseline?.deletes && deleteRangesCovered(this.#baseline.deletes, deletes)) {
      this.#baseline.deletes = null;
    }
    this.#prune();
  }

  /** Whether a server delete set would confirm anything (lets the caller skip decoding one). */
  get awaitsServerDeletes(): boolean {
    return this.#entries.some((e) => e.deletes !== null) || (this.#baseline?.deletes ?? null) !== null;
  }

  /** Whether a persisted state vector has arrived since this ledger was made. */
  get heardFromServer(): boolean {
    return this.#heardFromServer;
  }

  /** The persisted state vector as known so far (per-client maximum). */
  get persistedStateVector(): StateVector {
    return this.#persisted;
  }

  summary(): PendingSummary {
    let count = this.#entries.length;
    let unverified = false;
    const baseline = this.#baseline;
    if (baseline) {
      if (!baseline.verified) unverified = true;
      else {
        const missing = this.#uncoveredClients(baseline.stateVector);
        count += missing > 0 ? missing : baseline.deletes ? 1 : 0;
      }
    }
    return { count, unverified };
  }

  #uncoveredClients(stateVector: StateVector): number {
    let missing = 0;
    for (const [client, clock] of stateVector) {
      if (clock > 0 && (this.#persisted.get(client) ?? 0) < clock) missing++;
    }
    return missing;
  }

  #prune(): void {
    this.#entries = this.#entries.filter(
      (e) => e.deletes !== null || e.inserts.some(([client, to]) => (this.#persisted.get(client) ?? 0) < to)
    );
    const baseline = this.#baseline;
    if (
      baseline?.verified &&
      baseline.deletes === null &&
      this.#uncoveredClients(baseline.stateVector) === 0
    ) {
      this.#baseline = null;
    }
  }
}
