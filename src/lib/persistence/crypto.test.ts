import { describe, expect, it } from 'vitest';
import {
  createDataKey,
  deriveWrappingKey,
  docRecordAad,
  docRecordAadFor,
  IV_BYTES,
  keyWrapAad,
  open,
  randomBytes,
  seal,
  sealedRowAad,
  unwrapDataKey
} from './crypto.ts';
import { CorruptRecordError } from './errors.ts';
import { decodeRecordPayload, encodeRecordPayload } from './record-format.ts';

const ITERATIONS = 1_000;

async function dataKey() {
  const wrappingKey = await deriveWrappingKey('passphrase', randomBytes(16), ITERATIONS);
  return (await createDataKey(wrappingKey, keyWrapAad('db'))).key;
}

describe('record encryption', () => {
  it('round-trips with a fresh 96-bit IV per record', async () => {
    const key = await dataKey();
    const plaintext = new TextEncoder().encode('Matti Meikäläinen');
    const a = await seal(key, docRecordAad('doc-1', 1), plaintext);
    const b = await seal(key, docRecordAad('doc-1', 1), plaintext);
    expect(a.iv.byteLength).toBe(IV_BYTES);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
    expect(await open(key, docRecordAad('doc-1', 1), a)).toEqual(plaintext);
  });

  it('fails to open a record moved to another doc, position or table', async () => {
    const key = await dataKey();
    const sealed = await seal(key, docRecordAad('doc-1', 7), new Uint8Array([1, 2, 3]));
    await expect(open(key, docRecordAad('doc-2', 7), sealed)).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(open(key, docRecordAad('doc-1', 8), sealed)).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(open(key, sealedRowAad('drafts', 'doc-1'), sealed)).rejects.toBeInstanceOf(
      CorruptRecordError
    );
  });

  it('fails on a flipped ciphertext byte, a flipped IV byte, or another key', async () => {
    const key = await dataKey();
    const aad = docRecordAad('doc-1', 1);
    const sealed = await seal(key, aad, new Uint8Array(64).fill(9));
    const flipped = sealed.ciphertext.slice();
    flipped[5] = flipped[5]! ^ 0x01;
    await expect(open(key, aad, { iv: sealed.iv, ciphertext: flipped })).rejects.toBeInstanceOf(
      CorruptRecordError
    );
    const iv = sealed.iv.slice();
    iv[0] = iv[0]! ^ 0x80;
    await expect(open(key, aad, { iv, ciphertext: sealed.ciphertext })).rejects.toBeInstanceOf(
      CorruptRecordError
    );
    await expect(open(await dataKey(), aad, sealed)).rejects.toBeInstanceOf(CorruptRecordError);
  });
});

describe('associated data', () => {
  it('builds the same per-record AAD bytes with the per-doc builder', () => {
    const forDoc = docRecordAadFor('case:ä-1');
    for (const seq of [0, 1, 9, 10, 99, 100, 12_345, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expect(forDoc(seq)).toEqual(docRecordAad('case:ä-1', seq));
    }
  });
});

describe('data key wrapping', () => {
  it('keeps the data key non-extractable and unwraps it only with the same passphrase and database', async () => {
    const salt = randomBytes(16);
    const wrappingKey = await deriveWrappingKey('oikea salasana', salt, ITERATIONS);
    const { key, wrapped, iv } = await createDataKey(wrappingKey, keyWrapAad('db-a'));
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });

    const again = await unwrapDataKey(
      wrapped,
      iv,
      await deriveWrappingKey('oikea salasana', salt, ITERATIONS),
      keyWrapAad('db-a')
    );
    const sealed = await seal(key, docRecordAad('d', 1), new Uint8Array([42]));
    expect(await open(again, docRecordAad('d', 1), sealed)).toEqual(new Uint8Array([42]));

    const wrong = await deriveWrappingKey('väärä salasana', salt, ITERATIONS);
    await expect(unwrapDataKey(wrapped, iv, wrong, keyWrapAad('db-a'))).rejects.toThrow();
    await expect(unwrapDataKey(wrapped, iv, wrappingKey, keyWrapAad('db-b'))).rejects.toThrow();
  });

  it('derives different wrapping keys for different salts', async () => {
    const a = await deriveWrappingKey('same', randomBytes(16), ITERATIONS);
    const { wrapped, iv } = await createDataKey(a, keyWrapAad('db'));
    const b = await deriveWrappingKey('same', randomBytes(16), ITERATIONS);
    await expect(unwrapDataKey(wrapped, iv, b, keyWrapAad('db'))).rejects.toThrow();
  });

  it('rejects a nonsensical iteration count', async () => {
    await expect(deriveWrappingKey('x', randomBytes(16), 0)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('record payload format', () => {
  it('round-trips one and many updates', () => {
    const updates = [new Uint8Array([1]), new Uint8Array(300).fill(7), new Uint8Array([])];
    expect(decodeRecordPayload(encodeRecordPayload(updates))).toEqual(updates);
    expect(decodeRecordPayload(encodeRecordPayload([updates[1]!]))).toEqual([updates[1]]);
  });

  it('throws CorruptRecordError on an unknown format, a short record or trailing bytes', () => {
    const good = encodeRecordPayload([new Uint8Array([1, 2, 3])]);
    expect(() => decodeRecordPayload(new Uint8Array([9, ...good.subarray(1)]))).toThrow(CorruptRecordError);
    expect(() => decodeRecordPayload(good.subarray(0, good.length - 1))).toThrow(CorruptRecordError);
    expect(() => decodeRecordPayload(new Uint8Array([...good, 0]))).toThrow(CorruptRecordError);
    expect(() => decodeRecordPayload(new Uint8Array())).toThrow(CorruptRecordError);
    expect(() => encodeRecordPayload([])).toThrow(RangeError);
  });
});
