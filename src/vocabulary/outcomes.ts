// The closed vocabularies of outcome measures (docs/DESIGN.md §7), declared once for the server, the
// database's CHECK constraints (migration 0018) and the web app. Imports nothing.

/**
 * When outcome measures are taken: at assessment (baseline), at review (the programme's
 * reviewWeeks after assessment), at discharge (closure), and optionally 6 and 12 months after
 * discharge. In the order they are taken.
 */
export const timepoints = ['baseline', 'review', 'discharge', 'follow_up_6m', 'follow_up_12m'] as const;
export type Timepoint = (typeof timepoints)[number];

/** Server-side wording (PDF, FHIR); the web app's labels live in i18n (measures.timepoints.*). */
export const timepointLabels: Record<Timepoint, string> = {
  baseline: 'Baseline (at assessment)',
  review: 'Review',
  discharge: 'Discharge',
  follow_up_6m: '6-month follow-up',
  follow_up_12m: '12-month follow-up',
};
