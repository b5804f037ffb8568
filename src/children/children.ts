import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { childVisibleTo, visibleAmong } from './access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { codesOf } from '../core/codes.js';
import { disabilityCodes, ethnicityCodes, sexCodes } from './codes.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, StaleRecordError } from '../core/db/versions.js';
import { choice, choices, optionalDateField, optionalDateOfBirthField, optionalText, text, version, evenWithOtherErrors, yearsBefore } from '../core/http/forms.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { allocate } from '../workforce/use-cases.js';
import { frontDoorTeamId } from '../workforce/queries.js';
import { addresses, childDisabilities } from './schema.js';
import { children } from '../core/record/schema.js';
import { normaliseNhsNumber, normalisePostcode, nhsNumberProblem, postcodeProblem, upnProblem } from '../core/record/identifiers.js';

const sexes = codesOf(sexCodes);
const ethnicities = codesOf(ethnicityCodes);
const disabilities = codesOf(disabilityCodes);

const identifiers = {
  nhsNumber: optionalText('NHS number', { max: 20 }).refine(
    (v) => v === undefined || nhsNumberProblem(v) === null,
    { message: 'NHS number is not valid: it must be 10 digits with a correct check digit' },
  ),
  upn: optionalText('Unique pupil number (UPN)', { max: 20 }).refine((v) => v === undefined || upnProblem(v) === null, {
    message: 'Unique pupil number (UPN) is not valid: a letter, then 12 characters, with a correct check letter',
  }),
};

/**
 * The fields of a new child, for the page and the API. A date of birth is in the last 25
 * years (care leavers are supported to 25); an expected one within a year of today.
 */
const newChildFields = (today: () => string) => ({
  firstName: text('First name', { max: 100 }),
  lastName: text('Last name', { max: 100 }),
  otherNames: optionalText('Other names', { max: 200 }),
  dateOfBirth: optionalDateOfBirthField('Date of birth', today),
  expectedDateOfBirth: optionalDateField('Expected date of birth', {
    range: { earliest: () => yearsBefore(today(), 1), latest: () => yearsBefore(today(), -1), message: 'must be within a year of today' },
  }),
  sex: choice('Sex', sexes),
  gender: optionalText('Gender', { max: 100 }),
  ethnicity: choice('Ethnicity', ethnicities),
  language: optionalText('First language', { max: 100 }),
  disabilities: choices('Disabilities', disabilities),
  ...identifiers,
  addressLine1: optionalText('Address line 1', { max: 200 }),
  addressTown: optionalText('Town or city', { max: 100 }),
  postcode: optionalText('Postcode', { max: 20 }).refine((v) => v === undefined || postcodeProblem(v) === null, {
    message: 'Postcode is not a UK postcode (for example M60 2LA)',
  }),
});

function newChildChecks(v: Partial<z.output<z.ZodObject<ReturnType<typeof newChildFields>>>>, ctx: z.RefinementCtx): void {
  if (!v.dateOfBirth && !v.expectedDateOfBirth) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter a date of birth, or an expected date of birth for an unborn child' });
  }
  if (v.postcode && !v.addressLine1) {
    ctx.addIssue({ code: 'custom', path: ['addressLine1'], message: 'Enter address line 1 with the postcode' });
  }
  if (v.addressLine1 && !v.postcode) {
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the postcode of the address' });
  }
}

/** One schema for creating a child, used by the page and the API. */
export const newChildSchema = (today: () => string) => z.object(newChildFields(today)).superRefine(newChildChecks, evenWithOtherErrors);
export type NewChild = z.output<ReturnType<typeof newChildSchema>>;

/**
 * The API's form of it: the same fields, and the caller's confirmation, after reading the
 * likely matches a first attempt answered with, that none of them is the child.
 */
export const newChildApiSchema = (today: () => string) =>
  z
  .object({
    ...newChildFields(today),
    confirmNotDuplicate: z
      .boolean({ error: 'Confirm not duplicate must be true or false' })
      .optional()
      .describe('true once the caller has checked that none of the likely matches (409) is this child'),
  })
  .superRefine(newChildChecks, evenWithOtherErrors);

export const childDetailsSchema = z.object({
  firstName: text('First name', { max: 100 }),
  lastName: text('Last name', { max: 100 }),
  otherNames: optionalText('Other names', { max: 200 }),
  sex: choice('Sex', sexes),
  gender: optionalText('Gender', { max: 100 }),
  ethnicity: choice('Ethnicity', ethnicities),
  language: optionalText('First language', { max: 100 }),
  ...identifiers,
  version: version(),
});
export type ChildDetails = z.output<typeof childDetailsSchema>;

/**
 * Add a child. The child sits with the adding user's team (or the front door, for a user
 * without a team) until allocated, so the person who added them can go on working.
 */
export async function createChild(db: Db, input: NewChild, today: string, by: { userId: string | null; teamId: string | null }): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(children)
      .values({
        firstName: input.firstName,
        lastName: input.lastName,
        otherNames: input.otherNames ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        expectedDateOfBirth: input.dateOfBirth ? null : (input.expectedDateOfBirth ?? null),
        sex: input.sex,
        gender: input.gender ?? null,
        ethnicity: input.ethnicity,
        language: input.language ?? null,
        nhsNumber: input.nhsNumber ? normaliseNhsNumber(input.nhsNumber) : null,
        upn: input.upn?.toUpperCase() ?? null,
      })
      .returning({ id: children.id });
    const childId = row!.id;
    if (input.disabilities.length > 0) {
      await tx.insert(childDisabilities).values(input.disabilities.map((code) => ({ childId, code })));
    }
    if (input.addressLine1 && input.postcode) {
      await tx.insert(addresses).values({
        childId,
        line1: input.addressLine1,
        town: input.addressTown ?? null,
        postcode: normalisePostcode(input.postcode),
        fromDate: today,
      });
    }
    const teamId = by.teamId ?? (await frontDoorTeamId(tx));
    if (teamId) await allocate(tx, childId, { teamId, workerId: null }, { userId: by.userId });
    await recomputeObligations(tx, [childId]);
    return childId;
  });
}

