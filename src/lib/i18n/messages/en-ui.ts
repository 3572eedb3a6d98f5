/**
 * English texts of the shared form controls (see fi-ui.ts, the source of the keys).
 */
import type { fiUi } from './fi-ui.ts';

export const enUi = {
  'dateField.hint': 'Format dd/mm/yyyy',
  'dateField.format': 'Enter the date as dd/mm/yyyy, for example 24/12/2026.',
  'dateField.impossible': 'There is no day {text} in the calendar. Check the day and the month.'
} as const satisfies { readonly [K in keyof typeof fiUi]: string };
