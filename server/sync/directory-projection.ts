/**
 * The register projection: after a case doc's updates are persisted, the server reads the
 * fields the participant register lists and filters by — status, work packages, TP3 release
 * date, and the next action — and stores them on the participant's directory row. A coordinator
 * who is on no team (and so opens no case doc) still sees the whole register, and a device
 * filters offline from its cached copy of `GET /api/participants`.
 *
 * Reading is the domain's (`readDirectoryFields`, `readCaseFile` + `nextAction`; together
 * well under a millisecond for a busy case), which never throws on odd values. What this module
 * adds is the guard around it: a doc that is not (yet) a case file (no `meta.schemaVersion`) is
 * left alone, and a doc that cannot be read at all leaves the previous values and
 * fails with a {@link DirectoryProjectionError} that carries the doc id only — never anything
 * read from the doc, because it is participant data.
 */
import type * as Y from 'yjs';
import {
  CASE_STATUSES,
  nextAction,
  readCaseFile,
  readDirectoryFields
} from '../../src/lib/domain/case-file/index.ts';
import { dateInTimeZone, isIsoDate } from '../../src/lib/domain/dates.ts';
import type { ParticipantProjection } from '../store/types.ts';
import type { Projection } from './projections.ts';

export class DirectoryProjectionError extends Error {
  readonly code = 'unreadable_case_doc';
  constructor(readonly docId: string) {
    // Deliberately no cause and nothing from the doc: this message reaches the log.
    super(`the case doc ${docId} could not be read for the register; its previous values stay`);
    this.name = 'DirectoryProjectionError';
  }
}

/**
 * The register fields of a case doc as of `today` (the Helsinki date, for the next action).
 * Returns null for a doc that is not a case file yet. Throws {@link DirectoryProjectionError}
 * when the doc cannot be read.
 */
export function readRegisterFields(doc: Y.Doc, docId: string, today: string): ParticipantProjection | null {
  try {
    const file = readCaseFile(doc);
    // `createCaseFile` writes meta.schemaVersion: without it the doc is not a case file yet.
    if (file.meta.schemaVersion === null) return null;
    const fields = readDirectoryFields(doc);
    const next = nextAction(file, today);
    // The readers already type-check; these guards keep a reader bug from reaching SQLite.
    if (!CASE_STATUSES.includes(fields.status)) throw new Error('status');
    return {
      status: fields.status,
      workPackages: [...fields.workPackages],
      releaseDate: isIsoDate(fields.releaseDate) ? fields.releaseDate : null,
      nextActionDate: next && isIsoDate(next.date) ? next.date : null,
      nextActionKind: next && isIsoDate(next.date) ? next.kind : null
    };
  } catch {
    // The original error may quote the doc's content; it is dropped on purpose.
    throw new DirectoryProjectionError(docId);
  }
}

/** Projects the register fields of a case doc into its participant's directory row. */
export const participantRegisterProjection: Projection = {
  name: 'participant-register',
  kinds: ['case'],
  async run({ doc, record, store, now }) {
    if (record.participantId === null) return;
    const fields = readRegisterFields(doc, record.docId, dateInTimeZone(new Date(now)));
    if (fields === null) return;
    await store.directory.updateParticipantProjection(record.participantId, fields, now);
  }
};
