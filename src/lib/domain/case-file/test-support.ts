/**
 * Factories for the case-file tests (and nothing else): a fixed clock, readable sequential ids,
 * and a freshly created case doc.
 */
import * as Y from 'yjs';
import type { EditContext } from './context.ts';
import { createCaseFile, type NewCaseFile } from './profile.ts';

let counter = 0;

/** An EditContext at `now` for `actor`, with ids `t-0001`, `t-0002`, … */
export function testContext(
  actor = 'worker-1',
  now = '2025-06-02T09:00:00Z',
  origin: unknown = actor
): EditContext {
  return {
    actor,
    origin,
    now: new Date(now),
    newId: () => `t-${String(++counter).padStart(4, '0')}`
  };
}

/** A new case file doc, registered on `contactedOn` (default 2025-05-05). */
export function newCaseDoc(init: Partial<NewCaseFile> = {}, ctx: EditContext = testContext()): Y.Doc {
  const doc = new Y.Doc();
  createCaseFile(doc, ctx, {
    displayName: 'Testi Henkilö',
    contactedOn: '2025-05-05',
    workPackages: ['TP1'],
    ...init
  });
  return doc;
}

/** The whole doc state, for "nothing was written" assertions. */
export function docState(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}
