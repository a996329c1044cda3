// The questionnaire endpoints (src/outcomes/questionnaires): a programme's coordinators list,
// build, change and archive its own questionnaires.
import { api, request } from '../../api/client';
import type { QuestionnaireDefinition } from './builder-model';

export type Questionnaire = {
  id: string;
  programmeId: string;
  key: string;
  name: string;
  definition: QuestionnaireDefinition & { version: string };
  isArchived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

const base = (programmeId: string) => `/api/programmes/${encodeURIComponent(programmeId)}/questionnaires`;

export const questionnairesApi = {
  list: (programmeId: string) => api.get<{ items: Questionnaire[] }>(base(programmeId)),
  create: (programmeId: string, definition: QuestionnaireDefinition, idempotencyKey: string) =>
    api.post<Questionnaire>(
      base(programmeId),
      { definition },
      { headers: { 'idempotency-key': idempotencyKey } },
    ),
  update: (programmeId: string, id: string, definition: QuestionnaireDefinition, version: number) =>
    request<Questionnaire>('PUT', `${base(programmeId)}/${encodeURIComponent(id)}`, {
      body: { definition, version },
    }),
  archive: (programmeId: string, id: string, version: number) =>
    api.post<Questionnaire>(`${base(programmeId)}/${encodeURIComponent(id)}/archive`, { version }),
};
