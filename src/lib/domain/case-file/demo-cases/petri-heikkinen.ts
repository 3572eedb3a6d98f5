/**
 * Demo case 5, Petri Heikkinen (fictional): TP1, active but nobody has met him for five weeks;
 * one step is overdue and the EURA start form is still missing.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Petri's case: one goal with an overdue step, the last meeting five weeks ago. */
export const PETRI_HEIKKINEN: DemoCaseScript = {
  team: { workers: ['worker'], experts: ['expert'] },
  actions: [
    {
      do: 'create',
      by: 'worker',
      day: -120,
      displayName: 'Petri Heikkinen (demo)',
      workPackages: ['TP1'],
      reachedVia: 'own-contact',
      consent: { day: -120, privacyNoticeVersion: '2024-2', method: 'verbal' }
    },
    {
      do: 'entry',
      by: 'worker',
      day: -118,
      gender: 'man',
      birthYear: 1966,
      labourStatus: 'unemployed',
      longTermUnemployed: true,
      education: 'isced-3-4',
      euraStartDone: false
    },
    { do: 'start', by: 'worker', day: -118 },
    {
      do: 'goal',
      by: 'worker',
      day: -110,
      theme: 'card-trainings',
      title: 'Työturvallisuuskortti',
      steps: [
        { text: 'Ilmoittautuminen kurssille', owner: 'participant', due: -6 },
        { text: 'Kurssipäivä', owner: 'participant', due: 25 }
      ]
    },
    {
      do: 'meeting',
      day: -110,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['worker'],
      notes: 'Petri haluaa rakennusalalle. EURA-lomake vielä täyttämättä.'
    },
    {
      do: 'meeting',
      day: -36,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['worker', 'expert'],
      notes: 'Kurssi löytyi. Ilmoittautuminen Petrin vastuulla.'
    },
    {
      do: 'referral',
      by: 'worker',
      day: -100,
      service: 'adult-social-work',
      status: 'realised',
      accompanied: true,
      outcome: 'Toimeentulotuki kuntoon.'
    }
  ]
};
