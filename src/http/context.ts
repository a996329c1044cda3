// What every route handler can reach: the database, configuration, and the request's actor.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestOrigin } from '../access/actor';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { SessionUser } from '../accounts/sessions';
import type { NotificationSender } from '../notify/sender';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The signed-in session, when the actor came from a cookie. */
    session: SessionUser | undefined;
    origin: RequestOrigin;
  }
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type AppDeps = {
  db: Database;
  config: Config;
  /** The delivery adapter for email and SMS (GOV.UK Notify, or the development mailbox). */
  sender: NotificationSender;
  /** Checks the database can answer, for /health/ready. */
  ping(): Promise<void>;
  limits: { loginPerMinute: number; lockoutThreshold: number; lockoutMinutes: number };
};

export type RouteModule = (app: AppInstance, deps: AppDeps) => void;
