/**
 * A realistic, made-up case file for the pull benchmark: the Y.Doc a worker and an experience
 * expert build over months of meetings, as about 480 small updates (≈ 45 kB encoded).
 *
 * The shape follows the design (docs/design §Documents): plain fields in Y.Maps, lists as
 * Y.Arrays of Y.Maps with stable ids, meeting notes as Y.XmlFragments of paragraphs (what
 * Tiptap writes). Notes are typed a sentence at a time, with the odd correction, by two
 * authors. Generation is seeded, so every server receives exactly the same bytes.
 *
 * Pure (no Node APIs): the device-store benchmark builds the same files in the browser.
 */
import * as Y from 'yjs';

/** Updates per case file, as in issue #3 ("built from about 480 small updates"). */
export const CASE_FILE_UPDATES = 480;

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Tavattiin kohtaamispaikalla, asiakas saapui ajoissa ja oli hyvällä tuulella.',
  'Käytiin läpi viikon kuulumiset ja nukkumisrytmi, joka on parantunut selvästi.',
  'Asiakas kertoi, että Kela-hakemus on edelleen kesken, koska liitteet puuttuvat.',
  'Sovittiin, että kokemusasiantuntija lähtee mukaan ensimmäiselle käynnille TE-palveluihin.',
  'Henkilökortin uusiminen on varattu poliisilta ensi viikon tiistaille.',
  'Puhuttiin päihteettömyydestä ja siitä, mikä on auttanut jaksamaan arjessa.',
  'Asiakas haluaa suorittaa hygieniapassin ja työturvallisuuskortin kevään aikana.',
  'Tehtiin yhdessä ansioluettelon runko, työhistoriaa on rakennusalalta ja varastosta.',
  'Vankilan erityisohjaajan kanssa sovittiin vapautumispäivän järjestelyistä.',
  'Asunto on järjestymässä, vuokrasopimus allekirjoitetaan kuun lopussa.',
  'Asiakas on käynyt ryhmässä kolme kertaa ja kokee saavansa vertaistukea.',
  'Keskusteltiin velkaneuvonnasta ja varattiin aika talous- ja velkaneuvontaan.',
  'Harjoiteltiin verkkopankkitunnusten käyttöä ja Omakannan selaamista.',
  'Asiakas toivoo pääsevänsä työkokeiluun ulkoilualan yritykseen.',
  'Sovittiin seuraava tapaaminen kahden viikon päähän samaan aikaan.',
  'Perhetilanne on haastava, ohjattiin perheasiain neuvottelukeskukseen.',
  'Aikuissosiaalityön kanssa pidettiin yhteinen verkostopalaveri.',
  'Asiakas kertoi nukkuneensa huonosti, mutta on pitänyt kiinni aamurutiineista.',
  'Käytiin yhdessä tutustumassa ammattiopiston avoimiin ovin ja hakuaikoihin.',
  'Työnantajan kanssa sovittiin tutustumiskäynnistä varastolle ensi kuussa.',
  'Tavoitteeksi asetettiin säännöllinen päivärytmi ja liikunta kahdesti viikossa.',
  'Asiakas kertoi häpeän tunteista ja siitä, miten menneisyys painaa edelleen.',
  'Kokemusasiantuntija jakoi omia kokemuksiaan vapautumisen jälkeisestä ajasta.',
  'Trukkikorttikoulutukseen on ilmoittauduttu, kurssi alkaa maaliskuussa.',
  'Puhelimen ja sähköpostin käyttö sujuu jo itsenäisesti ilman apua.',
  'Lääkäriaika on varattu, asiakas pyysi seuraa mukaan vastaanotolle.',
  'Opiskelupaikan hakemus lähetettiin yhdessä yhteishaun kautta.',
  'Tilanne on vakaa, retkahdusta ei ole ollut ja asiakas on ylpeä itsestään.'
];

