/**
 * Demo case 7, Kari Nieminen (fictional): ended 25 days ago in job search; the 4-week follow-up
 * is due within days.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Kari's case: a reached goal, the end review and exit data, no follow-up yet. */
export const KARI_NIEMINEN: DemoCaseScript = {
  team: { workers: ['worker'], experts: [] },
  actions: [
    {
      do: 'create',
      by: 'worker',
      day: -200,
      displayName: 'Kari Nieminen (demo)',
      workPackages: ['TP1'],
      reachedVia: 'partner',
      consent: { day: -200, privacyNoticeVersion: '2024-2', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker',
      day: -198,
      gender: 'man',
      birthYear: 1984,
      labourStatus: 'unemployed',
      education: 'isced-3-4',
      euraStartDone: true,
      euraStartDay: -197
    },
    { do: 'start', by: 'worker', day: -198 },
    {
      do: 'goal',
      by: 'worker',
      day: -190,
      theme: 'work',
      title: 'Aktiivinen työnhaku',
      status: 'reached',
      steps: [{ text: 'Ilmoittautuminen työnhakijaksi', owner: 'participant', due: -150, status: 'done' }]
    },
    {
      do: 'meeting',
      day: -27,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['worker'],
      notes: 'Päättöarvio yhdessä.'
    },
    {
      do: 'end',
      by: 'worker',
      day: -25,
      results: [['job-search', -30]],
      paths: ['Työllisyyspalveluiden asiakkuus jatkuu', 'Vertaisryhmä kohtaamispaikassa torstaisin'],
      review: 'Kari saavutti tavoitteensa: työnhaku on käynnissä ja arki on vakaata.',
      euraEnd: true
    }
  ]
};
