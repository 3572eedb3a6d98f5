/**
 * Pins what `buildDemoCases` produces, so the demo data and its builder can be reorganised
 * without changing a single id, date, text or Yjs operation.
 *
 * Each case is reduced to a canonical dump: its id, name and team, the JSON of every root type of
 * its doc, and the doc's whole update decoded into its structs (Yjs items with their origins and
 * contents, plus the delete set). The Yjs client id is random per doc, so it is replaced by its
 * order of appearance; everything else is compared as is. The digests below were taken from the
 * builder as it was before the data moved out of demo.ts; if one changes, compare
 * `demoCaseDump(...)` of the old and new code to see what moved.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDemoCases, DEMO_STAFF_USERNAMES, seededIds, type DemoCase } from './demo.ts';

const TODAY = '2025-06-04';
const SEED = 7;
const START_MS = Date.UTC(2025, 5, 4);

/** Distinct ids per role, so a case assigned to the wrong staff member changes the digest. */
const STAFF = { worker: 'u-worker', worker2: 'u-worker2', expert: 'u-expert', expert2: 'u-expert2' };

interface DecodedId {
  client: number;
  clock: number;
}

/** Canonical, client-id-free form of a doc's whole update. */
function normalisedUpdate(doc: Y.Doc): unknown {
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
  const clients: number[] = [];
  const client = (c: number) => {
    if (!clients.includes(c)) clients.push(c);
    return clients.indexOf(c);
  };
  const id = (x: DecodedId | null) => (x === null ? null : [client(x.client), x.clock]);
  const content = (c: Y.Item['content']): unknown =>
    c instanceof Y.ContentType
      ? [c.constructor.name, c.type.constructor.name, c.type instanceof Y.XmlElement ? c.type.nodeName : null]
      : [c.constructor.name, c.getLength(), c.getContent()];
  const items = structs.map((s) =>
    s instanceof Y.Item
      ? {
          id: id(s.id),
          length: s.length,
          origin: id(s.origin),
          rightOrigin: id(s.rightOrigin),
          parent: typeof s.parent === 'string' || s.parent === null ? s.parent : id(s.parent as DecodedId),
          parentSub: s.parentSub,
          content: content(s.content)
        }
      : { kind: s.constructor.name, id: id(s.id), length: s.length }
  );
  const deletes = [...ds.clients.entries()].map(([c, list]) => [
    client(c),
    list.map((d) => [d.clock, d.len])
  ]);
  return { items, deletes };
}

/** Everything a demo case consists of, as plain JSON without the random Yjs client id. */
function demoCaseDump(c: DemoCase): unknown {
  const roots = [...c.doc.share.keys()].sort().map((k) => [k, c.doc.share.get(k)!.toJSON()]);
  return {
    caseId: c.caseId,
    displayName: c.displayName,
    team: c.team,
    roots,
    update: normalisedUpdate(c.doc)
  };
}

/** FNV-1a 64-bit over the UTF-16 code units: short, stable, good enough to notice any change. */
function fnv1a64(text: string): string {
  const prime = 0x100000001b3n;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

const digests = (cases: DemoCase[]) => cases.map((c) => fnv1a64(JSON.stringify(demoCaseDump(c))));

describe('buildDemoCases output', () => {
  it('is exactly what it was for a fixed day, seed and staff', () => {
    expect(digests(buildDemoCases(TODAY, seededIds(SEED, START_MS), STAFF))).toEqual([
      '4915508d90a9102c',
      '94f816f9a0a7ff25',
      '00a7bab4e94a94a4',
      '4aeb45fb196fafae',
      'd17126b04982bba2',
      '7568b89ad5de4c8c',
      'd9b902cd0a02dc4a',
      '21cce15c8201ff4d'
    ]);
  });

  it('is exactly what it was with the default staff usernames', () => {
    const cases = buildDemoCases(TODAY, seededIds(SEED, START_MS));
    expect(cases.flatMap((c) => [...c.team.workers, ...c.team.experts])).toSatisfy((ids: string[]) =>
      ids.every((u) => Object.values(DEMO_STAFF_USERNAMES).includes(u))
    );
    expect(digests(cases)).toEqual([
      'd8a8dce755319a6d',
      '4cd8d2a5c29d945e',
      'e5909bcecdd9773f',
      'dc0390d5a74b00a1',
      '1a6fc04ec2e8e80d',
      'a7a7e1e998fbbc8b',
      '8540dba8d094f8df',
      'fc34952e3a84265e'
    ]);
  });

  it('does not depend on the Yjs client ids (two builds dump alike)', () => {
    const a = buildDemoCases(TODAY, seededIds(SEED, START_MS), STAFF);
    const b = buildDemoCases(TODAY, seededIds(SEED, START_MS), STAFF);
    expect(a.map((c) => c.doc.clientID)).not.toEqual(b.map((c) => c.doc.clientID));
    expect(a.map(demoCaseDump)).toEqual(b.map(demoCaseDump));
  });
});
