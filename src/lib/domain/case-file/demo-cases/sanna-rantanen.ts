/**
 * Demo case 4, Sanna Rantanen (fictional): TP1 (+TP2), a woman back from rehabilitation, active
 * at the meeting place.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Sanna's case: CV and study goals, meetings at the meeting place, a realised referral. */
export const SANNA_RANTANEN: DemoCaseScript = {
  team: { workers: ['worker2'], experts: ['expert2'] },
  actions: [
    {
      do: 'create',
      by: 'worker2',
      day: -60,
      displayName: 'Sanna Rantanen (demo)',
      workPackages: ['TP1', 'TP2'],
      reachedVia: 'partner',
      contactNote: 'Tekstiviesti ensin, soitto iltapäivisin.',
      consent: { day: -60, privacyNoticeVersion: '2025-1', method: 'written' }
    },
    {
      do: 'entry',
      by: 'worker2',
      day: -58,
      gender: 'woman',
      birthYear: 1992,
      labourStatus: 'unemployed',
      education: 'isced-3-4',
      euraStartDone: true,
      euraStartDay: -57
    },
    { do: 'start', by: 'worker2', day: -58 },
    {
      do: 'assess',
      by: 'expert2',
      day: -55,
      strengths: ['Lähihoitajan opintoja kesken', 'Hyvä tukiverkosto: äiti ja sisko'],
      everydaySkills: ['Kodinhoito sujuu', 'Unirytmi vielä epäsäännöllinen'],
      obstacles: ['Jännittää virastoasiointia', 'Ei ajantasaista CV:tä']
    },
    {
      do: 'goal',
      by: 'worker2',
      day: -55,
      theme: 'digital-skills-cv',
      title: 'CV ja Työmarkkinatorin profiili',
      status: 'in-progress',
      steps: [
        { text: 'CV-pohja täytetään yhdessä', owner: 'expert', due: -20, status: 'done' },
        { text: 'Profiili Työmarkkinatorille', owner: 'participant', due: 3 }
      ]
    },
    {
      do: 'goal',
      by: 'worker2',
      day: -55,
      theme: 'study',
      title: 'Lähihoitajaopintojen jatkaminen',
      steps: [
        { text: 'Tutustumiskäynti Eseduun', owner: 'worker', due: 6 },
        { text: 'Opinto-ohjaajan tapaaminen', owner: 'participant', due: 20 }
      ]
    },
    {
      do: 'meeting',
      day: -58,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['worker2', 'expert2'],
      notes: 'Aloitus. Sanna kertoi kuntoutusjaksosta ja toiveesta palata opiskelemaan.'
    },
    {
      do: 'meeting',
      day: -20,
      kind: 'one-to-one',
      status: 'held',
      place: 'Kohtaamispaikka',
      staff: ['expert2'],
      notes: 'CV-pohja tehtiin yhdessä.'
    },
    {
      do: 'meeting',
      day: -6,
      kind: 'phone',
      status: 'held',
      staff: ['worker2'],
      notes: 'Sovittiin Esedun käynti.'
    },
    {
      do: 'meeting',
      day: 6,
      time: '12:00',
      kind: 'outreach',
      place: 'Esedu, Mikkeli',
      staff: ['worker2', 'expert2']
    },
    {
      do: 'referral',
      by: 'worker2',
      day: -40,
      service: 'family-counselling',
      status: 'realised',
      accompanied: false,
      outcome: 'Kaksi käyntiä.'
    }
  ]
};
