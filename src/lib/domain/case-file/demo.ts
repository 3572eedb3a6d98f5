/**
 * Fictional demo participants for the demo workspace: eight case files that look like real work
 * in Mikkeli — some in TP1 at the drop-in meeting place, some on a TP3 release path with the
 * release in the coming weeks, one who has ended, one who has returned. Every person, note and
 * phone-free contact line here is invented; names carry "(demo)" like the demo users.
 *
 * Pure and seeded: all dates are offsets from `today`, ids come from the passed generator, so the
 * same inputs give the same case files (the Yjs client ids differ, the content does not).
 */
import * as Y from 'yjs';
import { addDays, type IsoDate } from '../dates.ts';
import { uuidv7 } from '../ids.ts';
import { writePlainParagraphs } from '../rich-text.ts';
import { addAssessmentItem } from './assessment.ts';
import type { EditContext } from './context.ts';
import { updateEntry, type EntryPatch } from './entry.ts';
import {
  addNextPath,
  endParticipation,
  endReviewFragment,
  recordFollowUp,
  reopenCase,
  setEuraEndForm,
  setExitResult,
  startParticipation
} from './episodes.ts';
import { addGoal, addStep, setGoalStatus, updateStep } from './goals.ts';
import { addMeeting, meetingNotes, type NewMeeting } from './meetings.ts';
import { createCaseFile, type NewCaseFile } from './profile.ts';
import { readCaseFile } from './read.ts';
import { addReferral, type NewReferral } from './referrals.ts';
import { setChecklistItem, updateReleasePath } from './release.ts';
import { actionPlanFragment, assessmentNotes } from './shape.ts';
import type { GoalStatus, GoalTheme, ReleaseChecklistItem, StepOwner, StepStatus } from './vocabulary.ts';

/** The staff a demo case is assigned to, by user id (the server maps its demo users here). */
export interface DemoStaff {
  worker: string;
  worker2: string;
  expert: string;
  expert2: string;
}

/** The demo users' usernames (server/demo/demo-workspace.ts), the default when no ids are given. */
export const DEMO_STAFF_USERNAMES: DemoStaff = {
  worker: 'demo.ohjaaja',
  worker2: 'demo.ohjaaja2',
  expert: 'demo.kokemus',
  expert2: 'demo.kokemus2'
};

export interface DemoCase {
  /** Participant id = case doc id. */
  caseId: string;
  displayName: string;
  doc: Y.Doc;
  /** Who should be on the team (for `PUT /api/participants/:id/team`). */
  team: { workers: string[]; experts: string[] };
}

/**
 * A deterministic UUIDv7 generator: times count up from `startMs` one millisecond per id, and the
 * random bits come from a seeded PRNG (mulberry32), so a seed always gives the same ids.
 */
export function seededIds(seed: number, startMs: number): () => string {
  let state = seed >>> 0;
  let ms = startMs;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return () => uuidv7(ms++, (bytes) => bytes.forEach((_, i) => (bytes[i] = next())));
}

interface GoalSpec {
  theme: GoalTheme;
  title: string;
  status?: GoalStatus;
  steps: Array<{ text: string; owner: StepOwner; due?: number; status?: StepStatus }>;
}

interface MeetingSpec extends Omit<NewMeeting, 'date' | 'presentStaff'> {
  day: number;
  staff: Array<keyof DemoStaff>;
  notes?: string;
}

/** Builds one case through the real mutators, so demo data obeys every rule. */
class CaseBuilder {
  readonly doc = new Y.Doc();
  constructor(
    private readonly today: IsoDate,
    private readonly ids: () => string,
    private readonly staff: DemoStaff
  ) {}

  day(offset: number): IsoDate {
    return addDays(this.today, offset);
  }

  ctx(who: keyof DemoStaff, offset: number): EditContext {
    return {
      actor: this.staff[who],
      origin: 'demo',
      // Mid-morning in Helsinki on that day.
      now: new Date(`${this.day(offset)}T08:00:00Z`),
      newId: this.ids
    };
  }

