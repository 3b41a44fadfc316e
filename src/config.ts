import os from 'node:os'
import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isUrlWith(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    })

function isUrlWith(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol)
  } catch {
    return false
  }
}

const emptyToUndefined = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int('must be a port number (0-65535)').min(0, 'must be a port number (0-65535)').max(65535, 'must be a port number (0-65535)').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  CLICKHOUSE_URL: optionalUrl(['http:', 'https:']),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)')
    .default('waymark'),
  CLICKHOUSE_CLUSTER: emptyToUndefined.refine((v) => v === undefined || /^[A-Za-z_][A-Za-z0-9_-]*$/.test(v), {
    message: 'must be a cluster name (letters, digits, _ and -)',
  }),
  SECRET: emptyToUndefined.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (e.g. `openssl rand -hex 32`)',
  }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ANALYSIS_MEMORY_MB: z.coerce.number({ error: 'must be a number of megabytes (≥ 64)' }).int('must be a number of megabytes (≥ 64)').min(64, 'must be a number of megabytes (≥ 64)').optional(),
  ANALYSIS_QUEUE_SECONDS: z.coerce.number({ error: 'must be a number of seconds (0-600)' }).min(0, 'must be a number of seconds (0-600)').max(600, 'must be a number of seconds (0-600)').default(15),
  DEMO: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  DEMO_CUSTOMERS: z.coerce.number({ error: 'must be a whole number of customers (1-1000000)' }).int('must be a whole number of customers (1-1000000)').min(1, 'must be a whole number of customers (1-1000000)').max(1_000_000, 'must be a whole number of customers (1-1000000)').default(20_000),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((ip) => isIP(ip.trim().split('/')[0]!) !== 0), {
      message: 'must be true, false, a number of proxy hops, or comma-separated proxy addresses (CIDR allowed)',
    }),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
  SESSION_IDLE_HOURS: positiveNumber('hours').default(24),
  SESSION_MAX_DAYS: positiveNumber('days').default(14),
  RATE_LIMIT_SIGN_IN_PER_IP: positiveInt('sign-in attempts per minute').default(20),
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: positiveInt('sign-in attempts per minute').default(10),
  RATE_LIMIT_COLLECTOR: positiveInt('requests per minute').default(120_000),
  RATE_LIMIT_ANALYTICS: positiveInt('requests per minute').default(300),
  IMPORT_MAX_MB: positiveInt('megabytes').default(2048),
})

function positiveNumber(unit: string) {
  return z.coerce.number({ error: `must be a positive number of ${unit}` }).positive(`must be a positive number of ${unit}`)
}
function positiveInt(unit: string) {
  return z.coerce.number({ error: `must be a whole number of ${unit}` }).int(`must be a whole number of ${unit}`).positive(`must be a positive number of ${unit}`)
}

export type Config = {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  clickhouse: {
    url: string | undefined
    user: string
    password: string
    database: string
    cluster: string | undefined
  }
  secret: string | undefined
  logLevel: (typeof LOG_LEVELS)[number]
  /**
   * Whether the first start creates the demo workspace and its owner: `auto` only on embedded metadata (PGlite),
   * so a server pointed at an empty production PostgreSQL never fills it with fake customers.
   */
  demo: { when: 'auto' | 'on' | 'off'; customers: number }
  /** Memory the analyses running together in this process may hold, and how long a request waits for room. */
  analysis: { memoryBytes: number; queueMs: number }
  security: SecurityConfig
}

/** Proxies, cookies, sessions, rate limits and upload size: everything the HTTP layer enforces (see the README's Security section). */
export type SecurityConfig = {
  /** Fastify's trustProxy: which proxies' X-Forwarded-For/-Proto to believe (client IPs for rate limits, HTTPS for cookies and HSTS). */
  trustProxy: boolean | number | string[]
  /** auto: Secure unless the request is plain HTTP to a loopback host (localhost); true/false: always/never. */
  cookieSecure: 'auto' | 'always' | 'never'
  sessionIdleMs: number
  sessionMaxMs: number
  /** Requests per minute. */
  rateLimits: { signInPerIp: number; signInPerAccount: number; collector: number; analytics: number }
  importMaxBytes: number
}

export const DEFAULT_SECURITY: SecurityConfig = securityFrom(envSchema.parse({}))

function securityFrom(e: z.infer<typeof envSchema>): SecurityConfig {
  const proxy = e.TRUST_PROXY
  return {
    trustProxy: proxy === 'true' ? true : proxy === 'false' ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy.split(',').map((p) => p.trim()),
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true' ? 'always' : 'never',
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3600_000,
    sessionMaxMs: e.SESSION_MAX_DAYS * 24 * 3600_000,
    rateLimits: {
      signInPerIp: e.RATE_LIMIT_SIGN_IN_PER_IP,
      signInPerAccount: e.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      collector: e.RATE_LIMIT_COLLECTOR,
      analytics: e.RATE_LIMIT_ANALYTICS,
    },
    importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
  }
}

/** Raised for configuration problems; the CLI prints its message as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment once. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    const value = env[name]
    throw new ConfigError(
      `Invalid environment variable ${name}${value === undefined ? '' : `=${JSON.stringify(redact(name, value))}`}: ${issue.message}`,
    )
  }
  const e = parsed.data
  if (e.CLICKHOUSE_CLUSTER && !e.CLICKHOUSE_URL) {
    throw new ConfigError('Invalid environment variable CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL (the embedded engine has no cluster)')
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    clickhouse: {
      url: e.CLICKHOUSE_URL,
      user: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      cluster: e.CLICKHOUSE_CLUSTER,
    },
    secret: e.SECRET,
    logLevel: e.LOG_LEVEL,
    demo: { when: e.DEMO, customers: e.DEMO_CUSTOMERS },
    analysis: { memoryBytes: (e.ANALYSIS_MEMORY_MB ?? defaultAnalysisMemoryMb()) * 2 ** 20, queueMs: e.ANALYSIS_QUEUE_SECONDS * 1000 },
    security: securityFrom(e),
  }
}

/** A quarter of the machine's memory, at least 1 GB: room for ingestion and the engine's caches beside the analyses. */
function defaultAnalysisMemoryMb(): number {
  return Math.max(1024, Math.floor(os.totalmem() / 2 ** 20 / 4))
}

function redact(name: string, value: string): string {
  return /PASSWORD|SECRET|URL/.test(name) ? '***' : value
}
