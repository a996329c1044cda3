// What other parts of Linkwell use from the outbox: queue a message (in your transaction) and
// the wording of the foundation's messages. Delivery is the worker's business.
export { queueNotification, type QueuedMessage } from './outbox';
export {
  accountInvitationMessage,
  accountLockedMessage,
  passwordResetMessage,
  renderMessage,
  type MessageKey,
  type MessageParams,
  type RenderedMessage,
} from './templates';
export { DeliveryError, developmentSender, type NotificationSender, type OutgoingMessage } from './sender';
export { createSender } from './create-sender';
export { deliverDueNotifications, startOutboxWorker, type DeliveryPassResult } from './worker';
