import { randomBytes } from 'node:crypto'

declare const brand: unique symbol
/** A string id that cannot be mixed up with another kind of id. */
export type Id<Kind extends string> = string & { readonly [brand]: Kind }

export type WorkspaceId = Id<'workspace'>
export type UserId = Id<'user'>
export type ApiKeyId = Id<'api_key'>
export type SessionId = Id<'session'>
export type JourneyId = Id<'journey'>
export type PersonaId = Id<'persona'>
export type OpportunityId = Id<'opportunity'>
export type SolutionId = Id<'solution'>
export type ExperimentId = Id<'experiment'>
export type AlertRuleId = Id<'alert_rule'>
export type WebhookId = Id<'webhook'>
export type TriggerId = Id<'trigger'>
export type CaseId = Id<'case'>
export type InvitationId = Id<'invitation'>
export type AuditId = Id<'audit'>

const PREFIX = {
  workspace: 'ws',
  user: 'usr',
  api_key: 'key',
  session: 'ses',
  journey: 'jrn',
  persona: 'per',
  opportunity: 'opp',
  solution: 'sol',
  experiment: 'exp',
  alert_rule: 'alr',
  webhook: 'whk',
  trigger: 'trg',
  case: 'case',
  invitation: 'inv',
  audit: 'aud',
} as const

/** Sortable-enough, URL-safe random id with a readable prefix, e.g. `ws_5f3k…`. */
export function newId<Kind extends keyof typeof PREFIX>(kind: Kind): Id<Kind> {
  return `${PREFIX[kind]}_${randomBytes(10).toString('base64url')}` as Id<Kind>
}
