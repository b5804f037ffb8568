/**
 * Looked after children: periods of care, the SSDA903 episodes within them, placements and
 * looked after reviews. Codes are DfE's SSDA903 code lists as the returns module holds them
 * (src/returns/ssda903/tables.ts), so the record and the return refuse the same codes.
 * Names follow the SSDA903 where it has them (DECOM, RNE, LS, CIN, PLACE, DEC, REC, REVIEW).
 *
 * Every table carries `child_id` (the child's lock and access rule reach each row); the
 * period of care carries `version`, and every change under it moves it on, so two people
 * changing one period from pages opened at the same time cannot both succeed.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';
import { codesFor, FIRST_YEAR, LATEST_YEAR } from '../returns/ssda903/tables.js';
import { VISIT_REGIMES } from '../clock/index.js';

/** The SSDA903 collection year whose code lists the record follows (the return ending 31 March). */
export const RECORD_903_YEAR = 2026;

const codes = (table: 'Episodes' | 'Reviews', column: string) => {
  const list = codesFor(table, column, RECORD_903_YEAR);
  if (list.length === 0) throw new Error(`no SSDA903 codes for ${table}.${column}`);
  return list as readonly [string, ...string[]];
};

/** LS: legal status. */
export const legalStatusCodes = codes('Episodes', 'LS');
/** Legal statuses of an agreed series of short breaks (CPPCR reg 48). */
export const shortBreakLegalStatuses = ['V3', 'V4'] as const;
/** CIN: category of need. */
export const categoryOfNeedCodes = codes('Episodes', 'CIN');
/** PLACE: placement type. */
export const placementTypeCodes = codes('Episodes', 'PLACE');
/** The SSDA903 collection year (the year it ends) a day falls in: 1 April to 31 March. */
export function collectionYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year + 1 : year;
}

/**
 * The placement types of the return for the year a placement begins (Z11 to Z14 from 2025/26
 * on, say), among the record's: a day outside the years the returns module knows takes the
 * nearest year's list.
 */
export function placementTypesOn(isoDate: string): readonly string[] {
  const year = Math.min(LATEST_YEAR, Math.max(FIRST_YEAR, collectionYearOf(isoDate)));
  const ofYear = new Set(codesFor('Episodes', 'PLACE', year));
  return placementTypeCodes.filter((c) => ofYear.has(c));
}

/** PLACE_PROVIDER: who provides the placement. */
export const placementProviderCodes = codes('Episodes', 'PLACE_PROVIDER');
/** REC: reason an episode ceased. X1 (a new episode began the same day) is the record's own doing, never chosen. */
export const reasonCeasedCodes = codes('Episodes', 'REC').filter((c) => c !== 'X1') as unknown as readonly [string, ...string[]];
/** REASON_PLACE_CHANGE: why a placement ended. */
export const placementChangeReasonCodes = codes('Episodes', 'REASON_PLACE_CHANGE');
/** REVIEW_CODE: the child's participation in a review. */
export const participationCodes = codes('Reviews', 'REVIEW_CODE');
/** RNE: reason for a new episode. */
export const newEpisodeReasonCodes = codes('Episodes', 'RNE');
/** The visit regimes of CPPCR reg 28, as the clock's looked-after-visits rule names them. */
export const visitRegimes = VISIT_REGIMES;

const oneOf = (column: AnyPgColumn, list: readonly string[]) => sql`${column} in (${sql.raw(list.map((c) => `'${c}'`).join(','))})`;

