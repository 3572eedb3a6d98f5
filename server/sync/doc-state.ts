/**
 * The state of a room's document, held in one of two forms.
 *
 * - **Encoded** ("cold"): the whole state as one Yjs update (the snapshot row of the log), with
 *   its state vector. This is what a room loaded from the log starts as, and what a room whose
 *   writers went quiet returns to. Serving a client needs no `Y.Doc`: a fresh client gets the
 *   bytes as they are, one that has some state gets `Y.diffUpdate(bytes, its state vector)`.
 *   A case file costs its encoded size (≈ 45 kB) instead of a `Y.Doc` (≈ 350–400 KiB of heap),
 *   and a device that pulls a hundred case files costs a SELECT and a copy per file.
 * - **Live** ("hot"): a `Y.Doc`, built from the bytes the first time someone changes the doc.
 *   The encoded form of the whole state is cached for fresh clients until the next change.
 *
 * Deciding that an update changes nothing (a reconnecting client's SyncStep2 repeats the delete
 * set we have; a fresh client's is empty) must not build the doc either: {@link DocState.contains}
 * checks it against a snapshot (state vector + delete set) of what we hold.
 */
import * as Y from 'yjs';

/** The bytes of an update that carries nothing: no structs, no deletions. */
function isTrivialUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** True for a state vector that names no client (a client with an empty doc). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** The held bytes themselves do not parse: damage on the server's side, never the client's. */
export class DocStateError extends Error {
  readonly code = 'damaged_state';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocStateError';
  }
}

export class DocState {
  private live: Y.Doc | null = null;
  /** The whole state as one update; always set while encoded, a cache while live. */
  private encoded: Uint8Array | null;
  private stateVectorCache: Uint8Array | null = null;
  private snapshotCache: Y.Snapshot | null = null;

  /**
   * Starts encoded from `update`, the whole state of the doc as one update, and its state
   * vector when known.
   */
  constructor(update: Uint8Array, stateVector?: Uint8Array | null) {
    this.encoded = update;
    this.stateVectorCache = stateVector ?? null;
  }

  /** Starts live from a doc someone already built. */
  static live(doc: Y.Doc): DocState {
    const state = new DocState(new Uint8Array(0));
    state.encoded = null;
    state.live = doc;
    return state;
  }

  /** The live doc, or null while the state is only encoded. */
  get doc(): Y.Doc | null {
    return this.live;
  }

  /** The state vector of everything held. */
  stateVector(): Uint8Array {
    this.stateVectorCache ??= this.live
      ? Y.encodeStateVector(this.live)
      : Y.encodeStateVectorFromUpdate(this.requireEncoded());
    return this.stateVectorCache;
  }

  /** The whole state as one update (cached until the next change). */
  encodeAll(): Uint8Array {
    this.encoded ??= Y.encodeStateAsUpdate(this.live!);
    return this.encoded;
  }

  /** What a client with `stateVector` lacks: the payload of a SyncStep2. */
  missingFor(stateVector: Uint8Array): Uint8Array {
    if (isEmptyStateVector(stateVector)) return this.encodeAll();
    if (this.live) return Y.encodeStateAsUpdate(this.live, stateVector);
    return Y.diffUpdate(this.requireEncoded(), stateVector);
  }

  /**
   * True when applying `update` would change nothing: every struct in it is already held and
   * every deletion in it already applied. Throws when the bytes are not an update, and
   * {@link DocStateError} when the held bytes are not (so that the client is not blamed).
   */
  contains(update: Uint8Array): boolean {
    if (isTrivialUpdate(update)) return true;
    this.snapshotCache ??= this.live ? Y.snapshot(this.live) : this.snapshotOfEncoded();
    return Y.snapshotContainsUpdate(this.snapshotCache, update);
  }

  /** The live doc, built from the encoded state (applied with `origin`) the first time. */
  materialize(origin: unknown): Y.Doc {
    if (this.live) return this.live;
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, this.requireEncoded(), origin);
    this.live = doc;
    return doc;
  }

  /** The doc changed: drop what was derived from its previous state. */
  changed(): void {
    if (!this.live) throw new Error('an encoded doc state cannot change');
    this.encoded = null;
    this.stateVectorCache = null;
    this.snapshotCache = null;
  }

  /**
   * Back to the encoded form: returns the whole state as one update and destroys the live doc.
   * The caller has removed its listeners from the doc.
   */
  freeze(): Uint8Array {
    const encoded = this.encodeAll();
    if (this.live) {
      this.stateVectorCache ??= Y.encodeStateVector(this.live);
      this.live.destroy();
      this.live = null;
    }
    // A snapshot of a live doc holds references into it; one of the bytes is rebuilt if needed.
    this.snapshotCache = null;
    return encoded;
  }

  /** Frees the live doc, if any. */
  destroy(): void {
    this.live?.destroy();
    this.live = null;
    this.snapshotCache = null;
  }

  private snapshotOfEncoded(): Y.Snapshot {
    try {
      return snapshotOfUpdate(this.requireEncoded());
    } catch (error) {
      throw new DocStateError('the held state does not decode', { cause: error });
    }
  }

  private requireEncoded(): Uint8Array {
    if (!this.encoded) throw new Error('the doc state holds neither a doc nor its encoding');
    return this.encoded;
  }
}

/** The state vector and delete set of an update, without building a doc from it. */
function snapshotOfUpdate(update: Uint8Array): Y.Snapshot {
  const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  // mergeDeleteSets sorts and merges the ranges, which equalDeleteSets relies on.
  const ds = Y.mergeDeleteSets([Y.decodeUpdate(update).ds]);
  return Y.createSnapshot(ds, sv);
}
