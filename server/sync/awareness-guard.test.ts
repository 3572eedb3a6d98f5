import { describe, expect, it, onTestFinished } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  AwarenessGuard,
  MAX_CLIENT_IDS_PER_CONNECTION,
  bindState,
  decodeAwarenessUpdate,
  defaultColour,
  encodeAwarenessEntries,
  type AwarenessEntry
} from './awareness-guard.ts';
import { BadMessageError } from './messages.ts';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };

describe('bindState', () => {
  it('overwrites the user with the authenticated one, keeping a valid colour and other fields', () => {
    expect(bindState({ user: { id: 'u-bob', name: 'Bob', color: '#a1b2c3' }, cursor: 4 }, alice)).toEqual({
      user: { id: 'u-alice', name: 'Alice', color: '#a1b2c3' },
      cursor: 4
    });
  });

  it('replaces a colour that is not a hex colour', () => {
    for (const color of ['red', 'url(x)', '#12', 42, undefined]) {
      expect(bindState({ user: { color } }, alice)).toEqual({
        user: { ...alice, color: defaultColour(alice.id) }
      });
    }
  });

  it('refuses states that are not objects', () => {
    for (const state of [1, 'x', [1], true]) expect(bindState(state, alice)).toBeNull();
  });
});

describe('decodeAwarenessUpdate', () => {
  it('round-trips entries', () => {
    const entries: AwarenessEntry[] = [
      { clientId: 1, clock: 2, state: { a: 1 } },
      { clientId: 3, clock: 0, state: null }
    ];
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries);
  });

  it('throws BadMessageError on truncated bytes and bad JSON', () => {
    const good = encodeAwarenessEntries([{ clientId: 1, clock: 2, state: { a: 1 } }]);
    expect(() => decodeAwarenessUpdate(good.slice(0, good.length - 2))).toThrow(BadMessageError);
    expect(() => decodeAwarenessUpdate(new Uint8Array([1, 1, 1, 1, 123]))).toThrow(BadMessageError);
  });
});

describe('AwarenessGuard', () => {
  function setup() {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState(null);
    onTestFinished(() => awareness.destroy());
    const guard = new AwarenessGuard(awareness);
    const apply = (u: Uint8Array) => awarenessProtocol.applyAwarenessUpdate(awareness, u, 'test');
    const conn = () => ({ owned: new Set<number>(), clocks: new Map<number, number>(), id: {} });
    const send = (c: ReturnType<typeof conn>, user: typeof alice, entries: AwarenessEntry[]) =>
      guard.accept(c.id, user, c.owned, c.clocks, entries, apply);
    return { awareness, guard, conn, send };
  }

  it('lets a connection claim and update its own ids, but not another connection’s', () => {
    const { awareness, conn, send } = setup();
    const a = conn();
    const b = conn();
    send(a, alice, [{ clientId: 10, clock: 0, state: { x: 1 } }]);
    expect(awareness.getStates().get(10)).toMatchObject({ x: 1, user: { id: alice.id } });
    send(b, bob, [
      { clientId: 10, clock: 50, state: { x: 'forged' } },
      { clientId: 20, clock: 1, state: { y: 1 } }
    ]);
    expect(awareness.getStates().get(10)).toMatchObject({ x: 1 });
    expect(awareness.getStates().get(20)).toMatchObject({ user: { id: bob.id } });
    // The server's clocks only grow, even for a clock-0 first state (which y-protocols ignores).
    expect(awareness.meta.get(10)!.clock).toBeGreaterThan(0);
  });

  it('ignores stale clocks, accepts the removal, and never lets another user take over a released id', () => {
    const { awareness, guard, conn, send } = setup();
    const a = conn();
    send(a, alice, [{ clientId: 10, clock: 5, state: { v: 1 } }]);
    send(a, alice, [{ clientId: 10, clock: 4, state: { v: 'old' } }]);
    expect(awareness.getStates().get(10)).toMatchObject({ v: 1 });
    send(a, alice, [{ clientId: 10, clock: 6, state: null }]);
    expect(awareness.getStates().has(10)).toBe(false);
    guard.release(a.id, [10]);
    const b = conn();
    send(b, bob, [{ clientId: 10, clock: 99, state: { v: 'bob' } }]);
    expect(awareness.getStates().has(10)).toBe(false);
    // The same user reconnecting with an old clock is accepted again.
    const a2 = conn();
    send(a2, alice, [{ clientId: 10, clock: 5, state: { v: 2 } }]);
    expect(awareness.getStates().get(10)).toMatchObject({ v: 2 });
  });

  it('caps the ids one connection may own', () => {
    const { awareness, conn, send } = setup();
    const a = conn();
    const entries = Array.from({ length: MAX_CLIENT_IDS_PER_CONNECTION + 3 }, (_, i) => ({
      clientId: 100 + i,
      clock: 1,
      state: {}
    }));
    send(a, alice, entries);
    expect(awareness.getStates().size).toBe(MAX_CLIENT_IDS_PER_CONNECTION);
  });
});
