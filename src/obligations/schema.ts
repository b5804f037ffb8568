import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { children } from '../core/record/schema.js';

/**
 * What the statutory clock says is owed to each child. Computed by the rule engine from
 * the child's facts and rewritten in the same transaction as every write to the child,
 * so that work lists and dashboards are indexed queries.
 */
export const obligations = pgTable(
  'obligations',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    /** Stable key of the obligation within the child (rule, episode, sequence). */
    key: text('key').notNull(),
    ruleId: text('rule_id').notNull(),
    episode: text('episode'),
    /** As the rule states it: a date, or a date and time for rules counted in hours. */
    due: text('due').notNull(),
    /** The instant after which it is late (the end of the due day in England for date deadlines). */
    dueBy: timestamp('due_by', { withTimezone: true }).notNull(),
    done: text('done'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /**
     * A duty that ends on a known day (a birthday): unmet, it is no longer owed from this
     * date, and lists leave it out.
     */
    lapsesOn: date('lapses_on'),
    triggerFactId: text('trigger_fact_id'),
    meetingFactId: text('meeting_fact_id'),
    explanation: text('explanation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.childId, t.key] }),
    // work lists: outstanding obligations by due time
    index('obligations_outstanding_idx')
      .on(t.dueBy)
      .where(sql`${t.doneAt} is null`),
    index('obligations_rule_idx').on(t.ruleId, t.dueBy),
    // dashboards' counts: a rule's outstanding obligations by due time, read from the index alone
    index('obligations_open_rule_idx')
      .on(t.ruleId, t.dueBy, t.childId, t.lapsesOn, t.due)
      .where(sql`${t.doneAt} is null`),
  ],
);

/**
 * Local policy: a setting the law leaves to the authority, with the date it takes effect.
 * History is kept; the value in force on a date is the latest change on or before it.
 */
export const policySettings = pgTable(
  'policy_settings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    value: jsonb('value').$type<number | string | boolean>().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    setBy: uuid('set_by'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The one-time token of the form that made the change: a form posted twice (a double
     * click, a browser's retry) records one change.
     */
    submission: uuid('submission').unique(),
  },
  (t) => [index('policy_settings_key_idx').on(t.key, t.effectiveFrom)],
);

/**
 * A recompute of every child's obligations, asked for by a change of local policy or by the
 * rebuild command, run in batches after the request that asked for it. The row is the whole
 * state: a process that dies leaves it unfinished, and the next one resumes it after the
 * last child done.
 */
export const obligationRebuilds = pgTable(
  'obligation_rebuilds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reason: text('reason').notNull(),
    /** The setting change that asked for it, if one did. */
    settingChangeId: bigint('setting_change_id', { mode: 'number' }).references(() => policySettings.id),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** queued, running, finished, failed, or superseded by a later request before it finished. */
    state: text('state').notNull().default('queued'),
    /** Which process is running it; a batch commits only while this still matches. */
    runner: uuid('runner'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** Touched by every batch: a running job with an old heartbeat was left by a process that died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    childrenTotal: integer('children_total'),
    childrenDone: integer('children_done').notNull().default(0),
    /** The last child (by id) whose obligations are recomputed: the job resumes after it. */
    lastChildId: uuid('last_child_id'),
    obligations: integer('obligations').notNull().default(0),
    /** What went wrong, for the administrator: the error's kind, never a child's details. */
    failure: text('failure'),
  },
  (t) => [
    check('obligation_rebuilds_state', sql`${t.state} in ('queued', 'running', 'finished', 'failed', 'superseded')`),
    index('obligation_rebuilds_unfinished_idx')
      .on(t.id)
      .where(sql`${t.state} in ('queued', 'running')`),
  ],
);

/** Administrator's corrections to the bank-holiday table (a proclaimed one-off holiday, say). */
export const calendarOverrides = pgTable('calendar_overrides', {
  day: date('day').primaryKey(),
  working: boolean('working').notNull(),
  reason: text('reason').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});
