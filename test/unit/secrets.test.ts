import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../src/auth/password.ts'
import { apiKeyKind, csrfTokenFor, hashToken, newApiKey } from '../../src/auth/tokens.ts'
import { isSlug, slugify } from '../../src/domain/slug.ts'

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified', async () => {
    const a = await hashPassword('s3cret-pass')
    const b = await hashPassword('s3cret-pass')
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('s3cret-pass')
    expect(await verifyPassword('s3cret-pass', a)).toBe(true)
    expect(await verifyPassword('s3cret-pasS', a)).toBe(false)
    expect(await verifyPassword('s3cret-pass', 'garbage')).toBe(false)
  })
})

describe('tokens', () => {
  it('api keys carry their kind in a prefix and hash deterministically', () => {
    const w = newApiKey('write')
    expect(apiKeyKind(w)).toBe('write')
    expect(apiKeyKind(newApiKey('read'))).toBe('read')
    expect(apiKeyKind('something-else')).toBeUndefined()
    expect(hashToken(w)).toBe(hashToken(w))
    expect(hashToken(w)).not.toContain(w)
  })

  it('csrf tokens depend on both the secret and the session', () => {
    expect(csrfTokenFor('a'.repeat(32), 'h1')).not.toBe(csrfTokenFor('a'.repeat(32), 'h2'))
    expect(csrfTokenFor('a'.repeat(32), 'h1')).not.toBe(csrfTokenFor('b'.repeat(32), 'h1'))
  })
})

describe('slugs', () => {
  it('accepts url-friendly names only', () => {
    expect(isSlug('demo')).toBe(true)
    expect(isSlug('acme-retail-2')).toBe(true)
    expect(isSlug('Acme')).toBe(false)
    expect(isSlug('-x')).toBe(false)
    expect(slugify('Crème Brûlée & Co.')).toBe('creme-brulee-co')
  })
})
