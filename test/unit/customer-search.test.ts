import { describe, expect, it } from 'vitest'
import { formatCustomerSearch, parseCustomerSearch, searchFromParams } from '../../web/src/features/customers/customer-search.ts'

describe('the customer search box', () => {
  it('reads words as parts of an id and key=value as traits, quotes keeping spaces', () => {
    expect(parseCustomerSearch('cust-0042')).toEqual({ q: 'cust-0042', traits: {} })
    expect(parseCustomerSearch('  tier=gold   region=north ')).toEqual({ q: '', traits: { tier: 'gold', region: 'north' } })
    expect(parseCustomerSearch('cust tier=gold city="New York"')).toEqual({ q: 'cust', traits: { tier: 'gold', city: 'New York' } })
    expect(parseCustomerSearch('plan=')).toEqual({ q: '', traits: {} })
    expect(parseCustomerSearch('')).toEqual({ q: '', traits: {} })
  })

  it('writes a search back as it would be typed, and reads it from the URL', () => {
    const search = { q: 'cust', traits: { tier: 'gold', city: 'New York' } }
    expect(formatCustomerSearch(search)).toBe('cust tier=gold city="New York"')
    expect(parseCustomerSearch(formatCustomerSearch(search))).toEqual(search)
    expect(searchFromParams(new URLSearchParams('q=cust&trait.tier=gold&trait.empty=&sort=value'))).toEqual({ q: 'cust', traits: { tier: 'gold' } })
  })
})
