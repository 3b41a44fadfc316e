import { allSteps, matchRulesOf, type JourneyDocument, type MatchRule } from '../domain/journey/journey.ts'

export type SqlFragment = { sql: string; params: Record<string, unknown> }

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])

/**
 * Compiles a journey's mapping rules into one ClickHouse expression that names
 * the step (touchpoint) an event is, or '' when it is none. Touchpoints are
 * thus mapped at query time: a redesigned map re-measures all history. Steps
 * are tried in journey order and the first match wins; a step's rules are
 * OR-ed. Every value is a bound parameter (prefix keeps names unique). With
 * `index`, the expression gives the step's 1-based position in the journey
 * (0 for none) instead of its key: a number is cheaper to carry than a string.
 */
export function stepMatcher(doc: JourneyDocument, prefix = 'm', result: 'key' | 'index' = 'key'): SqlFragment {
  const params: Record<string, unknown> = {}
  let n = 0
  const bind = (value: unknown, type: string) => {
    const name = `${prefix}${n++}`
    params[name] = value
    return `{${name}:${type}}`
  }
  const ruleSql = (rule: MatchRule) => {
    const parts = [`event IN ${bind(asArray(rule.event), 'Array(String)')}`]
    if (rule.channel) parts.push(`channel = ${bind(rule.channel, 'String')}`)
    for (const [key, value] of Object.entries(rule.where ?? {})) {
      parts.push(`properties[${bind(key, 'String')}] IN ${bind(asArray(value).map(String), 'Array(String)')}`)
    }
    return `(${parts.join(' AND ')})`
  }
  const none = result === 'key' ? `''` : '0'
  const branches = allSteps(doc).flatMap(({ step }, i) => [matchRulesOf(step).map(ruleSql).join(' OR '), result === 'key' ? bind(step.key, 'String') : String(i + 1)])
  return { sql: branches.length ? `multiIf(${branches.join(', ')}, ${none})` : none, params }
}
