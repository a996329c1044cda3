// Chooses the delivery adapter from configuration (filled in by the outbox work).
import type { Config } from '../config';
import { developmentSender, type NotificationSender } from './sender';

export function createSender(_config: Config): NotificationSender {
  return developmentSender;
}
