// The evaluation endpoints (src/outcomes/evaluation/routes.ts). The response types come from the
// server's own zod schemas (type-only imports: nothing of zod reaches the bundle).
import { api, withQuery } from '../../api/client';
import type { EvaluationResponse, SocialReturnResponse } from '../../../../src/outcomes/evaluation/schemas';
import type { Assumption } from '../../../../src/outcomes/sroi';

export type { Assumption, EvaluationResponse, SocialReturnResponse };
export type MeasureView = EvaluationResponse['measures'][number];
export type PairedChangeView = MeasureView['change'];
export type HealthUseWindow = EvaluationResponse['healthServiceUse']['windows'][number];

export const assumptionNames = [
  'gpAppointmentUnitCost',
  'aeAttendanceUnitCost',
  'wellbyValue',
  'wellbeingDurationYears',
  'deadweight',
  'attribution',
] as const;
export type AssumptionName = (typeof assumptionNames)[number];

export type EvaluableProgramme = { id: string; name: string; areas: string[] };
export type Period = { from?: string | undefined; to?: string | undefined };

export type SocialReturnRequest = Period & {
  windowMonths: 3 | 6;
  wellbeing: 'life-satisfaction' | 'none';
  programmeCost: Assumption;
  assumptions: Partial<Record<AssumptionName, Assumption>>;
};

const base = (programmeId: string) => `/api/programmes/${encodeURIComponent(programmeId)}/evaluation`;

export const evaluationApi = {
  programmes: () => api.get<{ items: EvaluableProgramme[] }>('/api/evaluation/programmes'),
  report: (programmeId: string, period: Period) =>
    api.get<EvaluationResponse>(base(programmeId), { query: period }),
  defaults: () =>
    api.get<{ assumptions: Record<AssumptionName, Assumption> }>('/api/evaluation/social-return/defaults'),
  socialReturn: (programmeId: string, body: SocialReturnRequest) =>
    api.post<SocialReturnResponse>(`${base(programmeId)}/social-return`, body),
  pdfUrl: (programmeId: string, period: Period) => withQuery(`${base(programmeId)}/report.pdf`, period),
  researchExportUrl: (programmeId: string, period: Period) =>
    withQuery(`${base(programmeId)}/research-export.csv`, period),
};
