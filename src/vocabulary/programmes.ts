// A programme's closed sets, declared once for the zod schemas and the database's CHECK
// constraints (migration 0019). Imports nothing.

/** A programme asking for an organisation's referrals (programme_link_requests.status). */
export const linkRequestStatuses = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type LinkRequestStatus = (typeof linkRequestStatuses)[number];
