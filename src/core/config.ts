import { z } from 'zod';

/**
 * The only module that reads process.env. Every setting is validated at start,
 * so a bad value stops the service with a message naming the variable.
 */
const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** An https URL, or http on this machine only (a provider run for development or tests). */
const providerUrl = z.url({ error: 'must be a URL' }).refine((v) => {
  if (!URL.canParse(v)) return true; // already reported as not a URL
  const u = new URL(v);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}, 'must be an https:// URL (http:// only for 127.0.0.1 or localhost)');

// Single sign-on through the authority's OpenID Connect identity provider: all optional.
const oidcEnv = {
  OIDC_ISSUER: providerUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: providerUrl.optional(),
  PUBLIC_URL: providerUrl.optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be scope names separated by single spaces')
    .refine((v) => v.split(' ').includes('openid'), 'must include openid')
    .default('openid profile email'),
  OIDC_USERNAME_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be a claim name such as preferred_username or email')
    .default('preferred_username'),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60, 'must be at most 60 characters').default('your council account'),
  PASSWORD_SIGN_IN: booleanish.default(true),
};

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
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  SECURE_COOKIES: booleanish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().min(1).optional(),
  ALLOW_DEMO_DATA_IN_PRODUCTION: booleanish.optional(),
  TIMEZONE: z.literal('Europe/London').default('Europe/London'),
  ...oidcEnv,
  // A national-size CIN census is about 450 MB.
  UPLOAD_LIMIT_MB: z.coerce
    .number({ error: 'must be a whole number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be between 1 and 4000')
    .max(4000, 'must be between 1 and 4000')
    .default(500),
  SESSION_LIFETIME_HOURS: whole(1, 24).default(12),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60).default(60),
  SIGN_IN_MAX_FAILURES: whole(3, 100).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: whole(10, 10_000).default(50),
  SIGN_IN_LOCKOUT_MINUTES: whole(1, 24 * 60).default(15),
  SIGN_IN_CONCURRENT_CHECKS: whole(1, 64).default(2),
  SIGN_IN_QUEUE: whole(0, 1000).default(8),
  POSTCODE_DIRECTORY: z.string().min(1).optional(),
  // unitary, metropolitan, London borough or county: the authorities with children's services
  AUTHORITY_CODE: z
    .string()
    .regex(
      /^E(06|08|09|10)\d{6}$/,
      'must be the authority’s ONS local authority code, such as E08000003 (E06, E08, E09 or E10 and six digits)',
    )
    .optional(),
  AUTHORITY_NAME: z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(80, 'must be at most 80 characters')
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\x00-\x1f\x7f]+$/, 'must be one line of text')
    .optional(),
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
  /** Append logs (JSON lines) to this file rather than standard output. */
  logFile: string | undefined;
  /** Serve a database holding the demo authority even when NODE_ENV=production. */
  allowDemoDataInProduction: boolean;
  /** The largest file the returns page accepts, in MB; uploads are kept on disk in dataDir, never whole in memory. */
  uploadLimitMb: number;
  /** Single sign-on through OpenID Connect; absent when OIDC_ISSUER is not set. */
  oidc: OidcConfig | undefined;
  /** Whether local usernames and passwords are accepted (always, unless single sign-on is on and this is turned off). */
  passwordSignIn: boolean;
  /** The local authority running the service, named at the top and foot of every page. */
  authorityName: string;
  /**
   * A postcode directory CSV (as `validate 903 --postcodes` takes) that distances between
   * placement and home are computed from; without it they are not computed, and pages say so.
   */
  postcodeDirectory: string | undefined;
  /**
   * The authority's ONS local authority code: whether a placement is inside the authority is
   * computed against it, and the SSDA903 is built with it when --la is not given.
   */
  authorityCode: string | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client, which proves itself with PKCE alone. */
  clientSecret: string | undefined;
  /** Where the provider sends the person back: OIDC_REDIRECT_URL, or PUBLIC_URL + /sign-in/oidc/callback. */
  redirectUrl: string;
  scopes: string;
  /** The claim whose value is an OpenCSC username, for the first sign-in before the identity is linked. */
  usernameClaim: string;
  /** Shown on the sign-in button: "Sign in with ...". */
  providerName: string;
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
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const missing = production ? (['SESSION_SECRET', 'AUTHORITY_NAME'] as const).filter((name) => !e[name]) : [];
  // a council's service must not go live named "Demo Council"
  if (missing.length) throw new ConfigError(missing.map((name) => `${name}: is required when NODE_ENV=production`));
  const oidc = oidcConfig(e);
  if (!e.PASSWORD_SIGN_IN && !oidc) {
    throw new ConfigError(['PASSWORD_SIGN_IN: can be turned off only when single sign-on is set up (OIDC_ISSUER)']);
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
    logFile: e.LOG_FILE,
    allowDemoDataInProduction: e.ALLOW_DEMO_DATA_IN_PRODUCTION ?? false,
    uploadLimitMb: e.UPLOAD_LIMIT_MB,
    oidc,
    passwordSignIn: e.PASSWORD_SIGN_IN,
    authorityName: e.AUTHORITY_NAME ?? 'Demo Council',
    postcodeDirectory: e.POSTCODE_DIRECTORY,
    authorityCode: e.AUTHORITY_CODE,
  };
}

function oidcConfig(e: z.infer<typeof envSchema>): OidcConfig | undefined {
  if (!e.OIDC_ISSUER) {
    const stray = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const).filter((k) => e[k]);
    if (stray.length) throw new ConfigError(stray.map((k) => `${k}: is set but OIDC_ISSUER is not`));
    return undefined;
  }
  const problems: string[] = [];
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: is required when OIDC_ISSUER is set');
  if (!e.OIDC_REDIRECT_URL && !e.PUBLIC_URL) {
    problems.push('OIDC_REDIRECT_URL: set it, or PUBLIC_URL, when OIDC_ISSUER is set');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUrl: e.OIDC_REDIRECT_URL ?? new URL('/sign-in/oidc/callback', e.PUBLIC_URL).href,
    scopes: e.OIDC_SCOPES,
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    providerName: e.OIDC_PROVIDER_NAME,
  };
}
