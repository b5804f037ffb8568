import { z } from 'zod';

/**
 * The only module that reads process.env. Every setting is validated at start,
 * so a bad value stops the service with a message naming the variable.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (use a long random string)')
    .optional(),
  SECURE_COOKIES: booleanish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIMEZONE: z.literal('Europe/London').default('Europe/London'),
  SESSION_LIFETIME_HOURS: whole(1, 24).default(12),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60).default(60),
  SIGN_IN_MAX_FAILURES: whole(3, 100).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: whole(10, 10_000).default(50),
  SIGN_IN_LOCKOUT_MINUTES: whole(1, 24 * 60).default(15),
  SIGN_IN_CONCURRENT_CHECKS: whole(1, 64).default(2),
  SIGN_IN_QUEUE: whole(0, 1000).default(8),
});

function whole(min: number, max: number) {
  return z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);
}

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Secret for session cookies; required in production, otherwise generated and kept in dataDir. */
  sessionSecret: string | undefined;
  secureCookies: boolean;
  logLevel: string;
  sessions: SessionPolicy;
  signIn: SignInPolicy;
}

export interface SessionPolicy {
  /** A session ends this long after sign-in, however active. */
  lifetimeMs: number;
  /** ... or this long after the last request. */
  idleMs: number;
}

export interface SignInPolicy {
  /** Failures of one account within lockoutMs that lock it for lockoutMs. */
  maxFailures: number;
  /** Failures from one client address within lockoutMs that refuse it for lockoutMs. */
  maxFailuresPerAddress: number;
  lockoutMs: number;
  /** Password checks (argon2, about a second of CPU each) running at once in one process. */
  concurrentChecks: number;
  /** Sign-ins waiting for a check; beyond this they are asked to try again in a moment. */
  queue: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: is required when NODE_ENV=production']);
  }
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    secureCookies: e.SECURE_COOKIES ?? production,
    logLevel: e.LOG_LEVEL,
    sessions: { lifetimeMs: e.SESSION_LIFETIME_HOURS * 3_600_000, idleMs: e.SESSION_IDLE_MINUTES * 60_000 },
    signIn: {
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      maxFailuresPerAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      lockoutMs: e.SIGN_IN_LOCKOUT_MINUTES * 60_000,
      concurrentChecks: e.SIGN_IN_CONCURRENT_CHECKS,
      queue: e.SIGN_IN_QUEUE,
    },
  };
}
