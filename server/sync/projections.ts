/**
 * Projections read structured fields from a document into SQLite tables after its updates are
 * persisted, so that lists and reports never load every document. A projection declares the doc
 * kinds it reads and a `run` that must be idempotent: it may run again on the same state (after
 * a restart, or when several updates are coalesced into one run). Add new ones to
 * {@link DEFAULT_PROJECTIONS}.
 */
import * as Y from 'yjs';
import type { DocKind, DocRecord, Store } from '../store/types.ts';
import { participantRegisterProjection } from './directory-projection.ts';

export interface ProjectionContext {
  doc: Y.Doc;
  record: DocRecord;
  store: Store;
  now: number;
}

export interface Projection {
  /** Names the projection in logs. */
  name: string;
  kinds: readonly DocKind[];
  run(ctx: ProjectionContext): Promise<void>;
}

/** The root map of a case doc that holds the participant's display fields. */
export const PROFILE_MAP = 'profile';
const MAX_NAME = 80;

/** A root Y.Map by name, or null when the doc has no such map (or it holds another type). */
export function rootMap(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  if (!doc.share.has(name)) return null;
  try {
    return doc.getMap(name);
  } catch {
    // The name was defined as another shared type by a client; nothing to project.
    return null;
  }
}

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().slice(0, MAX_NAME);
  return text === '' ? null : text;
}

/**
 * The participant's display name and alias, from `profile.displayName` and `profile.alias`.
 * A missing or empty display name keeps the registered one; a missing alias clears it.
 */
export const participantDisplayProjection: Projection = {
  name: 'participant-display',
  kinds: ['case'],
  async run({ doc, record, store, now }) {
    if (record.participantId === null) return;
    const profile = rootMap(doc, PROFILE_MAP);
    if (profile === null) return;
    const displayName = cleanText(profile.get('displayName'));
    await store.directory.updateParticipantDisplay(
      record.participantId,
      { ...(displayName === null ? {} : { displayName }), alias: cleanText(profile.get('alias')) },
      now
    );
  }
};

/** The projections every sync server runs (and the demo workspace runs on its fictional cases). */
export const DEFAULT_PROJECTIONS: readonly Projection[] = [
  participantDisplayProjection,
  participantRegisterProjection
];
