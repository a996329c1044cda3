// How Linkwell reaches a person, declared once for the zod schemas, the database's CHECK
// constraints (migration 0018) and the web app. Imports nothing.

/** The channel a person prefers to be contacted on (people.preferred_channel). */
export const contactChannels = ['phone', 'sms', 'email', 'letter'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** How a link worker tried to reach the person (contact_attempts.mode). */
export const contactModes = ['phone', 'face_to_face', 'video', 'text', 'email', 'letter'] as const;
export type ContactMode = (typeof contactModes)[number];

/** What came of the attempt (contact_attempts.outcome); `reached` moves the referral on. */
export const contactOutcomes = ['reached', 'no_answer', 'left_message', 'did_not_attend'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
