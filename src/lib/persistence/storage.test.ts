import { describe, expect, it } from 'vitest';
import { getStorageStatus, requestPersistentStorage, type StorageManagerLike } from './storage.ts';

function fakeStorage(options: { persisted: boolean; grant: boolean; usage?: number; quota?: number }) {
  let persisted = options.persisted;
  let asked = 0;
  const storage: StorageManagerLike = {
    persisted: async () => persisted,
    persist: async () => {
      asked++;
      persisted = options.grant;
      return options.grant;
    },
    estimate: async () => ({ usage: options.usage, quota: options.quota })
  };
  return { storage, asked: () => asked };
}

describe('storage helpers', () => {
  it('asks for persistent storage once and reports the answer', async () => {
    const granted = fakeStorage({ persisted: false, grant: true });
    expect(await requestPersistentStorage(granted.storage)).toEqual({ supported: true, persisted: true });
    expect(await requestPersistentStorage(granted.storage)).toEqual({ supported: true, persisted: true });
    expect(granted.asked()).toBe(1);
    const refused = fakeStorage({ persisted: false, grant: false });
    expect(await requestPersistentStorage(refused.storage)).toEqual({ supported: true, persisted: false });
  });

  it('returns usage and quota as plain numbers, and says when the API is missing', async () => {
    const { storage } = fakeStorage({ persisted: true, grant: true, usage: 12_345, quota: 1_000_000 });
    expect(await getStorageStatus(storage)).toEqual({
      supported: true,
      persisted: true,
      usageBytes: 12_345,
      quotaBytes: 1_000_000
    });
    expect(await getStorageStatus(undefined)).toEqual({
      supported: false,
      persisted: false,
      usageBytes: null,
      quotaBytes: null
    });
    expect(await requestPersistentStorage(undefined)).toEqual({ supported: false, persisted: false });
  });
});
