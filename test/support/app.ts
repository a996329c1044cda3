// Starts the real application on a loopback port over a test database: tests talk real HTTP.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { AppDeps, AppInstance } from '../../src/http/context';
import { developmentSender, type NotificationSender } from '../../src/notify/sender';
import { openTestDatabase, type TestDatabase } from './database';

export type TestApp = {
  baseUrl: string;
  app: AppInstance;
  database: TestDatabase;
  db: TestDatabase['db'];
  close(): Promise<void>;
};

export async function startTestApp(
  options: {
    limits?: Partial<AppDeps['limits']>;
    sender?: NotificationSender;
    serveWeb?: boolean;
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'warn' }), publicUrl: 'http://linkwell.test' };
  const app = await buildApp(
    {
      db: database.db,
      config,
      sender: options.sender ?? developmentSender,
      ping: () => database.ping(),
      // Generous login rate limit so unrelated tests sharing an IP do not trip it; the rate-limit test sets its own.
      limits: { loginPerMinute: 1000, lockoutThreshold: 5, lockoutMinutes: 15, ...options.limits },
    },
    { logger: { level: 'warn' }, serveWeb: options.serveWeb ?? false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    db: database.db,
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
