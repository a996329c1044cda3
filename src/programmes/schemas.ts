// Response schemas of the programme-link routes (link-routes.ts). They live in a schemas.ts so the
// web app can take their types (`import type`, z.output) instead of writing them again.
import { z } from 'zod';
import { linkRequestStatuses } from '../vocabulary/programmes';

export { linkRequestStatuses };

export const linkRequestResponse = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  status: z.enum(linkRequestStatuses),
  requestedAt: z.string(),
  requestedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number(),
  abilities: z.record(z.string(), z.boolean()),
});

export const linkResponse = z.object({
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
});

export const programmeLinksResponse = z.object({
  requests: z.array(linkRequestResponse),
  links: z.array(linkResponse),
});
