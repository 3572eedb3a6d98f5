/**
 * Demo case 8, Heidi Peltonen (fictional): returned. She ended last year when her studies began;
 * both follow-ups of that exit were done; ten days ago she came back, and the work has not
 * restarted yet.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Heidi's case: a whole first episode, its follow-ups, and her return. */
export const HEIDI_PELTONEN: DemoCaseScript = {
  team: { workers: ['worker2'], experts: ['expert2'] },
  actions: [
    {
      do: 'create',
      by: 'worker2',
      day: -420,
      displayName: 'Heidi Peltonen (demo)',
      workPackages: ['TP1'],
      reachedVia: 'own-contact',
      consent: { day: -420, privacyNoticeVersion: '2024-1', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker2',
      day: -418,
      gender: 'woman',
      birthYear: 2001,
      labourStatus: 'inactive',
      education: 'isced-0-2',
      euraStartDone: true,
      euraStartDay: -417
    },
    { do: 'start', by: 'worker2', day: -418 },
    {
      do: 'goal',
      by: 'worker2',
      day: -410,
      theme: 'study',
      title: 'Peruskoulun päättötodistuksen korottaminen',
      status: 'reached',
      steps: [{ text: 'Haku aikuislukioon', owner: 'participant', due: -380, status: 'done' }]
    },
    {
      do: 'end',
      by: 'worker2',
      day: -300,
      results: [['education', -295]],
      paths: ['Opinnot aikuislukiossa'],
      review: 'Opinnot alkoivat. Sovittiin, että Heidi voi palata tarvittaessa.',
      euraEnd: true
    },
    {
      do: 'meeting',
      day: -10,
      kind: 'phone',
      status: 'held',
      staff: ['worker2'],
      notes: 'Heidi otti yhteyttä: opinnot keskeytyneet, haluaa tukea uudelleen.'
    },
    {
      do: 'meeting',
      day: 4,
      time: '15:00',
      kind: 'one-to-one',
      place: 'Kohtaamispaikka',
      staff: ['worker2', 'expert2']
    }
  ],
  later: [
    { do: 'follow-up', by: 'worker2', day: -272, kind: 'four-weeks' },
    { do: 'follow-up', by: 'worker2', day: -120, kind: 'six-months', employed: false },
    { do: 'reopen', by: 'worker2', day: -10 }
  ]
};