  create(who: keyof DemoStaff, contactedDay: number, init: Omit<NewCaseFile, 'contactedOn'>): this {
    createCaseFile(this.doc, this.ctx(who, contactedDay), { ...init, contactedOn: this.day(contactedDay) });
    return this;
  }

  entry(who: keyof DemoStaff, dayOffset: number, patch: EntryPatch): this {
    updateEntry(this.doc, this.ctx(who, dayOffset), patch);
    return this;
  }

  start(who: keyof DemoStaff, dayOffset: number): this {
    startParticipation(this.doc, this.ctx(who, dayOffset), this.day(dayOffset));
    return this;
  }

  assess(
    who: keyof DemoStaff,
    dayOffset: number,
    items: Record<'strengths' | 'everydaySkills' | 'obstacles', string[]>,
    notes?: string
  ): this {
    const ctx = this.ctx(who, dayOffset);
    for (const [area, texts] of Object.entries(items) as Array<
      ['strengths' | 'everydaySkills' | 'obstacles', string[]]
    >) {
      for (const t of texts) addAssessmentItem(this.doc, ctx, area, t);
    }
    if (notes)
      this.doc.transact(() => writePlainParagraphs(assessmentNotes(this.doc, 'strengths'), notes), 'demo');
    return this;
  }

  goal(who: keyof DemoStaff, dayOffset: number, spec: GoalSpec): this {
    const ctx = this.ctx(who, dayOffset);
    const id = addGoal(this.doc, ctx, { theme: spec.theme, title: spec.title });
    for (const s of spec.steps) {
      const stepId = addStep(this.doc, ctx, id, {
        text: s.text,
        owner: s.owner,
        dueDate: s.due === undefined ? null : this.day(s.due)
      });
      if (s.status) updateStep(this.doc, ctx, id, stepId, { status: s.status });
    }
    if (spec.status && spec.status !== 'open') {
      if (spec.status === 'reached') setGoalStatus(this.doc, this.ctx(who, dayOffset + 7), id, 'in-progress');
      setGoalStatus(this.doc, this.ctx(who, Math.min(0, dayOffset + 14)), id, spec.status);
    }
    return this;
  }

  meeting(spec: MeetingSpec): this {
    const { day, staff, notes, ...rest } = spec;
    const who = staff[0] ?? 'worker';
    const id = addMeeting(this.doc, this.ctx(who, Math.min(day, 0)), {
      ...rest,
      date: this.day(day),
      presentStaff: staff.map((s) => this.staff[s])
    });
    const fragment = meetingNotes(this.doc, id);
    if (notes && fragment) this.doc.transact(() => writePlainParagraphs(fragment, notes), 'demo');
    return this;
  }

  referral(who: keyof DemoStaff, dayOffset: number, r: Omit<NewReferral, 'date'>): this {
    addReferral(this.doc, this.ctx(who, dayOffset), { ...r, date: this.day(dayOffset) });
    return this;
  }

  release(
    who: keyof DemoStaff,
    dayOffset: number,
    path: { prison: string; instructor: string; contact: string; releaseDay: number; plan: string },
    done: Array<[ReleaseChecklistItem, number]>
  ): this {
    const ctx = this.ctx(who, dayOffset);
    updateReleasePath(this.doc, ctx, {
      prison: path.prison,
      specialInstructorName: path.instructor,
      specialInstructorContact: path.contact,
      releaseDate: this.day(path.releaseDay)
    });
    this.doc.transact(() => writePlainParagraphs(actionPlanFragment(this.doc), path.plan), 'demo');
    for (const [item, day] of done) setChecklistItem(this.doc, this.ctx(who, day), item, true, this.day(day));
    return this;
  }

