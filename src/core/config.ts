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
  LOG_FILE: z.string().min(1).optional(),
  ALLOW_DEMO_DATA_IN_PRODUCTION: booleanish.optional(),
  TIMEZONE: z.literal('Europe/London').default('Europe/London'),
});

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
  /** Append logs (JSON lines) to this file rather than standard output. */
  logFile: string | undefined;
  /** Serve a database holding the demo authority even when NODE_ENV=production. */
  allowDemoDataInProduction: boolean;
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
    logFile: e.LOG_FILE,
    allowDemoDataInProduction: e.ALLOW_DEMO_DATA_IN_PRODUCTION ?? false,
  };
}
