// The outcome-measure endpoints a link worker uses: the programme's questionnaires, recording and
// correcting a measure, a person's measures over time, self-completion links and health-service use.
// Measure, instrument and link responses are typed from src/outcomes/measures/schemas.ts
// (type-only imports: nothing of zod reaches the bundle); the rest mirror the health-use schemas.
import type { z } from 'zod';
import type {
  instrumentResponse,
  linkResponse,
  measureResponse,
} from '../../../../src/outcomes/measures/schemas';
import { api, request, type QueryValue } from '../../api/client';

export type Instrument = z.output<typeof instrumentResponse>;
export type InstrumentItem = Instrument['items'][number];
export type ItemResponse = InstrumentItem['response'];
export type AnswerOption = Extract<ItemResponse, { kind: 'options' }>['options'][number];

export type Band = { key: string; label: string } | null;

export type ChangeKind = 'improved' | 'declined' | 'no_meaningful_change' | 'not_comparable';

export type Measure = z.output<typeof measureResponse>;

export type Answers = Record<string, number | null>;

export type RecordMeasureInput = {
  instrumentKey: string;
  timepoint: string;
  completedOn: string;
  answers: Answers;
};

export type LinkStatus = 'active' | 'used' | 'expired' | 'revoked';

export type MeasureLink = z.output<typeof linkResponse>;

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
