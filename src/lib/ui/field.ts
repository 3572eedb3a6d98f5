/**
 * Types of the labelled form controls (TextField, DateField, Select, and the case file's live
 * fields), which all sit in the same Field frame.
 */

/** What a control tells its Field frame. */
export interface FieldProps {
  label: string;
  /** Help read with the control (aria-describedby), shown under the label. */
  description?: string | undefined;
  /** Shown above the control and read with it; marks the control invalid. */
  error?: string | null | undefined;
  /** Rows in a list: the label and the description are read by screen readers, not shown. */
  hideLabel?: boolean;
  /** Fill a grid cell instead of stopping at the form width. */
  fluid?: boolean;
}

/** What the frame gives its control. */
export interface FieldControl {
  /** The id the control must carry (the label points to it). */
  id: string;
  /** For `aria-describedby`: the description and the error, when shown. */
  describedBy: string | undefined;
  /** For `aria-invalid`. */
  invalid: 'true' | undefined;
}
