/**
 * What the user last saw of each case ("changed since I last looked"): section fingerprints per
 * case, kept encrypted on the device (the drafts table, row id `seen:<caseId>`), so the marks
 * survive a reload and an offline restart. Reads are synchronous from memory: `attach` loads the
 * rows when the device unlocks, `detach` forgets them when it locks. Writes go to memory at once
 * and to the device in the background; a failed write (locked, device full) only means the next
 * look sets a new baseline, so it is reported, never thrown.
 */
import type { SectionFingerprints } from '$lib/domain/case-file';

export type SeenValue = Partial<SectionFingerprints>;

/** The part of a sealed device table this store needs. */
export interface SeenTable {
  put(id: string, value: SeenValue): Promise<unknown>;
  list(): Promise<{ entries: { id: string; value: unknown }[] }>;
}

const PREFIX = 'seen:';
let memory = new Map<string, SeenValue>();
let table: SeenTable | null = null;
let onError: (error: unknown) => void = () => {};

/** Loads what this user saw from the device; call after unlock. */
export async function attachSeenStore(source: SeenTable, report: (error: unknown) => void): Promise<void> {
  const loaded = new Map<string, SeenValue>();
  const { entries } = await source.list();
  for (const entry of entries) {
    if (entry.id.startsWith(PREFIX) && entry.value && typeof entry.value === 'object') {
      loaded.set(entry.id.slice(PREFIX.length), entry.value as SeenValue);
    }
  }
  // Looks taken while loading win over the stored ones.
  for (const [caseId, value] of memory) loaded.set(caseId, value);
  memory = loaded;
  table = source;
  onError = report;
}

/** Forgets everything in memory (on lock, logout or wipe). */
export function detachSeenStore(): void {
  memory = new Map();
  table = null;
}

/** The fingerprints the user last saw of the case, or undefined on a first look. */
export function seenFingerprints(caseId: string): SeenValue | undefined {
  return memory.get(caseId);
}

/** Records what the user has now seen; saved on the device in the background. */
export function putSeenFingerprints(caseId: string, value: SeenValue): void {
  memory.set(caseId, value);
  table?.put(PREFIX + caseId, value).catch((error: unknown) => onError(error));
}
