/**
 * English texts of the shared form controls (see fi-ui.ts, the source of the keys).
 */
import type { fiUi } from './fi-ui.ts';

export const enUi = {
  'dateField.hint': 'Format dd/mm/yyyy',
  'dateField.format': 'Enter the date as dd/mm/yyyy, for example 24/12/2026.',
  'dateField.impossible': 'There is no day {text} in the calendar. Check the day and the month.',
  'timeField.hint': 'Format hh:mm',
  'timeField.format': 'Enter the time as hh:mm, for example 14:30.',
  'timeField.impossible': 'There is no time {text}. Hours run 0–23 and minutes 0–59.'
} as const satisfies { readonly [K in keyof typeof fiUi]: string };
