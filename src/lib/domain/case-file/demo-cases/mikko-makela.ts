/**
 * Demo case 1, Mikko Mäkelä (fictional): TP3, released in 9 days from Mikkeli prison; the gate
 * meeting is not planned yet.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Mikko's case: release path, three goals, prison visits and a planned debt-advice referral. */
export const MIKKO_MAKELA: DemoCaseScript = {
  team: { workers: ['worker'], experts: ['expert'] },
  actions: [
    {
      do: 'create',
      by: 'worker',
      day: -45,
      displayName: 'Mikko Mäkelä (demo)',
      alias: 'Mikko',
      workPackages: ['TP1', 'TP3'],
      reachedVia: 'prison',
      contactNote: 'Tavoitettavissa erityisohjaajan kautta vapautumiseen asti.',
      consent: { day: -45, privacyNoticeVersion: '2025-1', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker',
      day: -45,
      gender: 'man',
      birthYear: 1987,
      labourStatus: 'unemployed',
      longTermUnemployed: true,
      education: 'isced-0-2',
      euraStartDone: true,
      euraStartDay: -40
    },
    { do: 'start', by: 'worker', day: -45 },
    {
      do: 'assess',
      by: 'expert',
      day: -45,
      strengths: ['Kätevä käsistään, rakennusalan kokemusta', 'Haluaa olla tytärtään lähellä'],
      everydaySkills: ['Unirytmi kunnossa vankilassa; vapaudessa ollut vaikeaa'],
      obstacles: ['Ei henkilökorttia', 'Ei asuntoa vapautuessa', 'Velkoja ulosotossa'],
      notes: 'Motivoitunut. Toivoo, että joku on vastassa portilla.'
    },
    {
      do: 'release',
      by: 'worker',
      day: -44,
      prison: 'Mikkelin vankila',
      instructor: 'Erityisohjaaja Eila Esimerkki (demo)',
      contact: 'vankilan vaihteen kautta',
      releaseDay: 9,
      plan: 'Asunto: hakemus kaupungin vuokra-asuntoon tehty yhdessä.\nKela: perustoimeentulotuen hakemus vapautumisviikolla.\nEnsimmäiset kaksi viikkoa: tapaaminen kohtaamispaikalla joka toinen päivä.',
      done: [
        ['id-card', -20],
        ['phone', -10]
      ]
    },
    {
      do: 'goal',
      by: 'worker',
      day: -44,
      theme: 'housing',
      title: 'Oma asunto vapautuessa',
      status: 'in-progress',
      steps: [
        { text: 'Vuokra-asuntohakemus yhdessä', owner: 'worker', due: -30, status: 'done' },
        { text: 'Soitto vuokranantajalle hakemuksen tilanteesta', owner: 'worker', due: 2 },
        { text: 'Kotivakuutus kuntoon', owner: 'participant', due: 12 }
      ]
    },
    {
      do: 'goal',
      by: 'expert',
      day: -30,
      theme: 'documents-id',
      title: 'Henkilöpaperit kuntoon',
      status: 'reached',
      steps: [
        {
          text: 'Henkilökortin hakeminen poliisilta vankilasta käsin',
          owner: 'worker',
          due: -20,
          status: 'done'
        }
      ]
    },
    {
      do: 'goal',
      by: 'worker',
      day: -20,
      theme: 'finances',
      title: 'Velkatilanteen selvittäminen',
      steps: [{ text: 'Aika talous- ja velkaneuvontaan', owner: 'worker', due: 16 }]
    },
    {
      do: 'meeting',
      day: -44,
      kind: 'prison-visit',
      status: 'held',
      place: 'Mikkelin vankila',
      staff: ['worker', 'expert'],
      presentOther: 'erityisohjaaja',
      notes:
        'Ensimmäinen tapaaminen. Käytiin läpi vapautumisen suunnitelma erityisohjaajan kanssa.\nTärkeintä: asunto ja henkilökortti.'
    },
    {
      do: 'meeting',
      day: -20,
      kind: 'prison-visit',
      status: 'held',
      place: 'Mikkelin vankila',
      staff: ['worker'],
      notes: 'Henkilökortin hakemus tehty. Puhelin hankittu omaisen kautta.'
    },
    {
      do: 'meeting',
      day: 3,
      time: '13:00',
      kind: 'prison-visit',
      place: 'Mikkelin vankila',
      staff: ['worker', 'expert']
    },
    {
      do: 'referral',
      by: 'worker',
      day: -20,
      service: 'debt-advice',
      status: 'planned',
      accompanied: true
    }
  ]
};
