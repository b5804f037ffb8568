import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { children } from '../core/record/schema.js';
import { teams, workers } from '../core/organisation/schema.js';

export const consentValues = ['given', 'refused', 'not_sought'] as const;
export const thresholdLevels = ['universal', 'early_help', 'child_in_need', 'child_protection'] as const;
export const contactOutcomes = ['no_further_action', 'advice', 'early_help', 'referral', 'strategy_discussion'] as const;

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    teamId: uuid('team_id').references(() => teams.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** DfE referral source code (1A ... 10) */
    source: text('source').notNull(),
    referrerName: text('referrer_name').notNull(),
    referrerOrganisation: text('referrer_organisation'),
    about: text('about').notNull(),
    consent: text('consent').notNull(),
    consentReason: text('consent_reason'),
    /** A police notification of domestic abuse, triaged on its own route. */
    domesticAbuseNotification: boolean('domestic_abuse_notification').notNull().default(false),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => workers.id),
    thresholdLevel: text('threshold_level'),
    outcome: text('outcome'),
    decisionReason: text('decision_reason'),
    recordedBy: uuid('recorded_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('contacts_consent_check', sql`${t.consent} in ('given','refused','not_sought')`),
    check('contacts_consent_reason_check', sql`${t.consent} = 'given' or ${t.consentReason} is not null`),
    check('contacts_decision_check', sql`(${t.decidedAt} is null) = (${t.outcome} is null)`),
    // front door queue: contacts awaiting a decision, oldest first
    index('contacts_undecided_idx')
      .on(t.receivedAt)
      .where(sql`${t.decidedAt} is null`),
    index('contacts_child_idx').on(t.childId, t.receivedAt),
  ],
);

/** A referral to children's social care: the start of a children in need episode. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    referralDate: date('referral_date').notNull(),
    source: text('source').notNull(),
    /** DfE primary need code (N0 ... N9), when known */
    primaryNeed: text('primary_need'),
    /** Another referral for this child in the 12 months before this one. */
    repeatReferral: boolean('repeat_referral').notNull().default(false),
    closedDate: date('closed_date'),
    /** DfE reason for closure (RC1 ... RC9) */
    closureReason: text('closure_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('referrals_closure_check', sql`(${t.closedDate} is null) = (${t.closureReason} is null)`),
    // repeat referral look-back, and the child's episodes
    index('referrals_child_idx').on(t.childId, t.referralDate),
    index('referrals_open_idx')
      .on(t.referralDate)
      .where(sql`${t.closedDate} is null`),
  ],
);

export const signOffStatuses = ['pending', 'signed_off', 'returned'] as const;

/**
 * A practitioner's decision on a contact where the authority's policy requires a manager's
 * sign-off (`frontDoor.contactDecisionSignOff`): it waits here, and the contact stays
 * undecided, until a manager signs it off (the decision is then made) or returns it with a
 * comment. Every proposal is kept, so the record shows what was returned and why.
 */
export const contactDecisionProposals = pgTable(
  'contact_decision_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    proposedBy: uuid('proposed_by').references(() => workers.id),
    proposedByUser: uuid('proposed_by_user').notNull(),
    thresholdLevel: text('threshold_level').notNull(),
    outcome: text('outcome').notNull(),
    decisionReason: text('decision_reason').notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    primaryNeed: text('primary_need'),
    /** pending, signed_off, returned */
    status: text('status').notNull().default('pending'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => workers.id),
    reviewedByUser: uuid('reviewed_by_user'),
    /** Why it was returned, for the practitioner. */
    reviewComment: text('review_comment'),
  },
  (t) => [
    check('contact_decision_proposals_status_check', sql`${t.status} in ('pending','signed_off','returned')`),
    check('contact_decision_proposals_review_check', sql`(${t.status} = 'pending') = (${t.reviewedAt} is null)`),
    check('contact_decision_proposals_return_check', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
    // one decision awaiting sign-off per contact
    uniqueIndex('contact_decision_proposals_pending_idx')
      .on(t.contactId)
      .where(sql`${t.status} = 'pending'`),
    index('contact_decision_proposals_contact_idx').on(t.contactId, t.proposedAt),
  ],
);