const stamps = () => ({
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A period of care: from becoming looked after to ceasing (REC). */
export const carePeriods = pgTable(
  'care_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** DECOM of the period's first episode */
    startDate: date('start_date').notNull(),
    /** DEC of the period's last episode */
    endDate: date('end_date'),
    /** REC of the period's last episode */
    reasonCeased: text('reason_ceased'),
    /** An agreed series of short breaks (CPPCR reg 48): legal status V3 or V4 when it began. */
    shortBreaks: boolean('short_breaks').notNull().default(false),
    iroName: text('iro_name'),
    iroAppointedDate: date('iro_appointed_date'),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('care_periods_end_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('care_periods_reason_check', sql`(${t.endDate} is null) = (${t.reasonCeased} is null)`),
    check('care_periods_reason_code_check', sql`${t.reasonCeased} is null or ${oneOf(t.reasonCeased, reasonCeasedCodes)}`),
    check('care_periods_iro_check', sql`(${t.iroName} is null) = (${t.iroAppointedDate} is null)`),
    // a child is in one period of care at a time
    uniqueIndex('care_periods_open_idx')
      .on(t.childId)
      .where(sql`${t.endDate} is null`),
    index('care_periods_child_idx').on(t.childId, t.startDate),
  ],
);

/**
 * A placement: where the child lives, with whom, and how often the child is visited there.
 * Postcodes are kept so that distance from home and inside or outside the authority can be
 * computed from a postcode directory, never typed.
 */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    /** REASON_PLACE_CHANGE, when the placement ended by a move within the period */
    reasonForChange: text('reason_for_change'),
    /** PLACE */
    placementType: text('placement_type').notNull(),
    /** PLACE_PROVIDER */
    provider: text('provider'),
    /** The carer, home or establishment, as the social worker knows it. */
    providerName: text('provider_name'),
    /** URN: Ofsted's unique reference number, where the provider is registered */
    urn: text('urn'),
    /** PL_POST */
    placementPostcode: text('placement_postcode'),
    /** HOME_POST: where the child lived when the placement began */
    homePostcode: text('home_postcode'),
    intendedToAge18: boolean('intended_to_age_18').notNull().default(false),
    visitRegime: text('visit_regime').notNull().default('standard'),
    ...stamps(),
  },
  (t) => [
    check('placements_end_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('placements_type_check', oneOf(t.placementType, placementTypeCodes)),
    check('placements_provider_check', sql`${t.provider} is null or ${oneOf(t.provider, placementProviderCodes)}`),
    check('placements_reason_check', sql`${t.reasonForChange} is null or ${oneOf(t.reasonForChange, placementChangeReasonCodes)}`),
    check('placements_regime_check', oneOf(t.visitRegime, visitRegimes)),
    // a child is in one placement at a time
    uniqueIndex('placements_open_idx')
      .on(t.childId)
      .where(sql`${t.endDate} is null`),
    index('placements_period_idx').on(t.carePeriodId, t.startDate),
    index('placements_child_idx').on(t.childId),
  ],
);

/**
 * A change, during a placement, to how often the child is visited there or to whether it is
 * meant to last until 18 (a permanence decision), from the day it was made: the clock's
 * interval after each visit is the one in force on the day of that visit.
 */
export const placementChanges = pgTable(
  'placement_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id),
    changeDate: date('change_date').notNull(),
    intendedToAge18: boolean('intended_to_age_18').notNull(),
    visitRegime: text('visit_regime').notNull(),
    ...stamps(),
  },
  (t) => [
    check('placement_changes_regime_check', oneOf(t.visitRegime, visitRegimes)),
    uniqueIndex('placement_changes_placement_date_idx').on(t.placementId, t.changeDate),
    index('placement_changes_child_idx').on(t.childId),
  ],
);

/**
 * An SSDA903 episode: from becoming looked after, a change of legal status or of placement,
 * to the next such change or the end of the period. Its end is the next episode's start, or
 * the period's end, so it is never stored twice.
 */
export const careEpisodes = pgTable(
  'care_episodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    /** DECOM */
    startDate: date('start_date').notNull(),
    /** RNE */
    reasonNew: text('reason_new').notNull(),
    /** LS */
    legalStatus: text('legal_status').notNull(),
    /** CIN */
    categoryOfNeed: text('category_of_need').notNull(),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id),
    ...stamps(),
  },
  (t) => [
    check('care_episodes_rne_check', oneOf(t.reasonNew, newEpisodeReasonCodes)),
    check('care_episodes_ls_check', oneOf(t.legalStatus, legalStatusCodes)),
    check('care_episodes_cin_check', oneOf(t.categoryOfNeed, categoryOfNeedCodes)),
    // two episodes of one child never start on the same day: changes that day make one episode
    uniqueIndex('care_episodes_child_start_idx').on(t.childId, t.startDate),
    index('care_episodes_period_idx').on(t.carePeriodId, t.startDate),
  ],
);

/** A looked after review (CPPCR reg 33), with the child's participation and the IRO who chaired it. */
export const lookedAfterReviews = pgTable(
  'looked_after_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    /** REVIEW */
    reviewDate: date('review_date').notNull(),
    /** REVIEW_CODE */
    participation: text('participation').notNull(),
    iroName: text('iro_name').notNull(),
    decisionsCirculatedDate: date('decisions_circulated_date'),
    recordCompletedDate: date('record_completed_date'),
    ...stamps(),
  },
  (t) => [
    check('looked_after_reviews_code_check', oneOf(t.participation, participationCodes)),
    check(
      'looked_after_reviews_follow_up_check',
      sql`(${t.decisionsCirculatedDate} is null or ${t.decisionsCirculatedDate} >= ${t.reviewDate}) and (${t.recordCompletedDate} is null or ${t.recordCompletedDate} >= ${t.reviewDate})`,
    ),
    index('looked_after_reviews_period_idx').on(t.carePeriodId, t.reviewDate),
    index('looked_after_reviews_child_idx').on(t.childId),
  ],
);

/**
 * A deprivation of liberty order (DoLO) made while the child is looked after: the SSDA903's
 * DoLo table from 2026/27 (DOLO_START, DOLO_END). It lies within its period of care (an order
 * still open when care ends is one DfE's rule 707 queries), and the child's orders never overlap
 * (rule 705); an order ends after the day it starts (rule 702). Changes to it move the period's
 * version on, as every change under the period does.
 */
export const deprivationOfLibertyOrders = pgTable(
  'deprivation_of_liberty_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    /** DOLO_START */
    startDate: date('start_date').notNull(),
    /** DOLO_END */
    endDate: date('end_date'),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('deprivation_of_liberty_orders_end_check', sql`${t.endDate} is null or ${t.endDate} > ${t.startDate}`),
    // a child has one open order at a time
    uniqueIndex('deprivation_of_liberty_orders_open_idx')
      .on(t.childId)
      .where(sql`${t.endDate} is null`),
    index('deprivation_of_liberty_orders_period_idx').on(t.carePeriodId, t.startDate),
    index('deprivation_of_liberty_orders_child_idx').on(t.childId),
  ],
);
