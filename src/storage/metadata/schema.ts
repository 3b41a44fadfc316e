import { sql } from 'drizzle-orm'
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { JourneyDocument } from '../../domain/journey/journey.ts'
import type { PersonaJob } from '../../domain/journey/persona.ts'
import { KEY_KINDS, ROLES } from '../../domain/access.ts'
import type { TriggerCondition } from '../../domain/cases/trigger.ts'
import type { ExperimentMetric, Variant } from '../../domain/experiments/experiment.ts'
import type { OpportunitySource, StepLink } from '../../domain/portfolio/opportunity.ts'
import type { ScoringWeights } from '../../domain/portfolio/scoring.ts'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const roleEnum = pgEnum('role', ROLES)
export const keyKindEnum = pgEnum('api_key_kind', KEY_KINDS)

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Events that no journey's mapping rules cover are stored flagged as off the plan. */
  strictTrackingPlan: boolean('strict_tracking_plan').notNull().default(false),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
)

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
)

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: keyKindEnum('kind').notNull(),
    name: text('name').notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** After this the key is refused; null: no expiry. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Addresses or CIDR ranges the key may be used from (read and import keys); empty: anywhere. */
    allowedIps: jsonb('allowed_ips').$type<string[]>().notNull().default([]),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    /** The absolute end of the session, however active it is. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Idle expiry counts from here (refreshed at most once a minute). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

/** An owner's invitation of an email into a workspace; membership exists only once the invitee accepts. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId)],
)

/** Security-relevant actions (sign-ins, keys, members, erasure, settings): who, what, when, from where. Ids only, no customer data. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** Null for actions outside a workspace (sign-in, password change). */
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The account acted as or on (a failed sign-in names the account tried, when it exists). */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who, as text that outlives the account: an email, `key:<prefix>` or `cli`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull().default(''),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.createdAt), index('audit_log_user_idx').on(t.userId, t.createdAt)],
)

export const personas = pgTable(
  'personas',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    frustrations: jsonb('frustrations').$type<string[]>().notNull().default([]),
    valueTier: text('value_tier'),
    jobs: jsonb('jobs').$type<PersonaJob[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('personas_workspace_name_idx').on(t.workspaceId, t.name)],
)

/** The current version of each journey map; `version` drives optimistic concurrency. */
export const journeys = pgTable(
  'journeys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    document: jsonb('document').$type<JourneyDocument>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('journeys_workspace_name_idx').on(t.workspaceId, t.name)],
)

/** Every saved version of every journey, with who, when and what changed. */
export const journeyVersions = pgTable(
  'journey_versions',
  {
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: jsonb('document').$type<JourneyDocument>().notNull(),
    summary: text('summary').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.version] })],
)

const time = (name: string) => timestamp(name, { withTimezone: true })
const workspaceRef = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' })
const userRef = (name: string) => text(name).references(() => users.id, { onDelete: 'set null' })

/** Portfolio items: what the team could fix, scored and ranked; declined ones keep their reason. */
export const opportunities = pgTable(
  'opportunities',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    title: text('title').notNull(),
    problem: text('problem').notNull().default(''),
    category: text('category').notNull(),
    status: text('status').notNull().default('new'),
    ownerId: userRef('owner_id'),
    source: jsonb('source').$type<OpportunitySource>().notNull(),
    steps: jsonb('steps').$type<StepLink[]>().notNull().default([]),
    confidence: doublePrecision('confidence').notNull(),
    effort: doublePrecision('effort').notNull(),
    promiseFit: text('promise_fit').notNull(),
    /** As given (by hand) or as found when created; red points are re-read live. */
    valueAtRisk: doublePrecision('value_at_risk').notNull().default(0),
    customersAffected: integer('customers_affected').notNull().default(0),
    pinnedRank: integer('pinned_rank'),
    declinedReason: text('declined_reason'),
    revisitAt: time('revisit_at'),
    declinedValueAtRisk: doublePrecision('declined_value_at_risk'),
    declinedCustomers: integer('declined_customers'),
    createdBy: userRef('created_by'),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [index('opportunities_workspace_idx').on(t.workspaceId)],
)

/** Solutions / projects under an opportunity; their order across the portfolio is the roadmap. */
export const solutions = pgTable(
  'solutions',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    status: text('status').notNull().default('idea'),
    startDate: text('start_date'),
    dueDate: text('due_date'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('solutions_opportunity_idx').on(t.opportunityId)],
)

/** A workspace's scoring weights (absent: the documented default). */
export const portfolioSettings = pgTable('portfolio_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  scoring: jsonb('scoring').$type<ScoringWeights>().notNull(),
  updatedAt: time('updated_at').notNull().defaultNow(),
})

