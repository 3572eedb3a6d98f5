import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docIdOf } from './upgrade-refusal.ts';
import {
  BadMessageError,
  decodeClientMessage,
  inspectUpdate,
  syncStep1Message,
  updateMessage
} from './messages.ts';

describe('decodeClientMessage', () => {
  it('reads the standard messages and reports unknown types', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    expect(decodeClientMessage(syncStep1Message(Y.encodeStateVector(doc)))).toMatchObject({
      type: 'sync-step1'
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(updateMessage(update))).toEqual({ type: 'sync-update', update, step2: false });
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
    expect(decodeClientMessage(new Uint8Array([100, 1, 2]))).toEqual({ type: 'unknown', messageType: 100 });
  });

  it('throws BadMessageError on malformed frames', () => {
    for (const frame of [
      new Uint8Array([]),
      new Uint8Array([0]),
      new Uint8Array([0, 9, 0]),
      new Uint8Array([0, 1, 5, 1])
    ]) {
      expect(() => decodeClientMessage(frame)).toThrow(BadMessageError);
    }
  });
});

describe('inspectUpdate', () => {
  it('tells empty updates from real ones', () => {
    const doc = new Y.Doc();
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc))).toEqual({ empty: true });
    doc.getMap('m').set('k', 1);
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc))).toEqual({ empty: false });
    // A deletion alone carries no structs, only a delete set: still not empty.
    doc.getMap('m').delete('k');
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toEqual({ empty: false });
  });

  it('throws BadMessageError on bytes that are not an update', () => {
    expect(() => inspectUpdate(new Uint8Array([5, 200, 1, 9, 9]))).toThrow(BadMessageError);
  });
});

describe('docIdOf', () => {
  it('takes one sane id and nothing else', () => {
    expect(docIdOf('/sync/0190f3f5-1c2b-7abc-8def-0123456789ab', '/sync/')).toBe(
      '0190f3f5-1c2b-7abc-8def-0123456789ab'
    );
    for (const bad of [
      '/sync/',
      '/sync/a/b',
      '/sync/%E0%A4%A',
      '/sync/a%2Fb',
      '/sync/' + 'x'.repeat(101),
      '/other/x'
    ]) {
      expect(docIdOf(bad, '/sync/')).toBeNull();
    }
  });
});
