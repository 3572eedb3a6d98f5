/**
 * Situation assessment (tilannearvio): strengths (voimavarat), everyday skills (arjenhallinta) and
 * obstacles to work or study. Each area is a structured list (root Y.Array of Y.Map
 * {id, text, createdAt, createdBy}) plus free text (root Y.XmlFragment `<area>Notes`, rich text
 * edited with Tiptap like the meeting notes, so the UI has one editor for all prose).
 */
import * as Y from 'yjs';
import { richTextToPlain } from '../rich-text.ts';
import { findById, mapsOf, readString, readText, writeField } from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import { notFound, requireEnum, requireText, SHORT_TEXT_MAX } from './errors.ts';
import { assessmentArray, assessmentNotes } from './shape.ts';
import { ASSESSMENT_AREAS, type AssessmentArea } from './vocabulary.ts';

export interface AssessmentItem {
  id: string;
  text: string;
  createdAt: string | null;
  createdBy: string | null;
}

export interface AssessmentSection {
  items: AssessmentItem[];
  /** The area's free text as plain text (edit the rich text through {@link assessmentNotes}). */
  notesText: string;
}

export type Assessment = Record<AssessmentArea, AssessmentSection>;

/** Adds an item ("Hyvä huumorintaju", "Ei pankkitunnuksia") to an area; returns its id. */
export function addAssessmentItem(doc: Y.Doc, ctx: EditContext, area: AssessmentArea, text: string): string {
  const a = requireEnum(area, ASSESSMENT_AREAS, 'area');
  const t = requireText(text, 'text', SHORT_TEXT_MAX, { allowEmpty: false });
  const id = nextId(ctx);
  edit(doc, ctx, 'assessment', () => {
    const item = new Y.Map<unknown>();
    assessmentArray(doc, a).push([item]);
    item.set('id', id);
    item.set('text', t);
    item.set('createdAt', ctx.now.toISOString());
    item.set('createdBy', ctx.actor);
  });
  return id;
}

export function updateAssessmentItem(
  doc: Y.Doc,
  ctx: EditContext,
  area: AssessmentArea,
  id: string,
  text: string
): void {
  const a = requireEnum(area, ASSESSMENT_AREAS, 'area');
  const t = requireText(text, 'text', SHORT_TEXT_MAX, { allowEmpty: false });
  const found = findById(assessmentArray(doc, a), id);
  if (!found) throw notFound('assessment item', id);
  edit(doc, ctx, 'assessment', () => writeField(found.map, 'text', t));
}

export function removeAssessmentItem(doc: Y.Doc, ctx: EditContext, area: AssessmentArea, id: string): void {
  const a = requireEnum(area, ASSESSMENT_AREAS, 'area');
  const arr = assessmentArray(doc, a);
  const found = findById(arr, id);
  if (!found) throw notFound('assessment item', id);
  edit(doc, ctx, 'assessment', () => arr.delete(found.index, 1));
}

export function readAssessment(doc: Y.Doc): Assessment {
  const out = {} as Assessment;
  for (const area of ASSESSMENT_AREAS) {
    out[area] = {
      items: mapsOf(assessmentArray(doc, area)).flatMap((m) => {
        const id = readString(m, 'id');
        return id === null
          ? []
          : [
              {
                id,
                text: readText(m, 'text'),
                createdAt: readString(m, 'createdAt'),
                createdBy: readString(m, 'createdBy')
              }
            ];
      }),
      notesText: richTextToPlain(assessmentNotes(doc, area))
    };
  }
  return out;
}
