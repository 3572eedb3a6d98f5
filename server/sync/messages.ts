/**
 * Encoding and decoding of the y-websocket wire messages the server sends and reads. A frame is
 * `varUint(messageType)` followed by the type's payload (see docs/sync-protocol.md). Decoding
 * throws {@link BadMessageError} for anything that does not parse, so the caller can close just
 * that connection.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_PERSISTED,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC
} from '../../src/lib/api/sync-protocol.ts';

export class BadMessageError extends Error {
  readonly code = 'bad_message';
  constructor(message: string) {
    super(message);
    this.name = 'BadMessageError';
  }
}

/** A decoded client frame. Unknown types are reported, not rejected: clients may be newer. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'unknown'; messageType: number };

/** Decodes one frame from a client; throws {@link BadMessageError} when it is malformed. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case MESSAGE_SYNC: {
        const subType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (subType === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step1', stateVector: payload };
        if (subType === syncProtocol.messageYjsSyncStep2)
          return { type: 'sync-update', update: payload, step2: true };
        if (subType === syncProtocol.messageYjsUpdate)
          return { type: 'sync-update', update: payload, step2: false };
        throw new BadMessageError(`unknown sync message type ${subType}`);
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      default:
        return { type: 'unknown', messageType };
    }
  } catch (error) {
    if (error instanceof BadMessageError) throw error;
    throw new BadMessageError(`malformed frame: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Checks that bytes are a well-formed Yjs update and says whether it carries anything (structs or
 * deletions). Decoding everything before the update touches a room keeps garbage out of the
 * room and out of the log.
 */
export function inspectUpdate(update: Uint8Array): { empty: boolean } {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new BadMessageError(
      `the update does not decode: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  return { empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}

/** Checks that bytes are a well-formed state vector. */
export function checkStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector);
  } catch {
    throw new BadMessageError('the state vector does not decode');
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** SyncStep1: the server's state vector, so the client sends what the server lacks. */
export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** SyncStep2: `update` is what the client lacks, given the state vector it sent. */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
  });
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols auth "permission denied": stock clients log the reason. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, reason);
  });
}

/** Extension: everything up to this state vector is durably written. */
export function persistedMessage(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_PERSISTED);
    encoding.writeVarUint8Array(e, stateVector);
  });
}