  end(
    who: keyof DemoStaff,
    exitDay: number,
    exit: {
      results: Array<['job-search' | 'education' | 'qualification' | 'employment', number]>;
      paths: string[];
      review: string;
      euraEnd: boolean;
    }
  ): this {
    const ctx = this.ctx(who, exitDay);
    endParticipation(this.doc, ctx, this.day(exitDay));
    const episode = readCaseFile(this.doc).episodes.at(-1)!.id;
    for (const [result, day] of exit.results) setExitResult(this.doc, ctx, episode, result, this.day(day));
    for (const p of exit.paths) addNextPath(this.doc, ctx, episode, p);
    const review = endReviewFragment(this.doc, episode);
    if (review) this.doc.transact(() => writePlainParagraphs(review, exit.review), 'demo');
    if (exit.euraEnd) setEuraEndForm(this.doc, ctx, episode, true, this.day(exitDay));
    return this;
  }
}

/**
 * About eight fictional participants' case files relative to `today`, assigned to the demo staff.
 * `ids` makes participant and item ids (use {@link seededIds} for repeatable demo data).
 */
export function buildDemoCases(
  today: IsoDate,
  ids: () => string,
  staff: DemoStaff = DEMO_STAFF_USERNAMES
): DemoCase[] {
  const cases: DemoCase[] = [];
  const add = (
    b: CaseBuilder,
    team: { workers: Array<keyof DemoStaff>; experts: Array<keyof DemoStaff> }
  ) => {
    const file = readCaseFile(b.doc);
    cases.push({
      caseId: ids(),
      displayName: file.profile.displayName,
      doc: b.doc,
      team: { workers: team.workers.map((w) => staff[w]), experts: team.experts.map((e) => staff[e]) }
    });
  };
  const builder = () => new CaseBuilder(today, ids, staff);

  // 1. TP3: release in 9 days from Mikkeli prison; the gate meeting is not planned yet.
  add(
    builder()
      .create('worker', -45, {
        displayName: 'Mikko Mäkelä (demo)',
        alias: 'Mikko',
        workPackages: ['TP1', 'TP3'],
        reachedVia: 'prison',
        contactNote: 'Tavoitettavissa erityisohjaajan kautta vapautumiseen asti.',
        consent: { date: addDays(today, -45), privacyNoticeVersion: '2025-1', method: 'written' }
      })
      .entry('worker', -45, {
        gender: 'man',
        birthYear: 1987,
        labourStatus: 'unemployed',
        longTermUnemployed: true,
        education: 'isced-0-2',
        euraStartDone: true,
        euraStartDate: addDays(today, -40)
      })
      .start('worker', -45)
      .assess(
        'expert',
        -45,
        {
          strengths: ['Kätevä käsistään, rakennusalan kokemusta', 'Haluaa olla tytärtään lähellä'],
          everydaySkills: ['Unirytmi kunnossa vankilassa; vapaudessa ollut vaikeaa'],
          obstacles: ['Ei henkilökorttia', 'Ei asuntoa vapautuessa', 'Velkoja ulosotossa']
        },
        'Motivoitunut. Toivoo, että joku on vastassa portilla.'
      )
      .release(
        'worker',
        -44,
        {
          prison: 'Mikkelin vankila',
          instructor: 'Erityisohjaaja Eila Esimerkki (demo)',
          contact: 'vankilan vaihteen kautta',
          releaseDay: 9,
          plan: 'Asunto: hakemus kaupungin vuokra-asuntoon tehty yhdessä.\nKela: perustoimeentulotuen hakemus vapautumisviikolla.\nEnsimmäiset kaksi viikkoa: tapaaminen kohtaamispaikalla joka toinen päivä.'
        },
        [
          ['id-card', -20],
          ['phone', -10]
        ]
      )
      .goal('worker', -44, {
        theme: 'housing',
        title: 'Oma asunto vapautuessa',
        status: 'in-progress',
        steps: [
          { text: 'Vuokra-asuntohakemus yhdessä', owner: 'worker', due: -30, status: 'done' },
          { text: 'Soitto vuokranantajalle hakemuksen tilanteesta', owner: 'worker', due: 2 },
          { text: 'Kotivakuutus kuntoon', owner: 'participant', due: 12 }
        ]
      })
      .goal('expert', -30, {
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
      })
      .goal('worker', -20, {
        theme: 'finances',
        title: 'Velkatilanteen selvittäminen',
        steps: [{ text: 'Aika talous- ja velkaneuvontaan', owner: 'worker', due: 16 }]
      })
      .meeting({
        day: -44,
        kind: 'prison-visit',
        status: 'held',
        place: 'Mikkelin vankila',
        staff: ['worker', 'expert'],
        presentOther: 'erityisohjaaja',
        notes:
          'Ensimmäinen tapaaminen. Käytiin läpi vapautumisen suunnitelma erityisohjaajan kanssa.\nTärkeintä: asunto ja henkilökortti.'
      })
      .meeting({
        day: -20,
        kind: 'prison-visit',
        status: 'held',
        place: 'Mikkelin vankila',
        staff: ['worker'],
        notes: 'Henkilökortin hakemus tehty. Puhelin hankittu omaisen kautta.'
      })
      .meeting({
        day: 3,
        time: '13:00',
        kind: 'prison-visit',
        place: 'Mikkelin vankila',
        staff: ['worker', 'expert']
      })
      .referral('worker', -20, { service: 'debt-advice', status: 'planned', accompanied: true }),
    { workers: ['worker'], experts: ['expert'] }
  );

  // 2. TP3: release in 23 days from Sukeva; gate meeting planned, travel to Mikkeli arranged.
  add(
    builder()
      .create('worker2', -25, {
        displayName: 'Tuomas Koskinen (demo)',
        workPackages: ['TP3'],
        reachedVia: 'prison',
        consent: { date: addDays(today, -25), privacyNoticeVersion: '2025-1', method: 'written' }
      })
      .entry('worker2', -25, {
        gender: 'man',
        birthYear: 1999,
        labourStatus: 'unemployed',
        education: 'isced-3-4',
        euraStartDone: true,
        euraStartDate: addDays(today, -24)
      })
      .start('worker2', -25)
      .assess('expert', -25, {
        strengths: ['Ammattitutkinto (kokki)', 'Urheilullinen'],
        everydaySkills: ['Tarvitsee tukea raha-asioissa'],
        obstacles: ['Vanha kaveripiiri Mikkelissä']
      })
      .release(
        'worker2',
        -24,
        {
          prison: 'Sukevan vankila',
          instructor: 'Erityisohjaaja Sami Sukeva (demo)',
          contact: 'sähköposti vankilan kautta',
          releaseDay: 23,
          plan: 'Matka Sukevalta Mikkeliin: junaliput ostettu.\nAsuminen aluksi tukiasunnossa.\nHaku ravintola-alan työkokeiluun.'
        },
        [['bank-account', -5]]
      )
      .goal('worker2', -24, {
        theme: 'work',
        title: 'Työkokeilu ravintolakeittiössä',
        steps: [
          { text: 'CV päivitetään videotapaamisessa', owner: 'expert', due: 4 },
          { text: 'Kaksi työhakemusta lähetetään yhdessä', owner: 'participant', due: 14 }
        ]
      })
      .meeting({
        day: -24,
        kind: 'prison-visit',
        status: 'held',
        place: 'Sukevan vankila (videoyhteys)',
        staff: ['worker2', 'expert'],
        presentOther: 'erityisohjaaja',
        notes: 'Tutustuminen. Tuomas haluaa muuttaa Mikkeliin siskonsa lähelle.'
      })
      .meeting({
        day: 10,
        time: '10:00',
        kind: 'prison-visit',
        place: 'Sukevan vankila (videoyhteys)',
        staff: ['worker2']
      })
      .meeting({
        day: 23,
        time: '08:00',
        kind: 'gate-meeting',
        place: 'Mikkelin rautatieasema',
        staff: ['worker2', 'expert']
      }),
    { workers: ['worker2'], experts: ['expert'] }
  );

  // 3. TP3: released 12 days ago; met at the gate; support continues in freedom.
  add(
    builder()
      .create('worker', -70, {
        displayName: 'Janne Lindqvist (demo)',
        alias: 'Janne',
        workPackages: ['TP1', 'TP3'],
        reachedVia: 'prison',
        consent: { date: addDays(today, -70), privacyNoticeVersion: '2025-1', method: 'written' }
      })
      .entry('worker', -70, {
        gender: 'man',
        birthYear: 1979,
        labourStatus: 'unemployed',
        longTermUnemployed: true,
        education: 'isced-0-2',
        euraStartDone: true,
        euraStartDate: addDays(today, -68)
      })
      .start('worker', -70)
      .release(
        'worker',
        -68,
        {
          prison: 'Mikkelin vankila',
          instructor: 'Erityisohjaaja Eila Esimerkki (demo)',
          contact: 'vankilan vaihteen kautta',
          releaseDay: -12,
          plan: 'Portilla vastassa ohjaaja ja kokemusasiantuntija.\nEnsimmäisenä päivänä Kelaan ja pankkiin.'
        },
        [
          ['id-card', -40],
          ['bank-account', -12],
          ['kela-benefits', -11],
          ['housing', -12],
          ['health-care', -8],
          ['phone', -30]
        ]
      )
      .goal('worker', -68, {
        theme: 'health-substance-use',
        title: 'Päihteetön arki vapaudessa',
        status: 'in-progress',
        steps: [
          { text: 'Korvaushoidon jatkuminen sovittu', owner: 'worker', due: -12, status: 'done' },
          { text: 'Käynti kohtaamispaikan olohuoneessa kahdesti viikossa', owner: 'participant', due: 5 }
        ]
      })
      .goal('expert', -40, {
        theme: 'daily-rhythm',
        title: 'Päivärytmi kuntoon',
        steps: [
          { text: 'Herätys ja aamupala ennen yhdeksää, seurataan viikko', owner: 'participant', due: 1 }
        ]
      })
      .meeting({
        day: -68,
        kind: 'prison-visit',
        status: 'held',
        place: 'Mikkelin vankila',
        staff: ['worker', 'expert'],
        notes: 'Suunniteltiin vapautumispäivä.'
      })
      .meeting({
        day: -12,
        time: '08:30',
        kind: 'gate-meeting',
        status: 'held',
        place: 'Mikkelin vankilan portti',
        staff: ['worker', 'expert'],
        notes: 'Vastassa portilla. Käytiin Kelassa ja pankissa. Hyvä päivä.'
      })
      .meeting({
        day: -5,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['expert'],
        notes: 'Kahvit ja kuulumiset. Asunnossa kaikki kunnossa.'
      })
      .meeting({ day: 2, time: '14:00', kind: 'one-to-one', place: 'Kohtaamispaikka', staff: ['worker'] })
      .referral('worker', -10, {
        service: 'health-substance-services',
        status: 'realised',
        accompanied: true,
        outcome: 'Hoitosuhde jatkuu.'
      })
      .referral('worker', -6, { service: 'employment-services', status: 'referred', accompanied: false }),
    { workers: ['worker'], experts: ['expert'] }
  );

  // 4. TP1 (+TP2): a woman back from rehabilitation, active at the meeting place.
  add(
    builder()
      .create('worker2', -60, {
        displayName: 'Sanna Rantanen (demo)',
        workPackages: ['TP1', 'TP2'],
        reachedVia: 'partner',
        contactNote: 'Tekstiviesti ensin, soitto iltapäivisin.',
        consent: { date: addDays(today, -60), privacyNoticeVersion: '2025-1', method: 'written' }
      })
      .entry('worker2', -58, {
        gender: 'woman',
        birthYear: 1992,
        labourStatus: 'unemployed',
        education: 'isced-3-4',
        euraStartDone: true,
        euraStartDate: addDays(today, -57)
      })
      .start('worker2', -58)
      .assess('expert2', -55, {
        strengths: ['Lähihoitajan opintoja kesken', 'Hyvä tukiverkosto: äiti ja sisko'],
        everydaySkills: ['Kodinhoito sujuu', 'Unirytmi vielä epäsäännöllinen'],
        obstacles: ['Jännittää virastoasiointia', 'Ei ajantasaista CV:tä']
      })
      .goal('worker2', -55, {
        theme: 'digital-skills-cv',
        title: 'CV ja Työmarkkinatorin profiili',
        status: 'in-progress',
        steps: [
          { text: 'CV-pohja täytetään yhdessä', owner: 'expert', due: -20, status: 'done' },
          { text: 'Profiili Työmarkkinatorille', owner: 'participant', due: 3 }
        ]
      })
      .goal('worker2', -55, {
        theme: 'study',
        title: 'Lähihoitajaopintojen jatkaminen',
        steps: [
          { text: 'Tutustumiskäynti Eseduun', owner: 'worker', due: 6 },
          { text: 'Opinto-ohjaajan tapaaminen', owner: 'participant', due: 20 }
        ]
      })
      .meeting({
        day: -58,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['worker2', 'expert2'],
        notes: 'Aloitus. Sanna kertoi kuntoutusjaksosta ja toiveesta palata opiskelemaan.'
      })
      .meeting({
        day: -20,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['expert2'],
        notes: 'CV-pohja tehtiin yhdessä.'
      })
      .meeting({
        day: -6,
        kind: 'phone',
        status: 'held',
        staff: ['worker2'],
        notes: 'Sovittiin Esedun käynti.'
      })
      .meeting({
        day: 6,
        time: '12:00',
        kind: 'outreach',
        place: 'Esedu, Mikkeli',
        staff: ['worker2', 'expert2']
      })
      .referral('worker2', -40, {
        service: 'family-counselling',
        status: 'realised',
        accompanied: false,
        outcome: 'Kaksi käyntiä.'
      }),
    { workers: ['worker2'], experts: ['expert2'] }
  );

  // 5. TP1: active but nobody has met him for five weeks; one step overdue.
  add(
    builder()
      .create('worker', -120, {
        displayName: 'Petri Heikkinen (demo)',
        workPackages: ['TP1'],
        reachedVia: 'own-contact',
        consent: { date: addDays(today, -120), privacyNoticeVersion: '2024-2', method: 'verbal' }
      })
      .entry('worker', -118, {
        gender: 'man',
        birthYear: 1966,
        labourStatus: 'unemployed',
        longTermUnemployed: true,
        education: 'isced-3-4',
        euraStartDone: false
      })
      .start('worker', -118)
      .goal('worker', -110, {
        theme: 'card-trainings',
        title: 'Työturvallisuuskortti',
        steps: [
          { text: 'Ilmoittautuminen kurssille', owner: 'participant', due: -6 },
          { text: 'Kurssipäivä', owner: 'participant', due: 25 }
        ]
      })
      .meeting({
        day: -110,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['worker'],
        notes: 'Petri haluaa rakennusalalle. EURA-lomake vielä täyttämättä.'
      })
      .meeting({
        day: -36,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['worker', 'expert'],
        notes: 'Kurssi löytyi. Ilmoittautuminen Petrin vastuulla.'
      })
      .referral('worker', -100, {
        service: 'adult-social-work',
        status: 'realised',
        accompanied: true,
        outcome: 'Toimeentulotuki kuntoon.'
      }),
    { workers: ['worker'], experts: ['expert'] }
  );

  // 6. TP1: contacted through social media; consent given, work not started yet.
  add(
    builder()
      .create('expert2', -4, {
        displayName: 'Laura Virtanen (demo)',
        workPackages: ['TP1'],
        reachedVia: 'social-media',
        consent: { date: addDays(today, -4), privacyNoticeVersion: '2025-1', method: 'electronic' }
      })
      .meeting({
        day: 1,
        time: '11:00',
        kind: 'one-to-one',
        place: 'Kohtaamispaikka',
        staff: ['worker2', 'expert2']
      }),
    { workers: ['worker2'], experts: ['expert2'] }
  );

  // 7. Ended 25 days ago in job search; the 4-week follow-up is due within days.
  add(
    builder()
      .create('worker', -200, {
        displayName: 'Kari Nieminen (demo)',
        workPackages: ['TP1'],
        reachedVia: 'partner',
        consent: { date: addDays(today, -200), privacyNoticeVersion: '2024-2', method: 'written' }
      })
      .entry('worker', -198, {
        gender: 'man',
        birthYear: 1984,
        labourStatus: 'unemployed',
        education: 'isced-3-4',
        euraStartDone: true,
        euraStartDate: addDays(today, -197)
      })
      .start('worker', -198)
      .goal('worker', -190, {
        theme: 'work',
        title: 'Aktiivinen työnhaku',
        status: 'reached',
        steps: [{ text: 'Ilmoittautuminen työnhakijaksi', owner: 'participant', due: -150, status: 'done' }]
      })
      .meeting({
        day: -27,
        kind: 'one-to-one',
        status: 'held',
        place: 'Kohtaamispaikka',
        staff: ['worker'],
        notes: 'Päättöarvio yhdessä.'
      })
      .end('worker', -25, {
        results: [['job-search', -30]],
        paths: ['Työllisyyspalveluiden asiakkuus jatkuu', 'Vertaisryhmä kohtaamispaikassa torstaisin'],
        review: 'Kari saavutti tavoitteensa: työnhaku on käynnissä ja arki on vakaata.',
        euraEnd: true
      }),
    { workers: ['worker'], experts: [] }
  );

  // 8. Returned: ended last year, came back ten days ago; work not restarted yet.
  add(
    builder()
      .create('worker2', -420, {
        displayName: 'Heidi Peltonen (demo)',
        workPackages: ['TP1'],
        reachedVia: 'own-contact',
        consent: { date: addDays(today, -420), privacyNoticeVersion: '2024-1', method: 'written' }
      })
      .entry('worker2', -418, {
        gender: 'woman',
        birthYear: 2001,
        labourStatus: 'inactive',
        education: 'isced-0-2',
        euraStartDone: true,
        euraStartDate: addDays(today, -417)
      })
      .start('worker2', -418)
      .goal('worker2', -410, {
        theme: 'study',
        title: 'Peruskoulun päättötodistuksen korottaminen',
        status: 'reached',
        steps: [{ text: 'Haku aikuislukioon', owner: 'participant', due: -380, status: 'done' }]
      })
      .end('worker2', -300, {
        results: [['education', -295]],
        paths: ['Opinnot aikuislukiossa'],
        review: 'Opinnot alkoivat. Sovittiin, että Heidi voi palata tarvittaessa.',
        euraEnd: true
      })
      .meeting({
        day: -10,
        kind: 'phone',
        status: 'held',
        staff: ['worker2'],
        notes: 'Heidi otti yhteyttä: opinnot keskeytyneet, haluaa tukea uudelleen.'
      })
      .meeting({
        day: 4,
        time: '15:00',
        kind: 'one-to-one',
        place: 'Kohtaamispaikka',
        staff: ['worker2', 'expert2']
      }),
    { workers: ['worker2'], experts: ['expert2'] }
  );
  // Case 8: both follow-ups of the first exit were done; then she came back ten days ago.
  const heidi = cases[7]!.doc;
  const firstExit = readCaseFile(heidi).episodes[0]!.id;
  const at = (offset: number): EditContext => ({
    actor: staff.worker2,
    origin: 'demo',
    now: new Date(`${addDays(today, offset)}T08:00:00Z`),
    newId: ids
  });
  recordFollowUp(heidi, at(-272), firstExit, 'four-weeks', addDays(today, -272));
  recordFollowUp(heidi, at(-120), firstExit, 'six-months', addDays(today, -120), false);
  reopenCase(heidi, at(-10), addDays(today, -10));

  return cases;
}
