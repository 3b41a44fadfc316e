import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { JourneyDocument } from '../../domain/journey/journey.ts'
import type { PersonaJob } from '../../domain/journey/persona.ts'
import { KEY_KINDS, ROLES } from '../../domain/access.ts'

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

export const schema = { roleEnum, keyKindEnum, workspaces, users, memberships, apiKeys, sessions, invitations, auditLog, personas, journeys, journeyVersions }
