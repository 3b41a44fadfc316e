/**
 * What people type in the customer search box, as the API's query: words are
 * parts of an id, `key=value` words are traits (quote values with spaces:
 * `city="New York"`). And back, so the URL is the search.
 */
export type CustomerQuery = { q: string; traits: Record<string, string> }

const TOKEN = /(\S+?)=("([^"]*)"|\S*)|"([^"]*)"|(\S+)/g

export function parseCustomerSearch(text: string): CustomerQuery {
  const words: string[] = []
  const traits: Record<string, string> = {}
  for (const m of text.matchAll(TOKEN)) {
    const [, key, , quotedValue, quotedWord, word] = m
    if (key !== undefined) {
      const value = quotedValue ?? m[2] ?? ''
      if (value) traits[key] = value
    } else {
      words.push(quotedWord ?? word ?? '')
    }
  }
  return { q: words.filter(Boolean).join(' '), traits }
}

export function formatCustomerSearch({ q, traits }: CustomerQuery): string {
  const quote = (v: string) => (/\s/.test(v) ? `"${v}"` : v)
  return [q, ...Object.entries(traits).map(([k, v]) => `${k}=${quote(v)}`)].filter(Boolean).join(' ')
}

/** The search in the URL's terms: `q` and `trait.<key>` parameters. */
export function searchFromParams(params: URLSearchParams): CustomerQuery {
  const traits = Object.fromEntries([...params].filter(([k, v]) => k.startsWith('trait.') && v).map(([k, v]) => [k.slice('trait.'.length), v]))
  return { q: params.get('q') ?? '', traits }
}
