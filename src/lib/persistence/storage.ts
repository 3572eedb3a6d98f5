/**
 * `navigator.storage` as plain data for the settings page: whether the browser promised not to
 * evict our data (persistent storage), and how much is used.
 */

/** The part of StorageManager used here (injectable for tests). */
export type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

export interface PersistResult {
  /** The browser has the API at all. */
  supported: boolean;
  /** The browser granted persistent storage (may be false even after asking). */
  persisted: boolean;
}

export interface StorageStatus {
  supported: boolean;
  persisted: boolean;
  /** Bytes this origin uses, when the browser tells. */
  usageBytes: number | null;
  /** Bytes this origin may use, when the browser tells. */
  quotaBytes: number | null;
}

function defaultStorage(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/**
 * Asks for persistent storage (Chromium decides by engagement, installed apps get it). Never
 * throws: a browser without the API reports `supported: false`.
 */
export async function requestPersistentStorage(
  storage: StorageManagerLike | undefined = defaultStorage()
): Promise<PersistResult> {
  if (!storage || typeof storage.persist !== 'function') return { supported: false, persisted: false };
  try {
    if (await storage.persisted()) return { supported: true, persisted: true };
    return { supported: true, persisted: await storage.persist() };
  } catch {
    return { supported: true, persisted: false };
  }
}

/** Whether storage is persistent and how much is in use. Never throws. */
export async function getStorageStatus(
  storage: StorageManagerLike | undefined = defaultStorage()
): Promise<StorageStatus> {
  if (!storage || typeof storage.estimate !== 'function') {
    return { supported: false, persisted: false, usageBytes: null, quotaBytes: null };
  }
  const [persisted, estimate] = await Promise.all([
    storage.persisted().catch(() => false),
    storage.estimate().catch((): StorageEstimate => ({}))
  ]);
  return {
    supported: true,
    persisted,
    usageBytes: estimate.usage ?? null,
    quotaBytes: estimate.quota ?? null
  };
}
