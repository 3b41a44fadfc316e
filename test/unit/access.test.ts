import { describe, expect, it } from 'vitest'
import { ACTIONS, can, type Action, type Principal } from '../../src/domain/access.ts'
import { backoffMs } from '../../src/domain/backoff.ts'

const matrix: Array<[string, Principal, Action[]]> = [
  ['viewer', { kind: 'user', role: 'viewer' }, ['read']],
  ['editor', { kind: 'user', role: 'editor' }, ['read', 'write', 'ingest', 'import']],
  ['owner', { kind: 'user', role: 'owner' }, ['read', 'write', 'manage', 'ingest', 'import']],
  ['non-member', { kind: 'user', role: null }, []],
  ['read key', { kind: 'read_key' }, ['read']],
  ['write key', { kind: 'write_key' }, ['ingest']],
  ['import key', { kind: 'import_key' }, ['ingest', 'import']],
]

describe('can', () => {
  it.each(matrix)('%s may do exactly %j', (_name, principal, allowed) => {
    expect(ACTIONS.filter((a) => can(principal, a))).toEqual(allowed)
  })
})

describe('backoffMs', () => {
  const policy = { free: 5, baseMs: 1000, maxMs: 15 * 60_000 }
  it('is free for the first failures, then doubles up to the cap', () => {
    expect([0, 4, 5, 6, 7, 12].map((n) => backoffMs(n, policy))).toEqual([0, 0, 1000, 2000, 4000, 128_000])
    expect(backoffMs(200, policy)).toBe(15 * 60_000)
  })
})