const GOALS: [string, string[]][] = [
  ['Henkilöllisyystodistus kuntoon', ['Varaa aika poliisilta', 'Hanki valokuva', 'Nouda kortti']],
  [
    'Säännöllinen päivärytmi',
    ['Herätys klo 7 arkisin', 'Liikuntaa kahdesti viikossa', 'Ruokailut säännöllisesti']
  ],
  [
    'Työelämään paluu',
    ['Tee ansioluettelo', 'Ilmoittaudu TE-palveluihin', 'Hae kolmea työpaikkaa', 'Työkokeilu']
  ],
  ['Korttikoulutukset', ['Hygieniapassi', 'Työturvallisuuskortti', 'Ensiapukurssi', 'Trukkikortti']],
  ['Oma asunto', ['Asuntohakemus', 'Vuokravakuus Kelalta', 'Muutto']],
  ['Talous hallintaan', ['Velkaneuvonta', 'Budjetin laatiminen', 'Maksusuunnitelma']],
  ['Opiskelupaikka', ['Tutustu ammattiopistoon', 'Yhteishaku', 'Soveltuvuuskoe']]
];

const ITEMS = {
  strengths: [
    'Motivoitunut muutokseen',
    'Hyvä käsistään',
    'Tukeva sisko',
    'Huumorintaju',
    'Työkokemus varastolta'
  ],
  skills: [
    'Ruoanlaitto sujuu',
    'Raha-asiat vaativat tukea',
    'Asiointi verkossa opettelussa',
    'Unirytmi epäsäännöllinen'
  ],
  obstacles: ['Rikostausta', 'Puuttuva koulutus', 'Velat ulosotossa', 'Ei ajokorttia', 'Asunnottomuuden uhka']
};

/** Share of updates that start a new meeting (the rest type notes, goals, referrals). */
const MEETING_SHARE = 0.035;
/** Share of note updates that type two sentences at once (pasted or dictated). */
const TWO_SENTENCE_SHARE = 0.4;

const THEMES = ['päivärytmi', 'asiakirjat', 'digitaidot', 'korttikoulutukset', 'stigma', 'työnhaku'];

export interface CaseFile {
  /** The updates in the order they were made, each one transaction. */
  updates: Uint8Array[];
  /** Y.encodeStateAsUpdate of the finished doc, and its size. */
  encoded: Uint8Array;
  encodedSize: number;
  /** Y.encodeStateVector of the finished doc, to check a pulled copy is complete. */
  stateVector: Uint8Array;
}

