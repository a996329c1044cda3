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

/**
 * Who entered a measure (measures.source): the link worker in a call or meeting, the person through
 * a link, or a connected clinical system (a FHIR QuestionnaireResponse).
 */
export const measureSources = ['link_worker', 'self', 'connected_system'] as const;
export type MeasureSource = (typeof measureSources)[number];

/** How a self-completion link is sent (measure_links.channel). */
export const measureLinkChannels = ['email', 'sms'] as const;
export type MeasureLinkChannel = (typeof measureLinkChannels)[number];

/** Health-service use is counted before or after the referral was received (health_service_use.period). */
export const healthUsePeriods = ['before', 'after'] as const;
export type HealthUsePeriod = (typeof healthUsePeriods)[number];

/** Who gave the counts (health_service_use.source): entered by hand, a practice's CSV file, or FHIR. */
export const healthUseSources = ['link_worker', 'practice', 'csv_import', 'fhir'] as const;
export type HealthUseSource = (typeof healthUseSources)[number];
