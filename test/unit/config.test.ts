import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

describe('loadConfig', () => {
  it('defaults to the embedded stores under ./data', () => {
    const c = loadConfig({})
    expect(c.port).toBe(3000)
    expect(c.dataDir).toBe(path.resolve('./data'))
    expect(c.databaseUrl).toBeUndefined()
    expect(c.clickhouse.url).toBeUndefined()
    expect(c.clickhouse.database).toBe('waymark')
    expect(c.logLevel).toBe('info')
    expect(c.security).toMatchObject({ trustProxy: false, cookieSecure: 'auto', rateLimits: { signInPerIp: 20, collector: 120_000 } })
  })

  it('reads the security settings', () => {
    const s = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1', COOKIE_SECURE: 'false', SESSION_IDLE_HOURS: '2', IMPORT_MAX_MB: '5' }).security
    expect(s).toMatchObject({ trustProxy: ['10.0.0.0/8', '192.168.1.1'], cookieSecure: 'never', sessionIdleMs: 7_200_000, importMaxBytes: 5 * 1024 * 1024 })
    expect(loadConfig({ TRUST_PROXY: '2' }).security.trustProxy).toBe(2)
  })

  it.each([
    [{ PORT: 'abc' }, /^Invalid environment variable PORT="abc": must be a port number/],
    [{ PORT: '70000' }, /PORT.*port number/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid environment variable DATABASE_URL="\*\*\*": must be a URL starting with postgres:/],
    [{ CLICKHOUSE_URL: 'localhost:8123' }, /CLICKHOUSE_URL.*http:\/\//],
    [{ CLICKHOUSE_DATABASE: 'my-db; drop' }, /CLICKHOUSE_DATABASE.*identifier/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SECRET: 'short' }, /SECRET.*32 characters/],
    [{ CLICKHOUSE_CLUSTER: 'c1' }, /CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL/],
    [{ TRUST_PROXY: 'yes please' }, /TRUST_PROXY.*proxy hops/],
    [{ COOKIE_SECURE: 'sometimes' }, /COOKIE_SECURE.*auto, true or false/],
    [{ RATE_LIMIT_ANALYTICS: '0' }, /RATE_LIMIT_ANALYTICS.*positive/],
    [{ IMPORT_MAX_MB: 'lots' }, /IMPORT_MAX_MB.*whole number/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    let error: unknown
    try {
      loadConfig(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })

  it('never echoes secrets', () => {
    expect(() => loadConfig({ SECRET: 'tooshort-secret' })).toThrow(/SECRET="\*\*\*"/)
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', CLICKHOUSE_URL: '' }).databaseUrl).toBeUndefined()
  })
})
