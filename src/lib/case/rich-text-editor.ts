/**
 * The co-edited rich-text editor (Tiptap 3 over a Y.XmlFragment, with the other people's carets
 * and names). Loaded lazily by RichTextEditor.svelte: Tiptap and ProseMirror are the biggest part
 * of the bundle and most page views never type notes.
 *
 * The page's CSP forbids inline style attributes, so carets and selections are coloured with
 * classes (one per presence colour) instead of Tiptap's default `style="…"` decorations.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { PRESENCE_PALETTE } from '$lib/sync/presence';

/** The class that colours a caret or selection: `presence-c<n>` by palette index. */
export function presenceClass(color: unknown): string {
  const index = PRESENCE_PALETTE.findIndex(
    (c) => typeof color === 'string' && c.toLowerCase() === color.toLowerCase()
  );
  return index < 0 ? 'presence-cx' : `presence-c${index}`;
}

export interface RichTextEditorOptions {
  element: HTMLElement;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** Id of the visible label of the editor (aria-labelledby). */
  labelledBy: string;
  /** Id of a description (e.g. "Ctrl+Z undoes your own typing"). */
  describedBy?: string;
}

/** Makes an editor bound to `fragment`. Destroy it when the view goes away. */
export function createRichTextEditor(options: RichTextEditorOptions): Editor {
  const { awareness } = options;
  // The registry has already published who we are; the caret extension re-publishes it as is.
  const self = (awareness.getLocalState() as { user?: Record<string, unknown> } | null)?.user ?? {
    name: '?',
    color: null
  };
  return new Editor({
    element: options.element,
    // Tiptap would add a <style> element, which the CSP forbids; its rules are in RichTextEditor.
    injectCSS: false,
    extensions: [
      // Collaboration brings its own (per-user) undo; StarterKit's history would fight it.
      StarterKit.configure({ undoRedo: false, link: false, underline: false }),
      Collaboration.configure({ fragment: options.fragment }),
      CollaborationCaret.configure({
        provider: { awareness },
        user: self,
        render: (user) => {
          const caret = document.createElement('span');
          caret.className = `collaboration-carets__caret ${presenceClass(user.color)}`;
          const label = document.createElement('span');
          label.className = 'collaboration-carets__label';
          label.textContent = typeof user.name === 'string' ? user.name : '?';
          caret.append(label);
          return caret;
        },
        selectionRender: (user) => ({
          class: `collaboration-carets__selection ${presenceClass(user.color)}`,
          nodeName: 'span'
        })
      })
    ],
    editorProps: {
      attributes: {
        class: 'rich-text-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': options.labelledBy,
        ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {})
      }
    }
  });
}
