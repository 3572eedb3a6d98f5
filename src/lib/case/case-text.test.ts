import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CaseFileError,
  addGoal,
  createCaseFile,
  startParticipation,
  updateEntry,
  type EditContext
} from '$lib/domain/case-file';
import { locale } from '$lib/i18n';
import { caseErrorText, formatIsoDate, vocab } from './case-text.ts';

const ctx: EditContext = { origin: 'test', actor: 'u1', now: new Date('2026-03-02T10:00:00Z') };

/** The error a mutator throws for this input. */
function errorOf(fn: (doc: Y.Doc) => void): CaseFileError {
  const doc = new Y.Doc();
  createCaseFile(doc, ctx, { displayName: 'Testi', contactedOn: '2026-03-01' });
  try {
    fn(doc);
  } catch (error) {
    if (error instanceof CaseFileError) return error;
    throw error;
  }
  throw new Error('no error');
}

afterEach(() => locale.set('fi'));

describe('caseErrorText', () => {
  it.each<[string, (doc: Y.Doc) => void, string, string]>([
    [
      'empty title',
      (d) => addGoal(d, ctx, { theme: 'housing', title: ' ' }),
      'Tämä kenttä on pakollinen.',
      'This field is required.'
    ],
    [
      'too long',
      (d) => addGoal(d, ctx, { theme: 'housing', title: 'x'.repeat(300) }),
      'Teksti on liian pitkä.',
      'The text is too long.'
    ],
    [
      'bad date',
      (d) => startParticipation(d, ctx, '2026-02-30'),
      'Anna päivämäärä muodossa pp.kk.vvvv.',
      'Enter the date as dd/mm/yyyy.'
    ],
    [
      'birth year',
      (d) => updateEntry(d, ctx, { birthYear: 1850 }),
      'Anna syntymävuosi neljällä numerolla.',
      'Enter the birth year as four digits.'
    ],
    [
      'long-term without unemployment',
      (d) => updateEntry(d, ctx, { labourStatus: 'employed', longTermUnemployed: true }),
      'Pitkäaikaistyöttömyyden voi merkitä vain työttömälle.',
      'Only an unemployed person can be long-term unemployed.'
    ]
  ])('says what is wrong with %s in Finnish and English', (_name, fn, fi, en) => {
    const error = errorOf(fn);
    expect(caseErrorText(error)).toBe(fi);
    locale.set('en');
    expect(caseErrorText(error)).toBe(en);
  });

  it('says when a date comes before the previous stage', () => {
    const error = errorOf((d) => startParticipation(d, ctx, '2026-02-01'));
    expect(caseErrorText(error)).toMatch(/^Päivä on liian aikainen/);
  });
});

describe('vocabulary and dates', () => {
  it('labels stored codes in the UI language, or in Finnish for the printout', () => {
    expect(vocab('theme', 'card-trainings')).toBe('Korttikoulutukset');
    locale.set('en');
    expect(vocab('theme', 'card-trainings')).toBe('Card trainings');
    expect(vocab('owner', 'expert', 'fi')).toBe('Kokemusasiantuntija');
  });

  it('writes a calendar date as the language does, the same day in every time zone', () => {
    expect(formatIsoDate('2026-02-03', 'fi')).toBe('3.2.2026');
    expect(formatIsoDate('2026-02-03', 'en')).toBe('3 Feb 2026');
    expect(formatIsoDate(null)).toBe('');
  });
});
