/**
 * Care planning for looked after children: the care plan of a period of care (CPPCR reg 4 and
 * Schedule 1), kept as versions so the plan's history is never overwritten; the placement plan
 * of a placement (reg 9); and whether the child is an unaccompanied asylum-seeking child, with
 * the date they ceased to be one (the SSDA903 UASC table's DUC).
 *
 * Every table carries `child_id`, so the child's lock and access rule reach each row. The care
 * plan, the placement plan and the UASC status each carry a `version`, moved on by every save,
 * so two people saving from pages opened at the same time cannot both succeed.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';
import { carePeriods, placements } from '../looked-after/schema.js';

/**
 * The plan for permanence (CPPCR Schedule 1, para 1: the long-term plan for the child's
 * upbringing), as the permanence options of the statutory guidance name them.
 */
export const permanenceOptions = [
  'return_home',
  'family_and_friends',
  'special_guardianship',
  'adoption',
  'long_term_fostering',
  'residential_care',
  'independent_living',
] as const;
export type Permanence = (typeof permanenceOptions)[number];

/** The sections every completed care plan sets out, in the order a plan is read. */
export const carePlanSections = ['health', 'education', 'contact', 'wellbeing', 'permanence', 'permanenceDetail', 'contingency'] as const;
export type CarePlanSection = (typeof carePlanSections)[number];

/**
 * How the child and their carers took part in the plan: asked of every version, though a plan
 * may be completed without it (Ofsted found it unclear in most plans it read in 2014).
 */
export const involvementLabel = 'How the child and the people caring for them took part in the plan';

/** The words each care plan section is named by, in messages and on the pages. */
export const carePlanSectionLabels: Record<CarePlanSection, string> = {
  health: 'Health',
  education: 'Education',
  contact: 'Contact with family and friends',
  wellbeing: 'Emotional and behavioural wellbeing, and identity',
  permanence: 'Plan for permanence',
  permanenceDetail: 'The plan for permanence in plain words',
  contingency: 'Contingency plan',
};

const stamps = () => ({
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The care plan of one period of care: its versions hang from it, the latest being the plan now. */
export const carePlans = pgTable(
  'care_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('care_plans_period_idx').on(t.carePeriodId), index('care_plans_child_idx').on(t.childId)],
);

/**
 * One version of a care plan, never changed once saved: a draft (no completed date) or a plan
 * completed on a date. A completed version holds every section and the contingency.
 */
export const carePlanVersions = pgTable(
  'care_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    /** 1 for the first version, then one more for each */
    number: integer('number').notNull(),
    health: text('health'),
    education: text('education'),
    /** Contact with family and friends */
    contact: text('contact'),
    /** Emotional and behavioural development, and identity */
    wellbeing: text('wellbeing'),
    permanence: text('permanence'),
    permanenceDetail: text('permanence_detail'),
    contingency: text('contingency'),
    /** How the child and the people caring for them took part in making the plan */
    involvement: text('involvement'),
    completedDate: date('completed_date'),
    ...stamps(),
  },
  (t) => [
    check(
      'care_plan_versions_permanence_check',
      sql`${t.permanence} is null or ${t.permanence} in (${sql.raw(permanenceOptions.map((p) => `'${p}'`).join(','))})`,
    ),
    check(
      'care_plan_versions_complete_check',
      sql`${t.completedDate} is null or (${t.health} is not null and ${t.education} is not null and ${t.contact} is not null
        and ${t.wellbeing} is not null and ${t.permanence} is not null and ${t.permanenceDetail} is not null and ${t.contingency} is not null)`,
    ),
    uniqueIndex('care_plan_versions_number_idx').on(t.carePlanId, t.number),
    index('care_plan_versions_child_idx').on(t.childId),
  ],
);

/** The placement plan of one placement (reg 9): when it was completed and the arrangements it sets out. */
export const placementPlans = pgTable(
  'placement_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id),
    completedDate: date('completed_date').notNull(),
    /** How the placement will meet the child's needs */
    needsMet: text('needs_met').notNull(),
    contact: text('contact').notNull(),
    health: text('health').notNull(),
    education: text('education').notNull(),
    /** What the carers may decide for the child without asking (delegated authority) */
    delegatedAuthority: text('delegated_authority').notNull(),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('placement_plans_placement_idx').on(t.placementId), index('placement_plans_child_idx').on(t.childId)],
);

/**
 * Whether the child is, or was, an unaccompanied asylum-seeking child, and the day they ceased
 * to be one (DUC in the SSDA903 UASC table; at the latest their 18th birthday).
 */
export const uascStatuses = pgTable(
  'uasc_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    uasc: boolean('uasc').notNull(),
    ceasedDate: date('ceased_date'),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('uasc_statuses_ceased_check', sql`${t.ceasedDate} is null or ${t.uasc}`),
    uniqueIndex('uasc_statuses_child_idx').on(t.childId),
  ],
);
