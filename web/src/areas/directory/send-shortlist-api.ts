// The two requests the send form makes: find a person in the programme, and send the shortlist.
// Shapes follow src/people/schemas.ts and src/directory/shortlist/schemas.ts.
import { api } from '../../api/client';

export type PersonMatch = {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string | null;
  assignedLinkWorkerId: string | null;
};

export type ShortlistChannel = 'email' | 'sms';

export type SendShortlistInput = {
  serviceIds: string[];
  channel: ShortlistChannel;
  personId?: string;
  recipient?: string;
  reason?: string;
  note?: string;
};

export type SentShortlist = {
  notificationId: string;
  channel: ShortlistChannel;
  /** Masked: "a•••@example.com" or "07••• •••123". */
  recipient: string;
  serviceCount: number;
};

export const shortlistApi = {
  findPeople: (q: string) =>
    api.get<{ items: PersonMatch[]; total: number }>('/api/people', { query: { q, limit: 10 } }),
  // The shared client cannot send an Idempotency-Key yet; the busy button stops double sends.
  send: (input: SendShortlistInput) => api.post<SentShortlist>('/api/directory/shortlists/send', input),
};
