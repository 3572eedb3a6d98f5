import { describe, expect, it } from 'vitest';
import { isUuidV7 } from '../ids.ts';
import { buildDemoCases, seededIds } from './demo.ts';
import { esfIndicatorRecord } from './indicators.ts';
import { toPrintablePlan } from './printable-plan.ts';
import { readCaseFile } from './read.ts';
import { homeReminders } from './reminders.ts';
import { profileMap } from './shape.ts';

const TODAY = '2025-06-04';
const build = () => buildDemoCases(TODAY, seededIds(7, Date.UTC(2025, 5, 4)));

describe('buildDemoCases', () => {
  it('makes eight fictional participants covering every situation', () => {
    const cases = build();
    expect(cases).toHaveLength(8);
    expect(new Set(cases.map((c) => c.caseId)).size).toBe(8);
    for (const c of cases) {
      expect(isUuidV7(c.caseId)).toBe(true);
      expect(c.displayName).toMatch(/\(demo\)$/);
      expect(profileMap(c.doc).get('displayName')).toBe(c.displayName);
      expect(c.team.workers.length).toBeGreaterThan(0);
    }
    const files = cases.map((c) => readCaseFile(c.doc));
    const statuses = files.map((f) => f.status);
    expect(statuses.filter((s) => s === 'active').length).toBeGreaterThanOrEqual(4);
    expect(statuses).toContain('contacted');
    expect(statuses).toContain('ended');
    expect(statuses).toContain('returned');
    const tp3 = files.filter((f) => f.profile.workPackages.includes('TP3'));
    expect(tp3.length).toBeGreaterThanOrEqual(3);
    expect(files.every((f) => f.goals.length > 0 || f.status === 'contacted')).toBe(true);
    expect(files.filter((f) => f.meetings.some((m) => m.notesText !== '')).length).toBeGreaterThanOrEqual(6);
    expect(files.flatMap((f) => f.referrals).length).toBeGreaterThanOrEqual(4);
  });

  it('gives the home view something in every list', () => {
    const cases = build();
    const r = homeReminders(
      cases.map((c) => ({ caseId: c.caseId, file: readCaseFile(c.doc) })),
      TODAY
    );
    expect(r.releases.map((x) => [x.daysToRelease, x.needsGateMeeting])).toEqual([
      [9, true],
      [23, false]
    ]);
    expect(r.steps.length).toBeGreaterThanOrEqual(3);
    expect(r.steps.some((s) => s.overdue)).toBe(true);
    expect(r.followUps.map((f) => [f.displayName, f.kind])).toEqual([['Kari Nieminen (demo)', 'four-weeks']]);
    expect(r.quietCases.map((q) => q.displayName)).toEqual(['Petri Heikkinen (demo)']);
  });

  it('counts seven ESF+ participants (the one only contacted is not one), the returned person once', () => {
    const records = build()
      .map((c) => esfIndicatorRecord(readCaseFile(c.doc)))
      .filter((r) => r !== null);
    expect(records).toHaveLength(7);
    expect(records.filter((r) => r.exit !== null)).toHaveLength(2);
  });

  it('is deterministic for the same seed', () => {
    const a = build();
    const b = build();
    expect(a.map((c) => c.caseId)).toEqual(b.map((c) => c.caseId));
    expect(a.map((c) => readCaseFile(c.doc))).toEqual(b.map((c) => readCaseFile(c.doc)));
  });

  it('prints plans without meeting notes', () => {
    for (const c of build()) {
      const file = readCaseFile(c.doc);
      const text = JSON.stringify(toPrintablePlan(file, { today: TODAY, contactPersons: [] }));
      for (const m of file.meetings) if (m.notesText) expect(text).not.toContain(m.notesText.slice(0, 20));
    }
  });
});

describe('seededIds', () => {
  it('makes valid, increasing, repeatable UUIDv7s', () => {
    const a = seededIds(1, 1_000);
    const ids = [a(), a(), a()];
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const b = seededIds(1, 1_000);
    expect([b(), b(), b()]).toEqual(ids);
    expect(seededIds(2, 1_000)()).not.toBe(ids[0]);
  });
});
