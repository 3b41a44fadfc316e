import { describe, expect, it } from 'vitest'
import { can, type Action, type Principal } from '../../src/domain/access.ts'

const actions: Action[] = ['read', 'write', 'manage', 'ingest']
const matrix: Array<[string, Principal, Action[]]> = [
  ['viewer', { kind: 'user', role: 'viewer' }, ['read']],
  ['editor', { kind: 'user', role: 'editor' }, ['read', 'write', 'ingest']],
  ['owner', { kind: 'user', role: 'owner' }, ['read', 'write', 'manage', 'ingest']],
  ['non-member', { kind: 'user', role: null }, []],
  ['read key', { kind: 'read_key' }, ['read']],
  ['write key', { kind: 'write_key' }, ['ingest']],
]

describe('can', () => {
  it.each(matrix)('%s may do exactly %j', (_name, principal, allowed) => {
    expect(actions.filter((a) => can(principal, a))).toEqual(allowed)
  })
})
