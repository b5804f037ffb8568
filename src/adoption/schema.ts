/**
 * Adoption and special guardianship: a child's adoption journey (the agency decision maker's
 * decision that the child should be placed for adoption, the authority to place, the match,
 * the placement and the adoption order, or the plan changed away from adoption), the
 * adoption reviews while the agency has authority to place (AAR 2005 reg 36), prospective
 * and approved adopters as households through the two-stage approval, and the adoption and
 * permanence panel's reports with the amendments it asked for.
 *
 * Journey and review rows carry `child_id` (the child's lock and access rule reach each row);
 * every editable row carries `version` for optimistic locking. Dates are ordered by check
 * constraints as well as by the use cases, so no write can leave a journey out of order.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';

/** How the agency has authority to place (Adoption and Children Act 2002 ss19, 21). */
export const authorityBases = ['placement_order', 'consent'] as const;
/** Early permanence: placed with carers who may adopt before the court decides. */
export const earlyPermanenceKinds = ['foster_to_adopt', 'concurrent_planning'] as const;
/** SSDA903 PlacedAdoption REASON_PLACED_CEASED: why the decision to place for adoption was reversed. */
export const planChangeReasons = ['RD1', 'RD2', 'RD3', 'RD4'] as const;
export type PlanChangeReason = (typeof planChangeReasons)[number];
/** Why an adoptive placement ended without an adoption order (Adoption and Children Act 2002 s35). */
export const placementEndReasons = ['returned_by_adopters', 'removed_by_agency', 'other'] as const;
/** SSDA903 REC: the reasons a period of care ends in adoption (the application unopposed, or consent dispensed with). */
export const adoptionReasonsCeased = ['E11', 'E12'] as const;
/** SSDA903 AD1 SEX_ADOPTR: the adopters' sexes. */
export const adopterSexes = ['M1', 'F1', 'MM', 'FF', 'MF'] as const;
/** SSDA903 AD1 LS_ADOPTR: the adopters' legal status. */
export const adopterLegalStatuses = ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'] as const;
/** DfE's main ethnic groups, which a household gives for matching (the child's own code says theirs). */
export const ethnicGroups = ['white', 'mixed', 'asian', 'black', 'other'] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];
/** Why an approval process or an approval ended. */
export const adopterEndReasons = ['withdrew', 'not_suitable', 'approval_ended'] as const;
/** SSDA903 PrevPerm PREV_PERM: the permanence a child had before coming into care. */
export const previousPermanenceCodes = ['P1', 'P2', 'P3', 'P4', 'Z1'] as const;
/** What a report to the adoption and permanence panel was about. */
export const panelSubjects = ['approval', 'match', 'plan'] as const;

