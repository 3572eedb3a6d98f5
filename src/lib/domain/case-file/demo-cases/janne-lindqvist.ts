/**
 * Demo case 3, Janne Lindqvist (fictional): TP3, released 12 days ago; met at the gate; the
 * support continues in freedom.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Janne's case: a completed release checklist, the gate meeting held, two referrals. */
export const JANNE_LINDQVIST: DemoCaseScript = {
  team: { workers: ['worker'], experts: ['expert'] },
  actions: [
    {
      do: 'create',
      by: 'worker',
      day: -70,
      displayName: 'Janne Lindqvist (demo)',
      alias: 'Janne',
      workPackages: ['TP1', 'TP3'],
      reachedVia: 'prison',
      consent: { day: -70, privacyNoticeVersion: '2025-1', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker',
      day: -70,
      gender: 'man',
      birthYear: 1979,
      labourStatus: 'unemployed',
      longTermUnemployed: true,
      education: 'isced-0-2',
      euraStartDone: true,
      euraStartDay: -68
    },
    { do: 'start', by: 'worker', day: -70 },
    {
      do: 'release',
      by: 'worker',
      day: -68,
      prison: 'Mikkelin vankila',
      instructor: 'Erityisohjaaja Eila Esimerkki (demo)',
      contact: 'vankilan vaihteen kautta',
      releaseDay: -12,
      plan: 'Portilla vastassa ohjaaja ja kokemusasiantuntija.\nEnsimmäisenä päivänä Kelaan ja pankkiin.',
      done: [
        ['id-card', -40],
        ['bank-account', -12],
        ['kela-benefits', -11],
        ['housing', -12],
        ['health-care', -8],
        ['phone', -30]
      ]
    },
    {
      do: 'goal',
      by: 'worker',
      day: -68,
      theme: 'health-substance-use',
      title: 'Päihteetön arki vapaudessa',
      status: 'in-progress',
      steps: [
        { text: 'Korvaushoidon jatkuminen sovittu', owner: 'worker', due: -12, status: 'done' },
        { text: 'Käynti kohtaamispaikan olohuoneessa kahdesti viikossa', owner: 'participant', due: 5 }
      ]
    },
    {
      do: 'goal',
      by: 'expert',
      day: -40,
      theme: 'daily-rhythm',
      title: 'Päivärytmi kuntoon',
      steps: [{ text: 'Herätys ja aamupala ennen yhdeksää, seurataan viikko', owner: 'participant', due: 1 }]
    },
    {
      do: 'meeting',
      day: -68,
      kind: 'prison-visit',
      status: 'held',
      place: 'Mikkelin vankila',
      staff: ['worker', 'expert'],
      notes: 'Suunniteltiin vapautumispäivä.'
    },
    {
      do: 'meeting',
      day: -12,
      time: '08:30',
      kind: 'gate-meeting',
      status: 'held',
      place: 'Mikkelin vankilan portti',
      staff: ['worker', 'expert'],
      notes: 'Vastassa portilla. Käytiin Kelassa ja pankissa. Hyvä päivä.'
    },
    {
      do: 'meeting',
      day: -5,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['expert'],
      notes: 'Kahvit ja kuulumiset. Asunnossa kaikki kunnossa.'
    },
    { do: 'meeting', day: 2, time: '14:00', kind: 'one-to-one', place: 'Kohtaamispaikka', staff: ['worker'] },
    {
      do: 'referral',
      by: 'worker',
      day: -10,
      service: 'health-substance-services',
      status: 'realised',
      accompanied: true,
      outcome: 'Hoitosuhde jatkuu.'
    },
    {
      do: 'referral',
      by: 'worker',
      day: -6,
      service: 'employment-services',
      status: 'referred',
      accompanied: false
    }
  ]
};
