/**
 * Defensive readers for Y.Map fields. A doc may hold values written by an older or newer app
 * version, or by a buggy client; reading must never throw and never pass a wrong type to the UI,
 * so each reader returns the value only when it has the expected shape, and null otherwise.
 */
import * as Y from 'yjs';
import { isIsoDate, type IsoDate } from './dates.ts';

/** A Y.Map whose values are plain JSON or nested shared types. */
export type YRecord = Y.Map<unknown>;

export function readString(map: YRecord, key: string): string | null {
  const v = map.get(key);
  return typeof v === 'string' ? v : null;
}

/** The string, or '' when absent: for free-text fields where "empty" and "unset" mean the same. */
export function readText(map: YRecord, key: string): string {
  return readString(map, key) ?? '';
}

export function readBoolean(map: YRecord, key: string): boolean {
  return map.get(key) === true;
}

export function readNumber(map: YRecord, key: string): number | null {
  const v = map.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function readDate(map: YRecord, key: string): IsoDate | null {
  const v = map.get(key);
  return isIsoDate(v) ? v : null;
}

/** The value when it is one of `values`, else null. */
export function readEnum<T extends string>(map: YRecord, key: string, values: readonly T[]): T | null {
  const v = map.get(key);
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null;
}

/** The nested shared type at `key` when it is an instance of `ctor`, else null. */
export function readShared<T>(
  map: YRecord,
  key: string,
  ctor: abstract new (...args: never[]) => T
): T | null {
  const v = map.get(key);
  return v instanceof ctor ? v : null;
}

/**
 * Sets `key` to `value`; null deletes the key; undefined leaves it as it is (a field absent from a
 * patch). Skips the write when the value is already equal: a no-op edit must not create an update
 * (it would mark the section as changed for everyone and grow the history).
 */
export function writeField(
  map: YRecord,
  key: string,
  value: string | number | boolean | null | undefined
): void {
  if (value === undefined) return;
  if (value === null) {
    if (map.has(key)) map.delete(key);
    return;
  }
  if (map.get(key) !== value) map.set(key, value);
}

/** The Y.Maps of an array that are maps (anything else is skipped), in array order. */
export function mapsOf(array: Y.Array<unknown>): YRecord[] {
  const out: YRecord[] = [];
  array.forEach((v) => {
    if (v instanceof Y.Map) out.push(v as YRecord);
  });
  return out;
}

/** Index and map of the item with `id` in an array of Y.Maps, or null. O(n). */
export function findById(array: Y.Array<unknown>, id: string): { index: number; map: YRecord } | null {
  let found: { index: number; map: YRecord } | null = null;
  array.forEach((v, index) => {
    if (found === null && v instanceof Y.Map && v.get('id') === id) found = { index, map: v as YRecord };
  });
  return found;
}
