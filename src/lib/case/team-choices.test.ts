import { describe, expect, it } from 'vitest';
import type { StaffMember } from '$lib/api/staff';
import { teamChoices } from './team-choices.ts';

const staff: StaffMember[] = [
  { id: 'w1', displayName: 'Olli Ohjaaja', role: 'worker', enabled: true },
  { id: 'c1', displayName: 'Kaisa Koordinaattori', role: 'coordinator', enabled: true },
  { id: 'w-off', displayName: 'Lähtenyt Ohjaaja', role: 'worker', enabled: false },
  { id: 'e1', displayName: 'Kalle Kokemus', role: 'expert', enabled: true },
  { id: 'e-off', displayName: 'Entinen Kokemus', role: 'expert', enabled: false }
];

describe('teamChoices', () => {
  it('offers the enabled staff of the list’s roles, and no disabled account that is not on the team', () => {
    expect(teamChoices(staff, 'workers', [])).toEqual([
      { id: 'w1', name: 'Olli Ohjaaja', kind: 'staff' },
      { id: 'c1', name: 'Kaisa Koordinaattori', kind: 'staff' }
    ]);
    expect(teamChoices(staff, 'experts', [])).toEqual([{ id: 'e1', name: 'Kalle Kokemus', kind: 'staff' }]);
  });

  it('lists every member: a disabled account, one the staff list lacks, one whose role changed', () => {
    expect(teamChoices(staff, 'workers', ['w1', 'w-off', 'gone', 'e1'])).toEqual([
      { id: 'w1', name: 'Olli Ohjaaja', kind: 'staff' },
      { id: 'c1', name: 'Kaisa Koordinaattori', kind: 'staff' },
      { id: 'w-off', name: 'Lähtenyt Ohjaaja', kind: 'disabled' },
      { id: 'gone', name: null, kind: 'unlisted' },
      { id: 'e1', name: 'Kalle Kokemus', kind: 'unlisted' }
    ]);
    expect(teamChoices(staff, 'experts', ['e-off', 'gone', 'gone'])).toEqual([
      { id: 'e1', name: 'Kalle Kokemus', kind: 'staff' },
      { id: 'e-off', name: 'Entinen Kokemus', kind: 'disabled' },
      { id: 'gone', name: null, kind: 'unlisted' }
    ]);
  });

  it('lists the members even before the staff list has arrived', () => {
    expect(teamChoices([], 'workers', ['w1'])).toEqual([{ id: 'w1', name: null, kind: 'unlisted' }]);
  });
});