const oneOf = (column: AnyPgColumn, codes: readonly string[]) => sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(','))})`;

const stamps = () => ({
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Prospective and approved adopters, as a household, through enquiry, stage one, stage two and approval. */
export const adopterHouseholds = pgTable(
  'adopter_households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** How the agency names the household ("Ash and Rowan Invented"). */
    name: text('name').notNull(),
    enquiryOn: date('enquiry_on').notNull(),
    /** Registration of interest accepted: stage one begins (2 months to complete it). */
    registrationAcceptedOn: date('registration_accepted_on'),
    stageOneCompletedOn: date('stage_one_completed_on'),
    /** The household said it wishes to go on to stage two (4 months to the decision). */
    stageTwoStartedOn: date('stage_two_started_on'),
    approvedOn: date('approved_on'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    numberOfAdopters: integer('number_of_adopters').notNull(),
    sexes: text('sexes').notNull(),
    legalStatus: text('legal_status').notNull(),
    ethnicGroup: text('ethnic_group').notNull(),
    /** What the household is approved, or hoping, to care for. */
    maxChildren: integer('max_children').notNull(),
    ageFrom: integer('age_from').notNull(),
    ageTo: integer('age_to').notNull(),
    ...stamps(),
  },
  (t) => [
    check('adopter_sexes_check', oneOf(t.sexes, adopterSexes)),
    check('adopter_legal_status_check', oneOf(t.legalStatus, adopterLegalStatuses)),
    check('adopter_ethnic_group_check', oneOf(t.ethnicGroup, ethnicGroups)),
    check('adopter_number_check', sql`${t.numberOfAdopters} in (1, 2)`),
    check('adopter_children_check', sql`${t.maxChildren} between 1 and 4`),
    check('adopter_age_check', sql`${t.ageFrom} >= 0 and ${t.ageTo} >= ${t.ageFrom} and ${t.ageTo} <= 17`),
    check(
      'adopter_stages_check',
      sql`(${t.registrationAcceptedOn} is null or ${t.registrationAcceptedOn} >= ${t.enquiryOn})
          and (${t.stageOneCompletedOn} is null or ${t.stageOneCompletedOn} >= ${t.registrationAcceptedOn})
          and (${t.stageTwoStartedOn} is null or ${t.stageTwoStartedOn} >= ${t.stageOneCompletedOn})
          and (${t.approvedOn} is null or ${t.approvedOn} >= ${t.stageTwoStartedOn})`,
    ),
    check(
      'adopter_end_check',
      sql`(${t.endedOn} is null) = (${t.endReason} is null) and (${t.endedOn} is null or ${t.endedOn} >= ${t.enquiryOn})`,
    ),
    check('adopter_end_reason_check', sql`${t.endReason} is null or ${oneOf(t.endReason, adopterEndReasons)}`),
    index('adopter_households_approved_idx').on(t.approvedOn),
  ],
);

/** A child's adoption journey: one open at a time, closed by the adoption order or a change of plan. */
export const adoptionJourneys = pgTable(
  'adoption_journeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The agency decision maker's decision that the child should be placed for adoption (903 DATE_INT, DATE_PLACED). */
    decidedOn: date('decided_on').notNull(),
    earlyPermanence: text('early_permanence'),
    /** Brothers and sisters the plan is to place with the child. */
    siblingsToPlaceWith: integer('siblings_to_place_with').notNull().default(0),
    /** The agency first had authority to place: the placement order, or the parents' consent. */
    authorityOn: date('authority_on'),
    authorityBasis: text('authority_basis'),
    /** The panel's recommendation on the match, if the match went to panel. */
    matchPanelOn: date('match_panel_on'),
    /** The agency decision maker's decision on the match (903 DATE_MATCH). */
    matchedOn: date('matched_on'),
    adopterId: uuid('adopter_id').references(() => adopterHouseholds.id),
    /** The day the child moved in with the adopters, when before the placement (foster carers, foster to adopt). */
    movedInOn: date('moved_in_on'),
    /** Placed for adoption (the adoptive placement). */
    placedOn: date('placed_on'),
    /** The adopters were the child's foster carers (903 FOSTER_CARE). */
    fosterCarerAdoption: boolean('foster_carer_adoption').notNull().default(false),
    adoptionOrderOn: date('adoption_order_on'),
    /** The decision to place for adoption reversed: the plan changed away from adoption. */
    planChangedOn: date('plan_changed_on'),
    planChangeReason: text('plan_change_reason'),
    planChangeDetail: text('plan_change_detail'),
    ...stamps(),
  },
  (t) => [
    check('aj_early_permanence_check', sql`${t.earlyPermanence} is null or ${oneOf(t.earlyPermanence, earlyPermanenceKinds)}`),
    check('aj_siblings_check', sql`${t.siblingsToPlaceWith} between 0 and 9`),
    check(
      'aj_authority_check',
      sql`(${t.authorityOn} is null) = (${t.authorityBasis} is null) and (${t.authorityBasis} is null or ${oneOf(t.authorityBasis, authorityBases)})`,
    ),
    check(
      'aj_match_check',
      sql`(${t.matchedOn} is null) = (${t.adopterId} is null) and (${t.matchedOn} is null or ${t.matchedOn} >= ${t.decidedOn})
          and (${t.matchPanelOn} is null or (${t.matchedOn} is not null and ${t.matchPanelOn} <= ${t.matchedOn}))`,
    ),
    check(
      'aj_placed_check',
      sql`${t.placedOn} is null or (${t.matchedOn} is not null and ${t.authorityOn} is not null and ${t.placedOn} >= ${t.matchedOn} and ${t.placedOn} >= ${t.authorityOn})`,
    ),
    check('aj_moved_in_check', sql`${t.movedInOn} is null or (${t.placedOn} is not null and ${t.movedInOn} <= ${t.placedOn})`),
    check('aj_order_check', sql`${t.adoptionOrderOn} is null or (${t.placedOn} is not null and ${t.adoptionOrderOn} >= ${t.placedOn})`),
    check(
      'aj_plan_change_check',
      sql`(${t.planChangedOn} is null) = (${t.planChangeReason} is null)
          and (${t.planChangeReason} is null or ${oneOf(t.planChangeReason, planChangeReasons)})
          and (${t.planChangedOn} is null or (${t.planChangedOn} >= ${t.decidedOn} and ${t.adoptionOrderOn} is null))`,
    ),
    // one adoption plan at a time
    uniqueIndex('aj_open_idx')
      .on(t.childId)
      .where(sql`${t.adoptionOrderOn} is null and ${t.planChangedOn} is null`),
    index('aj_child_idx').on(t.childId, t.decidedOn),
    index('aj_order_idx').on(t.adoptionOrderOn),
  ],
);

/**
 * An adoptive placement that ended without an adoption order (a disruption): the match and the
 * placement as they were, and the end. The journey stays open, its match and placement cleared,
 * so the child is waiting again and can be matched and placed anew; the placement's history is
 * kept here, and the clock reads both placements (facts.ts).
 */
export const adoptivePlacementEndings = pgTable(
  'adoptive_placement_endings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => adoptionJourneys.id),
    adopterId: uuid('adopter_id')
      .notNull()
      .references(() => adopterHouseholds.id),
    matchPanelOn: date('match_panel_on'),
    matchedOn: date('matched_on').notNull(),
    movedInOn: date('moved_in_on'),
    placedOn: date('placed_on').notNull(),
    fosterCarerAdoption: boolean('foster_carer_adoption').notNull(),
    endedOn: date('ended_on').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ape_reason_check', oneOf(t.reason, placementEndReasons)),
    check('ape_dates_check', sql`${t.placedOn} >= ${t.matchedOn} and ${t.endedOn} >= ${t.placedOn}`),
    index('ape_journey_idx').on(t.journeyId, t.endedOn),
  ],
);

/**
 * What the child had before coming into care: adopted, a special guardianship order, a child
 * arrangements (residence) order, or none (the SSDA903 PrevPerm table). One per child.
 */
export const previousPermanence = pgTable(
  'previous_permanence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    code: text('code').notNull(),
    /** The authority that arranged it, as recorded (LA_PERM). */
    arrangedBy: text('arranged_by'),
    /** The day the order was made (DATE_PERM), when known. */
    madeOn: date('made_on'),
    ...stamps(),
  },
  (t) => [
    check('pp_code_check', oneOf(t.code, previousPermanenceCodes)),
    check('pp_none_check', sql`${t.code} <> 'Z1' or (${t.arrangedBy} is null and ${t.madeOn} is null)`),
    uniqueIndex('pp_child_idx').on(t.childId),
  ],
);

/** An adoption review (AAR 2005 reg 36), with the visit frequency it set once the child is placed. */
export const adoptionReviews = pgTable(
  'adoption_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => adoptionJourneys.id),
    heldOn: date('held_on').notNull(),
    visitIntervalWeeks: integer('visit_interval_weeks'),
    ...stamps(),
  },
  (t) => [
    check('ar_interval_check', sql`${t.visitIntervalWeeks} is null or ${t.visitIntervalWeeks} between 1 and 52`),
    index('ar_child_idx').on(t.childId, t.heldOn),
  ],
);

/** A report to the adoption and permanence panel: about a household's approval, or a child's match or plan. */
export const adoptionPanelReports = pgTable(
  'adoption_panel_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subject: text('subject').notNull(),
    childId: uuid('child_id').references(() => children.id),
    adopterId: uuid('adopter_id').references(() => adopterHouseholds.id),
    panelOn: date('panel_on').notNull(),
    recommendation: text('recommendation').notNull(),
    /** What the panel said about the report's quality, kept so it is acted on. */
    feedback: text('feedback'),
    ...stamps(),
  },
  (t) => [
    check('apr_subject_check', oneOf(t.subject, panelSubjects)),
    check(
      'apr_about_check',
      sql`(${t.subject} = 'approval' and ${t.adopterId} is not null and ${t.childId} is null) or (${t.subject} <> 'approval' and ${t.childId} is not null)`,
    ),
    index('apr_panel_idx').on(t.panelOn),
  ],
);

/** An amendment the panel required of a report, tracked until it is done. */
export const adoptionPanelAmendments = pgTable(
  'adoption_panel_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => adoptionPanelReports.id),
    description: text('description').notNull(),
    doneOn: date('done_on'),
    ...stamps(),
  },
  (t) => [index('apa_report_idx').on(t.reportId)],
);
