// When outcome measures are taken (issue 5): at assessment (baseline), at review (the programme's
// reviewWeeks after assessment), at discharge (closure), and optionally 6 and 12 months after
// discharge. Reports pair the baseline with the latest later timepoint a person has.
export const timepoints = ['baseline', 'review', 'discharge', 'follow_up_6m', 'follow_up_12m'] as const;
export type Timepoint = (typeof timepoints)[number];

/** Later timepoints, in the order a report prefers them as "after" (the latest one wins). */
export const followUpTimepoints: readonly Timepoint[] = [
  'review',
  'discharge',
  'follow_up_6m',
  'follow_up_12m',
];

export const timepointLabels: Record<Timepoint, string> = {
  baseline: 'Baseline (at assessment)',
  review: 'Review',
  discharge: 'Discharge',
  follow_up_6m: '6-month follow-up',
  follow_up_12m: '12-month follow-up',
};