/** Builds case file number `seed`: the same seed gives the same updates on every run. */
export function buildCaseFile(seed: number, updateCount = CASE_FILE_UPDATES): CaseFile {
  const random = prng(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const doc = new Y.Doc();
  const authors = [1_000_000 + seed * 2, 1_000_001 + seed * 2];
  doc.clientID = authors[0] as number;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  let idCounter = 0;
  const id = () =>
    `${seed.toString(36)}-${(idCounter++).toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
  const date = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

  const profile = doc.getMap<string>('profile');
  const entry = doc.getMap<string | boolean>('entry');
  const assessment = doc.getMap<Y.Array<Y.Map<string>>>('assessment');
  const goals = doc.getArray<Y.Map<unknown>>('goals');
  const meetings = doc.getArray<Y.Map<unknown>>('meetings');
  const referrals = doc.getArray<Y.Map<string>>('referrals');
  const themes = doc.getArray<string>('themes');

  // The order of a real case: registration, entry data, assessment, then months of meetings
  // with goals and steps added and ticked off along the way.
  const steps: (() => void)[] = [];
  const fields: [string, string][] = [
    ['displayName', `Osallistuja ${seed}`],
    ['nickname', pick(['Jari', 'Tiina', 'Mikko', 'Sanna', 'Pekka', 'Minna'])],
    ['municipality', 'Mikkeli'],
    ['workPackage', pick(['TP1', 'TP3'])],
    ['startDate', date(seed % 30)],
    ['prison', pick(['Mikkelin vankila', 'Kylmäkosken vankila', 'Sukevan vankila'])],
    ['specialInstructor', 'erityisohjaaja V. Virtanen'],
    ['releaseDate', date(40 + (seed % 20))],
    ['phone', `040 ${100 + (seed % 900)} ${1000 + seed}`],
    ['reachedVia', pick(['oma yhteydenotto', 'yhteistyökumppani', 'sosiaalinen media'])]
  ];
  for (const [key, value] of fields) steps.push(() => profile.set(key, value));
  const entryFields: [string, string | boolean][] = [
    ['gender', pick(['mies', 'nainen'])],
    ['ageBand', pick(['18-29', '30-54', '55+'])],
    ['education', pick(['ISCED 0-2', 'ISCED 3-4'])],
    ['employment', 'työtön'],
    ['euraStartDone', false],
    ['consentDate', date(seed % 30)],
    ['privacyNoticeVersion', '2025-01']
  ];
  for (const [key, value] of entryFields) steps.push(() => entry.set(key, value));
  for (const [kind, list] of Object.entries(ITEMS)) {
    steps.push(() => assessment.set(kind, new Y.Array<Y.Map<string>>()));
    for (const text of list) {
      steps.push(() => {
        const item = new Y.Map<string>();
        item.set('id', id());
        item.set('text', text);
        assessment.get(kind)?.push([item]);
      });
    }
  }
  for (const theme of THEMES) steps.push(() => themes.push([theme]));

  for (const step of steps) doc.transact(step);

  const newMeeting = () => {
    doc.clientID = authors[meetings.length % 2] as number;
    const meeting = new Y.Map<unknown>();
    const note = new Y.XmlFragment();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    note.insert(0, [paragraph]);
    meeting.set('id', id());
    meeting.set('date', date(30 + meetings.length * 9));
    meeting.set('kind', pick(['tapaaminen', 'vankilatapaaminen', 'puhelu', 'ryhmä']));
    meeting.set('note', note);
    meetings.push([meeting]);
  };
  const newGoal = () => {
    const [title, stepTitles] = GOALS[goals.length] as [string, string[]];
    const goal = new Y.Map<unknown>();
    const stepList = new Y.Array<Y.Map<unknown>>();
    goal.set('id', id());
    goal.set('title', title);
    goal.set('status', 'käynnissä');
    goal.set('steps', stepList);
    goals.push([goal]);
    const step = new Y.Map<unknown>();
    step.set('id', id());
    step.set('text', stepTitles[0] as string);
    step.set('done', false);
    stepList.push([step]);
  };
  const advanceGoal = () => {
    const g = Math.floor(random() * goals.length);
    const goal = goals.get(g);
    const list = goal.get('steps') as Y.Array<Y.Map<unknown>>;
    const titles = (GOALS[g] as [string, string[]])[1];
    const open = list.toArray().find((s) => s.get('done') === false);
    if (list.length < titles.length && (open === undefined || random() < 0.5)) {
      const step = new Y.Map<unknown>();
      step.set('id', id());
      step.set('text', titles[list.length] as string);
      step.set('done', false);
      step.set('due', date(60 + Math.floor(random() * 120)));
      list.push([step]);
    } else if (open) {
      open.set('done', true);
    } else {
      goal.set('status', random() < 0.5 ? 'saavutettu' : 'käynnissä');
    }
  };
  const newReferral = () => {
    const referral = new Y.Map<string>();
    referral.set('id', id());
    referral.set('service', pick(['aikuissosiaalityö', 'TE-palvelut', 'velkaneuvonta', 'päihdepalvelut']));
    referral.set('status', 'sovittu');
    referrals.push([referral]);
  };
  // Type the next sentence into the current meeting's note; now and then fix a word.
  const typeNote = () => {
    const note = meetings.get(meetings.length - 1).get('note') as Y.XmlFragment;
    const text = (note.get(note.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    if (text.length > 0 && random() < 0.12) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(6, text.length - at));
      text.insert(at, pick(['sovittiin', 'kerrottiin', 'asiakas']));
    } else if (text.length > 240 && random() < 0.4) {
      const next = new Y.XmlElement('paragraph');
      const nextText = new Y.XmlText();
      next.insert(0, [nextText]);
      note.push([next]);
      nextText.insert(0, pick(SENTENCES));
    } else {
      const sentence =
        random() < TWO_SENTENCE_SHARE ? `${pick(SENTENCES)} ${pick(SENTENCES)}` : pick(SENTENCES);
      text.insert(text.length, (text.length > 0 ? ' ' : '') + sentence);
    }
  };
  while (updates.length < updateCount) {
    const r = random();
    if (meetings.length === 0 || r < MEETING_SHARE) doc.transact(newMeeting);
    else if (r < 0.07 && goals.length < GOALS.length) doc.transact(newGoal);
    else if (r < 0.13 && goals.length > 0) doc.transact(advanceGoal);
    else if (r < 0.15) doc.transact(newReferral);
    else doc.transact(typeNote);
  }
  const encoded = Y.encodeStateAsUpdate(doc);
  const result = { updates, encoded, encodedSize: encoded.length, stateVector: Y.encodeStateVector(doc) };
  doc.destroy();
  return result;
}
