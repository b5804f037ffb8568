import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { workers } from '../core/organisation/schema.js';
import { children } from '../core/record/schema.js';

export const childDisabilities = pgTable(
  'child_disabilities',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    /** DfE disability code (MOB, HAND, ...) */
    code: text('code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.code] })],
);

export const addresses = pgTable(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    line1: text('line1').notNull(),
    line2: text('line2'),
    town: text('town'),
    postcode: text('postcode').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
  },
  // address history on the child's record
  (t) => [index('addresses_child_idx').on(t.childId, t.fromDate)],
);

/** People in a child's life who are not themselves children on the record. */
export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  dateOfBirth: date('date_of_birth'),
  phone: text('phone'),
});

export const relationshipTypes = [
  'mother',
  'father',
  'step_parent',
  'carer',
  'grandparent',
  'sibling',
  'half_sibling',
  'other_relative',
  'other',
] as const;

export const relationships = pgTable(
  'relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    /** Either a person, or another child on the record (a sibling known to services). */
    personId: uuid('person_id').references(() => people.id),
    relatedChildId: uuid('related_child_id').references(() => children.id),
    relationship: text('relationship').notNull(),
    parentalResponsibility: boolean('parental_responsibility').notNull().default(false),
    livesWithChild: boolean('lives_with_child').notNull().default(false),
  },
  (t) => [
    check('relationships_party_check', sql`(${t.personId} is null) <> (${t.relatedChildId} is null)`),
    index('relationships_child_idx').on(t.childId),
    // the other way round: whose mother a child is (the SSDA903's MOTHER), who names this child
    index('relationships_related_child_idx')
      .on(t.relatedChildId)
      .where(sql`${t.relatedChildId} is not null`),
  ],
);

/** For a restricted record: the only users who may open it. */
export const restrictedRecordAccess = pgTable(
  'restricted_record_access',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.childId, t.userId] })],
);

/**
 * Someone whose work includes a restricted child (it is in their team's lists, say) asking to
 * be named on the record: who, which child, why and when; who decided, how and when; and when
 * the requester was shown the outcome.
 */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** pending, granted, declined */
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    outcomeSeenAt: timestamp('outcome_seen_at', { withTimezone: true }),
  },
  (t) => [
    check('access_requests_status_check', sql`${t.status} in ('pending','granted','declined')`),
    // one open request per person and child
    uniqueIndex('access_requests_pending_idx')
      .on(t.childId, t.requestedBy)
      .where(sql`${t.status} = 'pending'`),
    index('access_requests_requester_idx').on(t.requestedBy, t.requestedAt),
  ],
);

/** A visit to the child, by any area of practice. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    visitDate: date('visit_date').notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    childSeen: boolean('child_seen').notNull(),
    seenAlone: boolean('seen_alone').notNull().default(false),
    /** assessment, child_in_need, child_protection, looked_after, private_fostering, other */
    purpose: text('purpose').notNull().default('other'),
    notes: text('notes'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    check('visits_seen_alone_check', sql`not ${t.seenAlone} or ${t.childSeen}`),
    // last time seen, per child (children not seen lists)
    index('visits_child_date_idx').on(t.childId, t.visitDate),
    // whether and when a child was last seen, one index probe per child (not seen counts)
    index('visits_child_seen_idx')
      .on(t.childId, t.visitDate)
      .where(sql`${t.childSeen}`),
  ],
);
