// The outcome-measure endpoints a link worker uses: the programme's questionnaires, recording and
// correcting a measure, a person's measures over time, self-completion links and health-service use.
// Shapes mirror src/outcomes/measures/schemas.ts and src/outcomes/health-use/schemas.ts.
import { api, request, type QueryValue } from '../../api/client';

export type AnswerOption = { value: number; label: string };

export type ItemResponse =
  | { kind: 'options'; options: AnswerOption[] }
  | { kind: 'scale'; min: number; max: number; anchors: AnswerOption[] };

export type InstrumentItem = {
  id: string;
  number: number | null;
  label: string;
  /** Null when the wording is licensed and the programme has not supplied it (SWEMWBS). */
  question: string | null;
  response: ItemResponse;
};

export type Instrument = {
  key: string;
  name: string;
  shortName: string | null;
  version: string;
  description: string | null;
  recallPeriod: string | null;
  source: 'built_in' | 'programme';
  licence: {
    note: string;
    copyright: string | null;
    attribution: string | null;
    wordingSuppliedByProgramme: boolean;
  };
  scoringMethod: string;
  items: InstrumentItem[];
};

export type Band = { key: string; label: string } | null;

export type ChangeKind = 'improved' | 'declined' | 'no_meaningful_change' | 'not_comparable';

export type Measure = {
  id: string;
  referralId: string;
  personId: string;
  instrument: { key: string; name: string; shortName: string | null; version: string };
  timepoint: string;
  timepointLabel: string;
  completedOn: string;
  source: string;
  answers: Record<string, number | null>;
  score: {
    items: { itemId: string; label: string; value: number | null; band: Band }[];
    rawTotal: number | null;
    metricScore: number | null;
    band: Band;
    isComplete: boolean;
    prorated: boolean;
    notScoredBecause: string | null;
  };
  meaning: string[];
  changeSinceBaseline:
    | {
        itemId: string | null;
        label: string;
        before: number | null;
        after: number | null;
        difference: number | null;
        kind: ChangeKind;
        text: string;
      }[]
    | null;
  recordedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type Answers = Record<string, number | null>;

export type RecordMeasureInput = {
  instrumentKey: string;
  timepoint: string;
  completedOn: string;
  answers: Answers;
};

export type LinkStatus = 'active' | 'used' | 'expired' | 'revoked';

export type MeasureLink = {
  id: string;
  referralId: string;
  instrumentKeys: string[];
  timepoint: string;
  channel: string;
  status: LinkStatus;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
};

export type Period = 'before' | 'after';
export type WindowMonths = 3 | 6;
export type HealthUseSource = 'link_worker' | 'practice';

export type HealthUseEntry = {
  period: Period;
  windowMonths: WindowMonths;
  gpAppointments: number | null;
  aeAttendances: number | null;
};

export type HealthUse = {
  referralId: string;
  reference: string;
  receivedOn: string;
  isObservational: true;
  caveat: string;
  version: number;
  entries: (HealthUseEntry & { from: string; to: string; source: string; updatedAt: string })[];
};

/** The order measures are taken in (declared once in src/vocabulary); labels live in i18n (measures.timepoints.*). */
export { timepoints } from '../../../../src/vocabulary/outcomes';

const referralUrl = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;
const reasonQuery = (reason: string | undefined): Record<string, QueryValue> => ({ reason });

export const measuresApi = {
  instruments: () => api.get<{ items: Instrument[] }>('/api/outcomes/instruments'),
  referralMeasures: (referralId: string, reason?: string) =>
    api.get<{ items: Measure[] }>(`${referralUrl(referralId)}/measures`, { query: reasonQuery(reason) }),
  personMeasures: (personId: string, reason?: string) =>
    api.get<{ items: Measure[] }>(`/api/people/${encodeURIComponent(personId)}/measures`, {
      query: reasonQuery(reason),
    }),
  record: (referralId: string, input: RecordMeasureInput, idempotencyKey: string) =>
    api.post<Measure>(`${referralUrl(referralId)}/measures`, input, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  correct: (
    referralId: string,
    measureId: string,
    input: { completedOn: string; answers: Answers; version: number },
  ) =>
    request<Measure>('PUT', `${referralUrl(referralId)}/measures/${encodeURIComponent(measureId)}`, {
      body: input,
    }),
  links: (referralId: string) =>
    api.get<{ items: MeasureLink[] }>(`${referralUrl(referralId)}/measure-links`),
  sendLink: (
    referralId: string,
    input: { instrumentKeys: string[]; timepoint: string; channel: 'email' | 'sms' },
    idempotencyKey: string,
  ) =>
    api.post<MeasureLink>(`${referralUrl(referralId)}/measure-links`, input, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  revokeLink: (referralId: string, linkId: string) =>
    api.post<MeasureLink>(
      `${referralUrl(referralId)}/measure-links/${encodeURIComponent(linkId)}/revoke`,
      {},
    ),
  healthUse: (referralId: string, reason?: string) =>
    api.get<HealthUse>(`${referralUrl(referralId)}/health-use`, { query: reasonQuery(reason) }),
  saveHealthUse: (
    referralId: string,
    input: { entries: HealthUseEntry[]; source: HealthUseSource; version?: number },
  ) => request<HealthUse>('PUT', `${referralUrl(referralId)}/health-use`, { body: input }),
};

/** Today in London (YYYY-MM-DD), the calendar the server dates measures by. */
export function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
