import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PARAGRAPH, richTextToPlain, writePlainParagraphs } from './rich-text.ts';

function fragment(): Y.XmlFragment {
  return new Y.Doc().getXmlFragment('notes');
}

describe('rich text', () => {
  it('round-trips plain paragraphs, dropping blank lines', () => {
    const f = fragment();
    writePlainParagraphs(f, 'Ensimmäinen rivi\n\n  Toinen rivi  \n');
    expect(f.length).toBe(2);
    expect((f.get(0) as Y.XmlElement).nodeName).toBe(PARAGRAPH);
    expect(richTextToPlain(f)).toBe('Ensimmäinen rivi\nToinen rivi');
  });

  it('replaces earlier content', () => {
    const f = fragment();
    writePlainParagraphs(f, 'vanha');
    writePlainParagraphs(f, 'uusi');
    expect(richTextToPlain(f)).toBe('uusi');
    writePlainParagraphs(f, '');
    expect(f.length).toBe(0);
    expect(richTextToPlain(f)).toBe('');
  });

  it('drops marks, follows lists and hard breaks like Tiptap writes them', () => {
    const f = fragment();
    const p = new Y.XmlElement(PARAGRAPH);
    const t = new Y.XmlText();
    const br = new Y.XmlElement('hardBreak');
    const t2 = new Y.XmlText('rivi kaksi');
    f.insert(0, [p]);
    p.insert(0, [t, br, t2]);
    t.insert(0, 'Lihava', { bold: true });
    t.insert(6, ' ja tavallinen');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const ip = new Y.XmlElement(PARAGRAPH);
    f.insert(1, [list]);
    list.insert(0, [item]);
    item.insert(0, [ip]);
    ip.insert(0, [new Y.XmlText('kohta')]);
    expect(richTextToPlain(f)).toBe('Lihava ja tavallinen\nrivi kaksi\nkohta');
  });
});
