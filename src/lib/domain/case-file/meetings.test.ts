import { describe, expect, it } from 'vitest';
import { richTextToPlain, writePlainParagraphs } from '../rich-text.ts';
import { CaseFileError } from './errors.ts';
import { addMeeting, meetingNotes, removeMeeting, setMeetingStaff, updateMeeting } from './meetings.ts';
import { readCaseFile } from './read.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();

describe('meetings', () => {
  it('adds meetings with a predictable notes fragment, sorted by date and time', () => {
    const doc = newCaseDoc();
    const late = addMeeting(doc, ctx, {
      date: '2025-06-10',
      time: '14:00',
      kind: 'one-to-one',
      place: 'Kohtaamispaikka'
    });
    const early = addMeeting(doc, ctx, {
      date: '2025-06-10',
      time: '09:00',
      kind: 'prison-visit',
      place: 'Vankila',
      presentStaff: ['worker-1', 'expert-1'],
      presentOther: 'erityisohjaaja',
      status: 'held'
    });
    const first = addMeeting(doc, ctx, { date: '2025-06-01', kind: 'phone' });
    const notes = meetingNotes(doc, early)!;
    writePlainParagraphs(notes, 'Käytiin läpi vapautumisen päivä.');
    const meetings = readCaseFile(doc).meetings;
    expect(meetings.map((m) => m.id)).toEqual([first, early, late]);
    expect(meetings[1]).toMatchObject({
      kind: 'prison-visit',
      status: 'held',
      presentStaff: ['expert-1', 'worker-1'],
      presentOther: 'erityisohjaaja',
      internal: false,
      notesText: 'Käytiin läpi vapautumisen päivä.'
    });
    expect(meetings[0]).toMatchObject({ status: 'planned', time: null, place: '' });
    expect(richTextToPlain(meetingNotes(doc, early)!)).toBe('Käytiin läpi vapautumisen päivä.');
    expect(meetingNotes(doc, 'nope')).toBe(null);
  });

  it('updates fields, presence and removal', () => {
    const doc = newCaseDoc();
    const id = addMeeting(doc, ctx, { date: '2025-06-10', kind: 'one-to-one' });
    updateMeeting(doc, ctx, id, { status: 'held', time: '10:30', internal: true, place: 'Toimisto' });
    setMeetingStaff(doc, ctx, id, 'worker-2', true);
    setMeetingStaff(doc, ctx, id, 'worker-2', false);
    setMeetingStaff(doc, ctx, id, 'expert-1', true);
    let m = readCaseFile(doc).meetings[0]!;
    expect(m).toMatchObject({ status: 'held', time: '10:30', internal: true, place: 'Toimisto' });
    expect(m.presentStaff).toEqual(['expert-1']);
    updateMeeting(doc, ctx, id, { time: null, internal: false });
    m = readCaseFile(doc).meetings[0]!;
    expect([m.time, m.internal]).toEqual([null, false]);
    removeMeeting(doc, ctx, id);
    expect(readCaseFile(doc).meetings).toEqual([]);
  });

  it.each([
    [{ date: '2025-06-10', kind: 'coffee' }],
    [{ date: '10.6.2025', kind: 'phone' }],
    [{ date: '2025-06-10', kind: 'phone', time: '9.30' }],
    [{ date: '2025-06-10', kind: 'phone', presentStaff: [''] }],
    [{ date: '2025-06-10', kind: 'phone', status: 'maybe' }]
  ])('rejects %j', (meeting) => {
    const doc = newCaseDoc();
    expect(() => addMeeting(doc, ctx, meeting as never)).toThrow(CaseFileError);
    expect(readCaseFile(doc).meetings).toEqual([]);
  });
});