/** The save names the version it started from, and is refused if it moved on. */
export async function updateChildDetails(db: Db, childId: string, input: ChildDetails): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await lockAtVersion(tx, children, childId, input.version, STALE_DETAILS))) throw new StaleRecordError(STALE_DETAILS);
    await tx
      .update(children)
      .set({
        firstName: input.firstName,
        lastName: input.lastName,
        otherNames: input.otherNames ?? null,
        sex: input.sex,
        gender: input.gender ?? null,
        ethnicity: input.ethnicity,
        language: input.language ?? null,
        nhsNumber: input.nhsNumber ? normaliseNhsNumber(input.nhsNumber) : null,
        upn: input.upn?.toUpperCase() ?? null,
        updatedAt: new Date(),
        version: nextVersion(children),
      })
      .where(eq(children.id, childId));
  });
}

const STALE_DETAILS = "The child's details";

/** One schema for a search, from the search page's query string or the API's. */
export const childSearchSchema = z.object({
  name: optionalText('Name', { max: 200 }),
  dateOfBirth: optionalDateField('Date of birth'),
  nhsNumber: optionalText('NHS number', { max: 20 }),
  upn: optionalText('Unique pupil number (UPN)', { max: 20 }),
});
export type ChildSearch = z.output<typeof childSearchSchema>;

export interface ChildListItem {
  id: string;
  reference: number;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  postcode: string | null;
}

const listColumns = sql`c.id, c.reference::int as reference, c.first_name as "firstName", c.last_name as "lastName",
  c.date_of_birth::text as "dateOfBirth", c.expected_date_of_birth::text as "expectedDateOfBirth",
  (select a.postcode from addresses a where a.child_id = c.id order by a.from_date desc limit 1) as postcode`;

/** Find children the user may see, by any of name, date of birth, NHS number or UPN. */
export async function findChildren(db: Db, user: SignedInUser, q: ChildSearch, limit = 50): Promise<ChildListItem[]> {
  const conditions = [childVisibleTo(user)];
  if (q.name) {
    for (const word of q.name.trim().toLowerCase().split(/\s+/).slice(0, 4)) {
      conditions.push(sql`(lower(c.first_name) like ${`${word}%`} or lower(c.last_name) like ${`${word}%`} or lower(coalesce(c.other_names, '')) like ${`%${word}%`})`);
    }
  }
  if (q.dateOfBirth) conditions.push(sql`c.date_of_birth = ${q.dateOfBirth}`);
  if (q.nhsNumber) conditions.push(sql`c.nhs_number = ${normaliseNhsNumber(q.nhsNumber)}`);
  if (q.upn) conditions.push(sql`c.upn = ${q.upn.trim().toUpperCase()}`);
  if (conditions.length === 1) return [];
  return rows<ChildListItem>(
    db,
    sql`select ${listColumns} from children c where ${sql.join(conditions, sql` and `)} order by c.last_name, c.first_name limit ${limit}`,
  );
}

/**
 * Before a child is created: children already on the record who may be the same child.
 * A match on NHS number or UPN, or on date of birth with a similar name. Searched across
 * the whole record, not only what the user may open, so nobody creates a duplicate of a
 * child they cannot see; only the fact of a possible match and a reference are shown.
 */
export async function likelyMatches(db: Db, input: Partial<NewChild>): Promise<ChildListItem[]> {
  const alternatives = [];
  if (input.nhsNumber) alternatives.push(sql`c.nhs_number = ${normaliseNhsNumber(input.nhsNumber)}`);
  if (input.upn) alternatives.push(sql`c.upn = ${input.upn.toUpperCase()}`);
  if (input.dateOfBirth && input.lastName) {
    alternatives.push(sql`(c.date_of_birth = ${input.dateOfBirth} and (lower(c.last_name) = ${input.lastName.toLowerCase()} or lower(c.first_name) = ${(input.firstName ?? '').toLowerCase()}))`);
  }
  if (input.firstName && input.lastName) {
    alternatives.push(sql`(lower(c.first_name) = ${input.firstName.toLowerCase()} and lower(c.last_name) = ${input.lastName.toLowerCase()})`);
  }
  if (alternatives.length === 0) return [];
  return rows<ChildListItem>(
    db,
    sql`select ${listColumns} from children c where ${sql.join(alternatives, sql` or `)} order by c.last_name limit 10`,
  );
}

/**
 * Likely matches as the user may be shown them: a child they may open with the details to
 * recognise them; any other only by reference, to ask the front door or the child's team.
 */
export type ShownMatch = ({ visible: true } & ChildListItem) | { visible: false; reference: number };

export async function matchesShownTo(db: Db, user: SignedInUser, matches: ChildListItem[]): Promise<ShownMatch[]> {
  const visible = await visibleAmong(db, user, matches.map((m) => m.id));
  return matches.map((m) => (visible.has(m.id) ? { visible: true as const, ...m } : { visible: false as const, reference: m.reference }));
}
