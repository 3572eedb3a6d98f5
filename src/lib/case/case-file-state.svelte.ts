/**
 * One open case file as rune state for the case page.
 *
 * - `file`: the snapshot (`readCaseFile`), re-read after doc updates, at most once per animation
 *   frame, so a burst of remote edits costs one read and one render. Lists are keyed by their
 *   stable ids in the templates, so re-reading never replaces a focused input.
 * - `run(fn)`: every write goes through a domain mutator with this user's EditContext (one
 *   transaction per call, origin = this page's origin). A CaseFileError comes back as a value
 *   for the form to show next to its field; nothing is written then.
 * - Undo/redo are per user: a Y.UndoManager over `undoScope(doc)` that tracks only this page's
 *   origin, so it never undoes what the other person did.
 * - "Changed since I last looked": fingerprints of what the user saw of each case, kept
 *   encrypted on the device ($lib/app/seen-store), so the marks survive a reload. A section
 *   counts as seen while it is on screen.
 * - Rich-text editors write without the mutators; `afterTransaction` stamps their section
 *   (debounced) so the "changed by" line stays true.
 */
import * as Y from 'yjs';
import {
  CaseFileError,
  changedSections,
  readCaseFile,
  sectionFingerprints,
  sectionsChangedBy,
  stampSection,
  type CaseFile,
  type EditContext,
  type SectionKey
} from '$lib/domain/case-file';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { editContextNow, todayInProject } from './clock.ts';
import { userUndoManager } from './undo.ts';
import { putSeenFingerprints, seenFingerprints } from '$lib/app/seen-store';
import { DocSyncState } from '$lib/sync/doc-sync.svelte';
import type { DocHandle, SyncRegistry } from '$lib/sync/doc-registry';

/** Stamp a section edited in a rich-text editor at most this often. */
export const RICH_TEXT_STAMP_MS = 2_000;

export class CaseFileState {
  readonly caseId: string;
  readonly handle: DocHandle;
  readonly sync: DocSyncState;
  readonly doc: Y.Doc;
  /** The transaction origin of this user's edits on this page. */
  readonly origin = { user: '' };
  file = $state.raw<CaseFile>() as CaseFile;
  /** The doc holds a case file (loaded from the device or the server). */
  present = $state(false);
  /** The first exchange with the server finished at least once (or the device copy loaded). */
  synced = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Sections changed by others since the user last looked. */
  changed = $state.raw<SectionKey[]>([]);
  readonly #userId: string;
  readonly #undo: Y.UndoManager;
  readonly #stop: (() => void)[] = [];
  readonly #visible = new SvelteSet<SectionKey>();
  #frame: number | null = null;
  #stampTimers = new SvelteMap<SectionKey, ReturnType<typeof setTimeout>>();

  constructor(registry: SyncRegistry, caseId: string, userId: string, locale = 'fi') {
    this.caseId = caseId;
    this.#userId = userId;
    this.origin.user = userId;
    this.handle = registry.open(caseId);
    this.doc = this.handle.doc;
    this.sync = new DocSyncState(this.handle, locale);
    this.#read();

    const onUpdate = () => this.#schedule();
    this.doc.on('update', onUpdate);
    this.#stop.push(() => this.doc.off('update', onUpdate));

    this.#undo = userUndoManager(this.doc, this.origin);
    const onStack = () => {
      this.canUndo = this.#undo.canUndo();
      this.canRedo = this.#undo.canRedo();
    };
    this.#undo.on('stack-item-added', onStack);
    this.#undo.on('stack-item-popped', onStack);
    this.#undo.on('stack-cleared', onStack);
    this.#stop.push(() => this.#undo.destroy());

    // Rich text typed here goes through Tiptap, not the mutators: stamp its section.
    const onTransaction = (tr: Y.Transaction) => {
      if (!tr.local || tr.origin === this.origin) return;
      for (const section of sectionsChangedBy(tr)) this.#stampLater(section);
    };
    this.doc.on('afterTransaction', onTransaction);
    this.#stop.push(() => this.doc.off('afterTransaction', onTransaction));

    this.#stop.push(
      this.handle.subscribe((status) => {
        if (!this.synced && (status.connection === 'online' || status.kind === 'saved')) {
          this.synced = true;
          this.#schedule();
        }
      })
    );
    void this.handle.ready.then(() => {
      // Loaded from the device: what is there is what the user has, even offline.
      if (readCaseFile(this.doc).meta.createdAt !== null) {
        this.synced = true;
        this.#schedule();
      }
    });
  }

  /** This user's edit context, with the time of the call. */
  context(): EditContext {
    return editContextNow(this.origin, this.#userId);
  }

  /** Today in the project's time zone. */
  today(): string {
    return todayInProject();
  }

  /**
   * Runs a mutator as this user. Returns the CaseFileError it threw (nothing was written), or
   * null. Any other error is a bug and propagates.
   */
  run(fn: (doc: Y.Doc, ctx: EditContext) => unknown): CaseFileError | null {
    try {
      fn(this.doc, this.context());
      return null;
    } catch (error) {
      if (error instanceof CaseFileError) return error;
      throw error;
    } finally {
      this.#flush();
    }
  }

  undo(): void {
    this.#undo.undo();
    this.#flush();
  }

  redo(): void {
    this.#undo.redo();
    this.#flush();
  }

  /** Ends the current undo step, so the next edit is undone on its own. */
  stopCapturing(): void {
    this.#undo.stopCapturing();
  }

  /** A section came on screen (true) or left it: sections on screen count as seen. */
  setVisible(section: SectionKey, visible: boolean): void {
    if (visible) this.#visible.add(section);
    else this.#visible.delete(section);
    this.#markSeen();
  }

  destroy(): void {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    for (const timer of this.#stampTimers.values()) clearTimeout(timer);
    this.#stampTimers.clear();
    for (const stop of this.#stop.splice(0)) stop();
    this.sync.destroy();
    this.handle.release();
  }

  #schedule(): void {
    if (this.#frame !== null) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      this.#read();
    });
  }

  /** Reads now (after a local edit: the form shows its result in the same frame). */
  #flush(): void {
    if (this.#frame !== null) {
      cancelAnimationFrame(this.#frame);
      this.#frame = null;
    }
    this.#read();
  }

  #read(): void {
    this.file = readCaseFile(this.doc);
    this.present = this.file.meta.createdAt !== null;
    this.#markSeen();
  }

  #markSeen(): void {
    if (!this.synced || !this.present) {
      this.changed = [];
      return;
    }
    const now = sectionFingerprints(this.file);
    const seen = seenFingerprints(this.caseId);
    if (!seen) {
      // First look at this case on this device: everything is as seen.
      putSeenFingerprints(this.caseId, { ...now });
      this.changed = [];
      return;
    }
    let looked = false;
    for (const section of this.#visible) {
      if (seen[section] === now[section]) continue;
      seen[section] = now[section];
      looked = true;
    }
    // Saved only when a section on screen changed, not on every update of the doc.
    if (looked) putSeenFingerprints(this.caseId, seen);
    const changed = changedSections(this.file, seen);
    if (changed.join() !== this.changed.join()) this.changed = changed;
  }

  #stampLater(section: SectionKey): void {
    if (this.#stampTimers.has(section)) return;
    this.#stampTimers.set(
      section,
      setTimeout(() => {
        this.#stampTimers.delete(section);
        stampSection(this.doc, this.context(), section);
      }, RICH_TEXT_STAMP_MS)
    );
  }
}
