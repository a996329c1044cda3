// Links between programmes and the organisations whose referrals they receive: a coordinator asks,
// one of the organisation's referrers (or a platform admin) approves or declines, the programme may
// withdraw a request still waiting. Response types come from the server's zod schemas
// (src/programmes/schemas.ts; type-only imports, so nothing of zod reaches the bundle).
import type { z } from 'zod';
import type {
  linkRequestResponse,
  linkResponse,
  programmeLinksResponse,
} from '../../../src/programmes/schemas';
import { api } from './client';

export type ProgrammeLinkRequest = z.output<typeof linkRequestResponse>;
export type ProgrammeLink = z.output<typeof linkResponse>;
export type ProgrammeLinks = z.output<typeof programmeLinksResponse>;
export type LinkRequestStatus = ProgrammeLinkRequest['status'];

const requestPath = (id: string, decision: 'approve' | 'decline' | 'withdraw') =>
  `/api/programme-links/${encodeURIComponent(id)}/${decision}`;

export const programmeLinksApi = {
  /** What the signed-in person may see: their programme's, their organisation's, or (admins) all. */
  list: (query: { status?: LinkRequestStatus; programmeId?: string; organisationId?: string } = {}) =>
    api.get<ProgrammeLinks>('/api/programme-links', { query }),
  /** A coordinator's request waits for the organisation; a platform admin's link is made at once. */
  request: (programmeId: string, organisationId: string) =>
    api.post<ProgrammeLinkRequest>(`/api/admin/programmes/${encodeURIComponent(programmeId)}/link-requests`, {
      organisationId,
    }),
  approve: (request: Pick<ProgrammeLinkRequest, 'id' | 'version'>) =>
    api.post<ProgrammeLinkRequest>(requestPath(request.id, 'approve'), { version: request.version }),
  decline: (request: Pick<ProgrammeLinkRequest, 'id' | 'version'>, note?: string) =>
    api.post<ProgrammeLinkRequest>(requestPath(request.id, 'decline'), {
      version: request.version,
      ...(note?.trim() ? { note: note.trim() } : {}),
    }),
  withdraw: (request: Pick<ProgrammeLinkRequest, 'id' | 'version'>) =>
    api.post<ProgrammeLinkRequest>(requestPath(request.id, 'withdraw'), { version: request.version }),
};