/** Pilots on a step: variants, metrics and the plan; their results are computed from the events. */
export const experiments = pgTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    name: text('name').notNull(),
    hypothesis: text('hypothesis').notNull().default(''),
    variants: jsonb('variants').$type<Variant[]>().notNull(),
    primaryMetric: jsonb('primary_metric').$type<ExperimentMetric>().notNull(),
    guardrails: jsonb('guardrails').$type<ExperimentMetric[]>().notNull().default([]),
    mode: text('mode').notNull(),
    alpha: doublePrecision('alpha').notNull(),
    power: doublePrecision('power').notNull(),
    mde: doublePrecision('mde').notNull(),
    baseline: doublePrecision('baseline').notNull(),
    plannedPerVariant: integer('planned_per_variant').notNull(),
    status: text('status').notNull().default('draft'),
    startAt: time('start_at'),
    stopAt: time('stop_at'),
    opportunityId: text('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    createdBy: userRef('created_by'),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [index('experiments_workspace_idx').on(t.workspaceId)],
)

/** Where notifications go: a URL that gets JSON, or a Slack-compatible payload. Owners manage them. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    format: text('format').notNull().default('json'),
    createdAt: createdAt(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
)

/** Alert rules on a journey's touchpoint KPIs; their state follows every evaluation. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    step: text('step'),
    segment: jsonb('segment').$type<{ trait: string; value: string } | null>(),
    scoreKind: text('score_kind'),
    threshold: doublePrecision('threshold').notNull(),
    window: text('window').notNull().default('day'),
    baselineWindows: integer('baseline_windows').notNull().default(7),
    pendingEvaluations: integer('pending_evaluations').notNull().default(1),
    minSample: integer('min_sample').notNull().default(30),
    webhookId: text('webhook_id').references(() => webhooks.id, { onDelete: 'set null' }),
    enabled: boolean('enabled').notNull().default(true),
    state: text('state').notNull().default('ok'),
    stateSince: time('state_since').notNull().defaultNow(),
    consecutive: integer('consecutive').notNull().default(0),
    firingNotified: boolean('firing_notified').notNull().default(false),
    lastWindowEnd: time('last_window_end'),
    lastValue: doublePrecision('last_value'),
    snoozedUntil: time('snoozed_until'),
    knownRedPoints: jsonb('known_red_points').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('alert_rules_workspace_idx').on(t.workspaceId)],
)

/** Every evaluation of every rule, with the value that decided it (one per rule and window). */
export const alertEvaluations = pgTable(
  'alert_evaluations',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    windowStart: time('window_start').notNull(),
    windowEnd: time('window_end').notNull(),
    evaluatedAt: time('evaluated_at').notNull().defaultNow(),
    value: doublePrecision('value'),
    sample: integer('sample').notNull().default(0),
    conditionMet: boolean('condition_met'),
    state: text('state').notNull(),
    detail: text('detail').notNull().default(''),
    notification: text('notification'),
    delivery: text('delivery'),
  },
  (t) => [uniqueIndex('alert_evaluations_rule_window_idx').on(t.ruleId, t.windowEnd)],
)

/** Per-customer follow-up: a condition on newly stored events that opens a case. */
export const triggers = pgTable(
  'triggers',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    condition: jsonb('condition').$type<TriggerCondition>().notNull(),
    slaHours: doublePrecision('sla_hours').notNull().default(48),
    ownerId: userRef('owner_id'),
    webhookId: text('webhook_id').references(() => webhooks.id, { onDelete: 'set null' }),
    opportunityId: text('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    enabled: boolean('enabled').notNull().default(true),
    /** Arrival seq (µs) of the newest event read. */
    watermark: doublePrecision('watermark').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('triggers_workspace_idx').on(t.workspaceId)],
)

/** A customer to follow up: opened by a trigger, owned, due, escalated when overdue, closed with a root cause and an outcome. */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    triggerId: text('trigger_id').references(() => triggers.id, { onDelete: 'set null' }),
    journeyId: text('journey_id'),
    customerId: text('customer_id').notNull(),
    eventId: text('event_id').notNull(),
    eventAt: time('event_at').notNull(),
    reason: text('reason').notNull(),
    step: text('step'),
    status: text('status').notNull().default('open'),
    ownerId: userRef('owner_id'),
    openedAt: time('opened_at').notNull().defaultNow(),
    dueAt: time('due_at').notNull(),
    escalatedAt: time('escalated_at'),
    rootCause: text('root_cause'),
    outcome: text('outcome'),
    closedAt: time('closed_at'),
    opportunityId: text('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
  },
  (t) => [index('cases_workspace_idx').on(t.workspaceId, t.status), uniqueIndex('cases_trigger_event_idx').on(t.triggerId, t.eventId)],
)

export const schema = { roleEnum, keyKindEnum, workspaces, users, memberships, apiKeys, sessions, invitations, auditLog, personas, journeys, journeyVersions, opportunities, solutions, portfolioSettings, experiments, webhooks, alertRules, alertEvaluations, triggers, cases }
