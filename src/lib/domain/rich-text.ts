/**
 * Rich text in a Y.Doc is a Y.XmlFragment in the shape Tiptap's Collaboration extension (via
 * y-prosemirror) writes: block elements such as `paragraph` holding Y.XmlText. The domain never
 * renders it; it only needs the plain text (for change fingerprints, search and previews) and a
 * way to write plain paragraphs (demo data, tests, and text typed outside the editor).
 */
import * as Y from 'yjs';

/** Tiptap's node name for a paragraph; y-prosemirror uses node names as XML element names. */
export const PARAGRAPH = 'paragraph';

/** Node names that end a line in the plain-text projection. */
const BLOCK_NODES = new Set([
  PARAGRAPH,
  'heading',
  'listItem',
  'taskItem',
  'blockquote',
  'codeBlock',
  'horizontalRule'
]);
const LINE_BREAK = 'hardBreak';

function textOf(node: Y.XmlText): string {
  let out = '';
  for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
    if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

function walk(node: Y.XmlFragment | Y.XmlElement, lines: string[], current: { text: string }): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      current.text += textOf(child);
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === LINE_BREAK) {
        current.text += '\n';
        continue;
      }
      walk(child, lines, current);
      if (BLOCK_NODES.has(child.nodeName) && current.text !== '') {
        lines.push(current.text);
        current.text = '';
      }
    }
  }
}

/**
 * The plain text of a rich-text fragment: one line per block, inline marks dropped, empty blocks
 * skipped. O(size of the fragment).
 */
export function richTextToPlain(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const current = { text: '' };
  walk(fragment, lines, current);
  if (current.text !== '') lines.push(current.text);
  return lines.join('\n');
}

/**
 * Replaces the fragment's content with one paragraph per line of `text` (blank lines dropped),
 * in the caller's transaction if there is one. The result opens in Tiptap as ordinary paragraphs.
 */
export function writePlainParagraphs(fragment: Y.XmlFragment, text: string): void {
  const apply = () => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    const paragraphs = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const p = new Y.XmlElement(PARAGRAPH);
        p.insert(0, [new Y.XmlText(line)]);
        return p;
      });
    if (paragraphs.length > 0) fragment.insert(0, paragraphs);
  };
  if (fragment.doc) fragment.doc.transact(apply);
  else apply();
}
