// A person's record: the changes the web app makes (equality monitoring answers on the casework
// record). The response type comes from the server's zod schema (type-only import).
import type { z } from 'zod';
import type { personResponse } from '../../../src/people/schemas';
import type { DemographicAnswers } from '../components/equality-monitoring';
import { api } from './client';

export type Person = z.output<typeof personResponse>;

export const people = {
  /** PATCH with the version the page read: a stale one is refused (409), nothing changes. */
  updateDemographics: (personId: string, body: DemographicAnswers & { version: number }, reason?: string) =>
    api.patch<Person>(`/api/people/${encodeURIComponent(personId)}`, body, { query: { reason } }),
};
