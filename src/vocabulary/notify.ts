// The notification outbox's closed sets, declared once for the worker's state machine
// (src/notify/status.ts), the zod schemas, the database's CHECK constraints (migration 0019) and the
// web app. Imports nothing.

/** How a message is sent (notifications.channel). */
export const notificationChannels = ['email', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** The life of an outbox message (notifications.status); the moves are in src/notify/status.ts. */
export const notificationStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];
