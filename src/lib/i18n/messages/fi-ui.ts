/**
 * Finnish texts of the shared form controls in src/lib/ui (the date field). Spread into `fi.ts`;
 * `en-ui.ts` must have the same keys.
 */
export const fiUi = {
  'dateField.hint': 'Muoto pp.kk.vvvv',
  'dateField.format': 'Anna päivämäärä muodossa pp.kk.vvvv, esimerkiksi 24.12.2026.',
  'dateField.impossible': 'Päivää {text} ei ole kalenterissa. Tarkista päivä ja kuukausi.'
} as const satisfies Record<string, string>;
