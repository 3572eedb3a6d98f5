/**
 * Finnish texts of the shared form controls in src/lib/ui (the date and time fields). Spread into `fi.ts`;
 * `en-ui.ts` must have the same keys.
 */
export const fiUi = {
  'dateField.hint': 'Muoto pp.kk.vvvv',
  'dateField.format': 'Anna päivämäärä muodossa pp.kk.vvvv, esimerkiksi 24.12.2026.',
  'dateField.impossible': 'Päivää {text} ei ole kalenterissa. Tarkista päivä ja kuukausi.',
  'timeField.hint': 'Muoto tt.mm',
  'timeField.format': 'Anna kellonaika muodossa tt.mm, esimerkiksi 14.30.',
  'timeField.impossible': 'Kellonaikaa {text} ei ole. Tunnit ovat 0–23 ja minuutit 0–59.'
} as const satisfies Record<string, string>;
