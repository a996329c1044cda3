// When outcome measures are taken (docs/DESIGN.md §7): at assessment (baseline), at review (the programme's
// reviewWeeks after assessment), at discharge (closure), and optionally 6 and 12 months after
// discharge. Reports pair the baseline with the latest later timepoint a person has.
// The vocabulary itself is declared once in src/vocabulary (shared with the schema and the web app).
import type { Timepoint } from '../vocabulary/outcomes';
export { timepointLabels, timepoints } from '../vocabulary/outcomes';
export type { Timepoint };

/** Later timepoints, in the order a report prefers them as "after" (the latest one wins). */
export const followUpTimepoints: readonly Timepoint[] = [
  'review',
  'discharge',
  'follow_up_6m',
  'follow_up_12m',
];
