import { allSteps, matchRulesOf, type JourneyDocument, type MatchRule } from '../domain/journey/journey.ts'

export type SqlFragment = { sql: string; params: Record<string, unknown> }
/** The step of an event as its key (`sql`, '' for none) and as its 1-based position in the journey (`index`, 0 for none). */
export type StepMatcher = SqlFragment & { index: string }

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])

/**
 * Compiles a journey's mapping rules into one ClickHouse expression that names
 * the step (touchpoint) an event is, or '' when it is none. Touchpoints are
 * thus mapped at query time: a redesigned map re-measures all history. Steps
 * are tried in journey order and the first match wins; a step's rules are
 * OR-ed. Every value is a bound parameter (prefix keeps names unique). The
 * same rules also give the step's position (`index`): a number is cheaper to
 * carry than a string.
 */
export function stepMatcher(doc: JourneyDocument, prefix = 'm'): StepMatcher {
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
  const steps = allSteps(doc).map(({ step }) => ({ rules: matchRulesOf(step).map(ruleSql).join(' OR '), key: bind(step.key, 'String') }))
  const multiIf = (result: (s: (typeof steps)[number], i: number) => string, none: string) =>
    steps.length ? `multiIf(${steps.flatMap((s, i) => [s.rules, result(s, i)]).join(', ')}, ${none})` : none
  return { sql: multiIf((s) => s.key, "''"), index: multiIf((_s, i) => String(i + 1), '0'), params }
}
