/**
 * Demo case 2, Tuomas Koskinen (fictional): TP3, released in 23 days from Sukeva; the gate
 * meeting is planned and the travel to Mikkeli arranged.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Tuomas's case: release path, a work-trial goal, a video visit and the planned gate meeting. */
export const TUOMAS_KOSKINEN: DemoCaseScript = {
  team: { workers: ['worker2'], experts: ['expert'] },
  actions: [
    {
      do: 'create',
      by: 'worker2',
      day: -25,
      displayName: 'Tuomas Koskinen (demo)',
      workPackages: ['TP3'],
      reachedVia: 'prison',
      consent: { day: -25, privacyNoticeVersion: '2025-1', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker2',
      day: -25,
      gender: 'man',
      birthYear: 1999,
      labourStatus: 'unemployed',
      education: 'isced-3-4',
      euraStartDone: true,
      euraStartDay: -24
    },
    { do: 'start', by: 'worker2', day: -25 },
    {
      do: 'assess',
      by: 'expert',
      day: -25,
      strengths: ['Ammattitutkinto (kokki)', 'Urheilullinen'],
      everydaySkills: ['Tarvitsee tukea raha-asioissa'],
      obstacles: ['Vanha kaveripiiri Mikkelissä']
    },
    {
      do: 'release',
      by: 'worker2',
      day: -24,
      prison: 'Sukevan vankila',
      instructor: 'Erityisohjaaja Sami Sukeva (demo)',
      contact: 'sähköposti vankilan kautta',
      releaseDay: 23,
      plan: 'Matka Sukevalta Mikkeliin: junaliput ostettu.\nAsuminen aluksi tukiasunnossa.\nHaku ravintola-alan työkokeiluun.',
      done: [['bank-account', -5]]
    },
    {
      do: 'goal',
      by: 'worker2',
      day: -24,
      theme: 'work',
      title: 'Työkokeilu ravintolakeittiössä',
      steps: [
        { text: 'CV päivitetään videotapaamisessa', owner: 'expert', due: 4 },
        { text: 'Kaksi työhakemusta lähetetään yhdessä', owner: 'participant', due: 14 }
      ]
    },
    {
      do: 'meeting',
      day: -24,
      kind: 'prison-visit',
      status: 'held',
      place: 'Sukevan vankila (videoyhteys)',
      staff: ['worker2', 'expert'],
      presentOther: 'erityisohjaaja',
      notes: 'Tutustuminen. Tuomas haluaa muuttaa Mikkeliin siskonsa lähelle.'
    },
    {
      do: 'meeting',
      day: 10,
      time: '10:00',
      kind: 'prison-visit',
      place: 'Sukevan vankila (videoyhteys)',
      staff: ['worker2']
    },
    {
      do: 'meeting',
      day: 23,
      time: '08:00',
      kind: 'gate-meeting',
      place: 'Mikkelin rautatieasema',
      staff: ['worker2', 'expert']
    }
  ]
};
