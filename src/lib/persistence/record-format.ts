/**
 * The plaintext inside one update-log record: a format byte, then one or more Yjs updates, each
 * length-prefixed. Several updates appended while the previous write was in flight share one
 * record (group commit), without the cost of `Y.mergeUpdates`; load applies them one by one.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CorruptRecordError } from './errors.ts';

/** Format byte of version 1: varUint count, then count × (varUint length, bytes). */
export const RECORD_FORMAT_V1 = 1;

/** Frames `updates` (at least one) into one record payload. */
export function encodeRecordPayload(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 0) throw new RangeError('A record holds at least one update.');
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, RECORD_FORMAT_V1);
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the updates out of a record payload (views into `payload`, no copies). Throws
 * CorruptRecordError on an unknown format or any length that does not fit.
 */
export function decodeRecordPayload(payload: Uint8Array): Uint8Array[] {
  const single = decodeSingle(payload);
  if (single) return [single];
  try {
    const decoder = decoding.createDecoder(payload);
    const format = decoding.readUint8(decoder);
    if (format !== RECORD_FORMAT_V1) throw new Error(`unknown record format ${format}`);
    const count = decoding.readVarUint(decoder);
    if (count < 1) throw new Error('empty record');
    const updates: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const length = decoding.readVarUint(decoder);
      if (length > payload.byteLength - decoder.pos) throw new Error('update length exceeds the record');
      updates.push(decoding.readUint8Array(decoder, length));
    }
    if (decoder.pos !== payload.byteLength) throw new Error('trailing bytes after the last update');
    return updates;
  } catch (error) {
    throw new CorruptRecordError(
      `The record does not parse: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error }
    );
  }
}

/**
 * Fast path for the common record (one update, length below 2^28): no decoder object. Returns
 * undefined when the record is anything else, and the general path decides.
 */
function decodeSingle(payload: Uint8Array): Uint8Array | undefined {
  if (payload.byteLength < 3 || payload[0] !== RECORD_FORMAT_V1 || payload[1] !== 1) return undefined;
  let length = 0;
  let shift = 0;
  let pos = 2;
  for (; pos < payload.byteLength && pos < 6; pos++) {
    const byte = payload[pos]!;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) {
      pos++;
      return pos + length === payload.byteLength ? payload.subarray(pos) : undefined;
    }
  }
  return undefined;
}
