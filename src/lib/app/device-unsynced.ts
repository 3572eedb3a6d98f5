/**
 * What the server still lacks, asked before a logout or a data removal: documents with
 * unconfirmed edits (as UnsyncedDocs remembers them) and registrations not yet sent. Online,
 * the documents get a short chance to sync first: opening them sends what they hold, and the
 * list is read again once the server confirmed them all or the wait ran out.
 */
import type { DirectoryParticipant } from './directory-merge.ts';
import type { UnsyncedItem } from './device-types.ts';
import type { UnsyncedDocs } from './unsynced-docs.ts';

/** How often the wait re-reads whether the server confirmed the documents. */
export const UNSYNCED_POLL_MS = 100;

/** What `collectUnsynced` reads. */
export interface UnsyncedSources {
  /** The unsynced-documents tracker of the unlocked device. */
  tracker: Pick<UnsyncedDocs, 'list' | 'has' | 'flush'>;
  /** The sync registry, when unlocked: opening a document lets it sync. */
  registry: { open(docId: string): { release(): void } } | null;
  directory: { readonly participants: readonly DirectoryParticipant[]; nameOf(docId: string): string | null };
  /** Whether the browser is online (read only when there are documents to wait for). */
  online: () => boolean;
  /** The longest wait for the server to confirm the documents, in ms. */
  waitMs: number;
}

/**
 * The local changes the server lacks: documents first (in the tracker's order), then pending
 * registrations. Waits up to `waitMs` only when online, the registry is set and there are
 * documents. A failed write of the tracker's list is ignored (the list in memory is answered).
 */
export async function collectUnsynced(sources: UnsyncedSources): Promise<UnsyncedItem[]> {
  const { tracker, registry, directory } = sources;
  let ids = tracker.list();
  if (ids.length > 0 && registry && sources.online()) {
    // Opening the docs sends what they hold; wait briefly for the server to confirm.
    const handles = ids.map((id) => registry.open(id));
    const deadline = Date.now() + sources.waitMs;
    while (Date.now() < deadline && ids.some((id) => tracker.has(id))) {
      await new Promise((resolve) => setTimeout(resolve, UNSYNCED_POLL_MS));
    }
    for (const handle of handles) handle.release();
    ids = tracker.list();
  }
  await tracker.flush().catch(() => undefined);
  const items: UnsyncedItem[] = ids.map((docId) => ({
    kind: 'document',
    docId,
    name: directory.nameOf(docId)
  }));
  for (const p of directory.participants) {
    if (p.pending) items.push({ kind: 'registration', docId: p.docId, name: p.displayName });
  }
  return items;
}
