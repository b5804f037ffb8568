import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The register of children: every child the service keeps a record on, with the details
 * every area's pages show. Every area's tables refer to it, the audit trail names its rows
 * and each change locks one (locks.ts), so it sits in core; the children area keeps the rest
 * of the child's record and the pages that change it.
 */
export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A short number people can read out on the phone. */
    reference: bigserial('reference', { mode: 'number' }).notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    otherNames: text('other_names'),
    dateOfBirth: date('date_of_birth'),
    expectedDateOfBirth: date('expected_date_of_birth'),
    /** DfE sex code: M, F, U */
    sex: text('sex').notNull().default('U'),
    /** How the child describes their gender, in their words. */
    gender: text('gender'),
    /** DfE ethnicity code (WBRI, ...) */
    ethnicity: text('ethnicity').notNull().default('NOBT'),
    nhsNumber: text('nhs_number'),
    upn: text('upn'),
    /** First language */
    language: text('language'),
    restricted: boolean('restricted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('children_birth_check', sql`${t.dateOfBirth} is not null or ${t.expectedDateOfBirth} is not null`),
    check('children_sex_check', sql`${t.sex} in ('M','F','U')`),
    // find a child: by surname (prefix), by date of birth, by identifiers
    index('children_last_name_idx').on(sql`lower(${t.lastName})`, sql`lower(${t.firstName})`),
    index('children_dob_idx').on(t.dateOfBirth),
    index('children_nhs_idx').on(t.nhsNumber),
    index('children_upn_idx').on(t.upn),
  ],
);
