import * as Y from 'yjs';
import { uuidv7 } from '../ids.ts';
import { changesMap } from './shape.ts';
import type { SectionKey } from './vocabulary.ts';

/**
 * Who edits, when, and under which transaction origin. Every mutator takes one, so rules run in
 * Node with a fixed clock and ids, and a Y.UndoManager that tracks `origin` undoes exactly this
 * user's edits (per-user undo).
 */
export interface EditContext {
  /** The transaction origin of this user's edits on this device. */
  origin: unknown;
  /** The acting staff member's user id; recorded in histories and change stamps. */
  actor: string;
  /** The wall clock of the edit. */
  now: Date;
  /** Makes ids for new list items; defaults to a UUIDv7 at `now`. */
  newId?: () => string;
}

/** A fresh item id from the context. */
export function nextId(ctx: EditContext): string {
  return ctx.newId ? ctx.newId() : uuidv7(ctx.now.getTime());
}

/** The last change of a section: when (ISO instant) and by whom (user id). */
export interface SectionStamp {
  at: string;
  by: string;
}

/**
 * Runs `fn` in ONE transaction with the context's origin, then, if the transaction changed
 * anything, stamps `section` as changed by the actor. A no-op edit writes nothing. Validate
 * before calling: Yjs cannot roll back what `fn` wrote before it threw.
 */
export function edit<T>(doc: Y.Doc, ctx: EditContext, section: SectionKey, fn: () => T): T {
  return doc.transact((tr) => {
    const out = fn();
    if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) writeStamp(doc, ctx, section);
    return out;
  }, ctx.origin);
}

function writeStamp(doc: Y.Doc, ctx: EditContext, section: SectionKey): void {
  const stamp: SectionStamp = { at: ctx.now.toISOString(), by: ctx.actor };
  changesMap(doc).set(section, stamp);
}

/**
 * Stamps `section` as changed by the actor now, for edits that bypass the mutators (Tiptap
 * writing meeting notes, the action plan or assessment notes). The UI calls it, debounced, from
 * an `afterTransaction` listener using {@link sectionsChangedBy}.
 */
export function stampSection(doc: Y.Doc, ctx: EditContext, section: SectionKey): void {
  doc.transact(() => writeStamp(doc, ctx, section), ctx.origin);
}
