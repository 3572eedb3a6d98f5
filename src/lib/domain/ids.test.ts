import { describe, expect, it } from 'vitest';
import { isUuidV7, uuidv7, uuidv7Time } from './ids.ts';

describe('uuidv7', () => {
  it('encodes the time and the version', () => {
    const id = uuidv7(1_764_000_000_123, (b) => b.fill(0xff));
    expect(isUuidV7(id)).toBe(true);
    expect(uuidv7Time(id)).toBe(1_764_000_000_123);
    expect(id.charAt(14)).toBe('7');
  });

  it('sorts by creation time', () => {
    const a = uuidv7(1_000);
    const b = uuidv7(2_000);
    expect(a < b).toBe(true);
  });

  it('rejects other uuid versions', () => {
    expect(isUuidV7('123e4567-e89b-42d3-a456-426614174000')).toBe(false);
    expect(isUuidV7('not-a-uuid')).toBe(false);
  });
});
