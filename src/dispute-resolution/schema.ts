/**
 * Dispute resolution: a conference chair or reviewing officer raises a concern about a child's
 * plan (a child protection or child in need plan), and it is taken up stage by stage, each
 * stage addressed to someone more senior with a date its response is due, until it is resolved.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cpPlans } from '../child-protection/schema.js';
import { cinPlans } from '../children-in-need/schema.js';
import { children } from '../core/record/schema.js';
import { users } from '../core/auth/schema.js';

export const disputePlanKinds = ['child_protection', 'child_in_need'] as const;
export type DisputePlanKind = (typeof disputePlanKinds)[number];
export const disputeRaisers = ['conference_chair', 'reviewing_officer'] as const;
/** Stage 1 is the team manager, then the service manager, the head of service, the director. */
export const disputeStageCount = 4;

export const planDisputes = pgTable(
  'plan_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    planKind: text('plan_kind').$type<DisputePlanKind>().notNull(),
    cpPlanId: uuid('cp_plan_id').references(() => cpPlans.id),
    cinPlanId: uuid('cin_plan_id').references(() => cinPlans.id),
    raisedByRole: text('raised_by_role').notNull(),
    raisedByName: text('raised_by_name').notNull(),
    raisedDate: date('raised_date').notNull(),
    concern: text('concern').notNull(),
    resolvedDate: date('resolved_date'),
    resolution: text('resolution'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Every change to the dispute or one of its stages moves it on. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check(
      'plan_disputes_plan_check',
      sql`(${t.planKind} = 'child_protection' and ${t.cpPlanId} is not null and ${t.cinPlanId} is null) or (${t.planKind} = 'child_in_need' and ${t.cinPlanId} is not null and ${t.cpPlanId} is null)`,
    ),
    check('plan_disputes_raiser_check', sql`${t.raisedByRole} in ('conference_chair','reviewing_officer')`),
    check(
      'plan_disputes_resolved_check',
      sql`(${t.resolvedDate} is null) = (${t.resolution} is null) and (${t.resolvedDate} is null or ${t.resolvedDate} >= ${t.raisedDate})`,
    ),
    index('plan_disputes_child_idx').on(t.childId, t.raisedDate),
  ],
);

export const disputeStages = pgTable(
  'dispute_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => planDisputes.id),
    stage: integer('stage').notNull(),
    startedDate: date('started_date').notNull(),
    /** Who must respond at this stage (a name and role). */
    addressedTo: text('addressed_to').notNull(),
    /** The working days the authority's protocol allowed in force on the day it started. */
    dueDate: date('due_date').notNull(),
    respondedDate: date('responded_date'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('dispute_stages_stage_check', sql`${t.stage} between 1 and ${sql.raw(String(disputeStageCount))}`),
    check(
      'dispute_stages_response_check',
      sql`(${t.respondedDate} is null) = (${t.response} is null) and (${t.respondedDate} is null or ${t.respondedDate} >= ${t.startedDate})`,
    ),
    uniqueIndex('dispute_stages_stage_idx').on(t.disputeId, t.stage),
  ],
);
