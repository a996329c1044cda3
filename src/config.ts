// Configuration from environment variables, validated once at start so a bad value stops the
// app with a message that names the variable, instead of failing later in a confusing way.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DEMO_DATA: booleanFromEnv.default(true),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://linkwell.example.org' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NOTIFY_API_KEY: z.string().min(1).optional(),
  SESSION_TTL_HOURS: z.coerce.number({ message: 'must be a number' }).positive().default(12),
  COOKIE_SECURE: booleanFromEnv.optional(),
  FORM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBHOOK_ALLOW_LOOPBACK: booleanFromEnv.optional(),
  STALE_AFTER_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of days')
    .min(30, 'must be at least 30 days')
    .max(730, 'must be at most 730 days')
    .default(183),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * The role that owns the tables and runs migrations (PostgreSQL). With it, the app's own role
   * (DATABASE_URL's) gets row privileges only, so it cannot rewrite the append-only audit log.
   */
  migrationDatabaseUrl: string | undefined;
  loadDemoData: boolean;
  publicUrl: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  notifyApiKey: string | undefined;
  sessionTtlHours: number;
  /** Cookies get the Secure flag when the public URL is https (or when forced). */
  isCookieSecure: boolean;
  /**
   * Signs the public self-referral form's tokens. Set it when several instances run behind a load
   * balancer (a token must verify on any of them); unset, each process makes its own.
   */
  formSecret: Buffer;
  /** Directory entries not confirmed for this many days are flagged, ranked lower and chased. */
  staleAfterDays: number;
  /**
   * Whether webhooks may go to plain http://localhost / 127.0.0.1 / [::1] (development, tests, the
   * simulated GP system). Off when the public URL is https, so in production a subscriber cannot
   * point Linkwell at ports on its own machine.
   */
  allowLoopbackWebhooks: boolean;
};

export class ConfigError extends Error {}

/** Reads and validates configuration; blank variables count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in configSchema.shape && value !== undefined && value !== '',
    ),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Linkwell cannot start: invalid configuration\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.MIGRATION_DATABASE_URL && !c.DATABASE_URL) {
    throw new ConfigError(
      'Linkwell cannot start: invalid configuration\n' +
        '  MIGRATION_DATABASE_URL is set without DATABASE_URL: set DATABASE_URL to the app’s own role',
    );
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    migrationDatabaseUrl: c.MIGRATION_DATABASE_URL,
    loadDemoData: c.DEMO_DATA,
    publicUrl,
    logLevel: c.LOG_LEVEL,
    notifyApiKey: c.NOTIFY_API_KEY,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    isCookieSecure: c.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    formSecret: c.FORM_SECRET ? Buffer.from(c.FORM_SECRET, 'utf8') : randomBytes(32),
    staleAfterDays: c.STALE_AFTER_DAYS,
    allowLoopbackWebhooks: c.WEBHOOK_ALLOW_LOOPBACK ?? !publicUrl.startsWith('https://'),
  };
}

/** For command-line entry points: the configuration, or a clear message and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
