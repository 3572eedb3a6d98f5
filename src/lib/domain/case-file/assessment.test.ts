import { describe, expect, it } from 'vitest';
import { writePlainParagraphs } from '../rich-text.ts';
import { addAssessmentItem, removeAssessmentItem, updateAssessmentItem } from './assessment.ts';
import { CaseFileError } from './errors.ts';
import { readCaseFile } from './read.ts';
import { assessmentNotes } from './shape.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext('expert-1', '2025-06-02T09:00:00Z');

describe('situation assessment', () => {
  it('keeps structured items per area plus free text', () => {
    const doc = newCaseDoc();
    const a = addAssessmentItem(doc, ctx, 'strengths', 'Hyvä kädentaidoissa');
    const b = addAssessmentItem(doc, ctx, 'obstacles', 'Ei pankkitunnuksia');
    addAssessmentItem(doc, ctx, 'everydaySkills', 'Unirytmi sekaisin');
    updateAssessmentItem(doc, ctx, 'strengths', a, 'Hyvä kädentaidoissa ja ruuanlaitossa');
    removeAssessmentItem(doc, ctx, 'obstacles', b);
    writePlainParagraphs(assessmentNotes(doc, 'strengths'), 'Sisko tukee.');
    const s = readCaseFile(doc).assessment;
    expect(s.strengths.items).toEqual([
      {
        id: a,
        text: 'Hyvä kädentaidoissa ja ruuanlaitossa',
        createdAt: '2025-06-02T09:00:00.000Z',
        createdBy: 'expert-1'
      }
    ]);
    expect(s.strengths.notesText).toBe('Sisko tukee.');
    expect(s.obstacles.items).toEqual([]);
    expect(s.everydaySkills.items.map((i) => i.text)).toEqual(['Unirytmi sekaisin']);
  });

  it('rejects unknown areas, empty text and unknown ids', () => {
    const doc = newCaseDoc();
    expect(() => addAssessmentItem(doc, ctx, 'hobbies' as never, 'x')).toThrow(CaseFileError);
    expect(() => addAssessmentItem(doc, ctx, 'strengths', '')).toThrow(CaseFileError);
    expect(() => updateAssessmentItem(doc, ctx, 'strengths', 'nope', 'x')).toThrow(
      expect.objectContaining({ code: 'not_found' })
    );
  });
});
