import { describe, expect, it } from 'vitest';
import { isUuidV7 } from '$lib/domain/ids';
import {
  autoLockMinutes,
  DEFAULT_AUTO_LOCK_MINUTES,
  deviceId,
  forgetDeviceUser,
  lastDeviceUser,
  rememberDeviceUser,
  renewDeviceId,
  saveAutoLockMinutes,
  type KeyValueStorage
} from './device-identity.ts';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key)
  };
}

describe('device identity', () => {
  it('makes a UUIDv7 device id once and keeps it; a renewal makes a new one', () => {
    const storage = memoryStorage();
    const id = deviceId(storage);
    expect(isUuidV7(id)).toBe(true);
    expect(deviceId(storage)).toBe(id);
    const renewed = renewDeviceId(storage);
    expect(renewed).not.toBe(id);
    expect(deviceId(storage)).toBe(renewed);
    // Something that is not a device id is replaced.
    storage.setItem('rinnalla.device-id', 'nonsense');
    expect(isUuidV7(deviceId(storage))).toBe(true);
  });

  it('remembers only the last user’s id and username, and forgets them', () => {
    const storage = memoryStorage();
    expect(lastDeviceUser(storage)).toBeNull();
    rememberDeviceUser({ id: 'u-1', username: 'wilma' }, storage);
    expect(lastDeviceUser(storage)).toEqual({ id: 'u-1', username: 'wilma' });
    expect([...storage.data.values()].join()).not.toContain('displayName');
    forgetDeviceUser(storage);
    expect(lastDeviceUser(storage)).toBeNull();
    storage.setItem('rinnalla.device-user', '{broken');
    expect(lastDeviceUser(storage)).toBeNull();
  });

  it('keeps an offered auto-lock delay and refuses others', () => {
    const storage = memoryStorage();
    expect(autoLockMinutes(storage)).toBe(DEFAULT_AUTO_LOCK_MINUTES);
    saveAutoLockMinutes(1, storage);
    expect(autoLockMinutes(storage)).toBe(1);
    expect(() => saveAutoLockMinutes(7, storage)).toThrow(RangeError);
    storage.setItem('rinnalla.auto-lock-minutes', '3');
    expect(autoLockMinutes(storage)).toBe(DEFAULT_AUTO_LOCK_MINUTES);
  });
});
