/**
 * Per-user undo: a Y.UndoManager over the case file's sections that tracks only this user's
 * origin, so it never undoes the other person's edits (Tiptap's notes have their own undo).
 */
import * as Y from 'yjs';
import { undoScope } from '$lib/domain/case-file';

/** Merge edits made within this many ms into one undo step (a burst of clicks is one step). */
export const UNDO_CAPTURE_MS = 600;

export function userUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  return new Y.UndoManager(undoScope(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_MS
  });
}
