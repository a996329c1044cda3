// The development mailbox and the admin view of the outbox.
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../http/context';
import { authorise } from '../access/policy';
import { AppError, invalidField } from '../http/errors';
import { findNotification, listNotifications } from './queries';
import { presentMailboxItem, presentOutboxItem } from './present';
import { authoriseMailboxRead, isExpectedHost, isLocalDevelopmentRequest, mayReadMailbox } from './policies';
import { retryNotification } from './retry-notification';
import {
  mailboxQuery,
  mailboxResponse,
  mailboxStatusResponse,
  notificationParams,
  outboxItem,
  outboxQuery,
  outboxResponse,
} from './schemas';

const tags = ['notifications'];
const security: { [scheme: string]: string[] }[] = [{ session: [] }, { apiKey: [] }];

export const notifyRoutes: RouteModule = (app, deps) => {
  // Messages are kept in the mailbox only when no real sender (GOV.UK Notify) is configured.
  const isMailboxOn = deps.sender.name === 'development';

  // Open-to-anyone on loopback must not mean open to any web page the developer visits: through
  // DNS rebinding a page's own host name points at 127.0.0.1, so a Host that is not ours is refused.
  const refuseForeignHost = (request: FastifyRequest): void => {
    if (!isLocalDevelopmentRequest(deps.config.host, request.headers)) return;
    const server = { publicUrl: deps.config.publicUrl, localPort: request.socket.localPort ?? 0 };
    if (!isExpectedHost(request.headers.host, server)) {
      throw new AppError(
        'forbidden',
        `The development mailbox answers only at ${deps.config.publicUrl} or localhost, not at the host ${JSON.stringify(request.headers.host ?? '')}.`,
      );
    }
  };

  // Asked by the web app's footer on every page, signed in or not: it links to the mailbox only
  // for people who can open it, so citizens on public pages never see a development tool.
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags,
        summary: 'Whether you can open the development mailbox here',
        response: { 200: mailboxStatusResponse },
      },
    },
    (request) => {
      refuseForeignHost(request);
      return {
        open: isMailboxOn && mayReadMailbox(request.actor, deps.config.host, request.headers),
      };
    },
  );

  app.get(
    '/api/dev/notifications',
    {
      schema: {
        tags,
        summary: 'Development mailbox: messages kept instead of sent (only without GOV.UK Notify)',
        description:
          'Open to anyone when the server listens on loopback only (local development); otherwise platform admins only.',
        querystring: mailboxQuery,
        response: { 200: mailboxResponse },
      },
    },
    async (request) => {
      if (!isMailboxOn) {
        throw new AppError(
          'not_found',
          'The development mailbox is off: messages are sent by GOV.UK Notify.',
        );
      }
      refuseForeignHost(request);
      authoriseMailboxRead(request.actor, deps.config.host, request.headers);
      const rows = await listNotifications(deps.db, { limit: request.query.limit });
      return { items: rows.map(presentMailboxItem) };
    },
  );

  app.get(
    '/api/admin/notifications',
    {
      schema: {
        tags,
        summary: 'Outgoing messages and their delivery state, newest first',
        security,
        querystring: outboxQuery,
        response: { 200: outboxResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'list', { kind: 'notification_outbox' });
      const { status, limit, before } = request.query;
      if (before && !(await findNotification(deps.db, before))) {
        throw invalidField(
          'before',
          'No message has this id. Use nextBefore from the previous page.',
          'querystring',
        );
      }
      const rows = await listNotifications(deps.db, { status, limit, beforeId: before });
      return {
        items: rows.map(presentOutboxItem),
        nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );

  app.post(
    '/api/admin/notifications/:id/retry',
    {
      schema: {
        tags,
        summary: 'Put a failed message back in the queue',
        security,
        params: notificationParams,
        response: { 200: outboxItem },
      },
    },
    async (request) => {
      const row = await retryNotification({
        db: deps.db,
        actor: request.actor,
        origin: request.origin,
        id: request.params.id,
      });
      return presentOutboxItem(row);
    },
  );
};
