import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SignedInUser } from '../core/auth/users.js';
import { formatDate } from '../core/calendar/index.js';
import { codesOf } from '../core/codes.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, StaleRecordError } from '../core/db/versions.js';
import {
  choice,
  choices,
  dateField,
  evenWithOtherErrors,
  optionalDateField,
  optionalDateOfBirthField,
  optionalText,
  text,
  uuidField,
  version,
  yearsBefore,
  yesNo,
} from '../core/http/forms.js';
import { isUuid } from '../core/ids.js';
import { normaliseNhsNumber, normalisePostcode, nhsNumberProblem, postcodeProblem, upnProblem } from '../core/record/identifiers.js';
import { lockChildren } from '../core/record/locks.js';
import { children } from '../core/record/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { frontDoorTeamId } from '../workforce/queries.js';
import { allocate } from '../workforce/use-cases.js';
import { childVisibleTo } from './access.js';
import { disabilityCodes, ethnicityCodes, sexCodes } from './codes.js';
import { decidableBy } from './queries.js';
import {
  accessRequests,
  addresses,
  childDisabilities,
  people,
  relationships,
  relationshipTypes,
  restrictedRecordAccess,
  visits,
} from './schema.js';

/**
 * The writes to a child's record. Each takes the database or the route's transaction, makes
 * its change in one transaction and, where the clock reads what changed, recomputes the
 * child's obligations before it returns.
 */

// ── The child ───────────────────────────────────────────────────────────────────

const sexes = codesOf(sexCodes);
const ethnicities = codesOf(ethnicityCodes);
const disabilities = codesOf(disabilityCodes);

const identifiers = {
  nhsNumber: optionalText('NHS number', { max: 20 }).refine((v) => v === undefined || nhsNumberProblem(v) === null, {
    message: 'NHS number is not valid: it must be 10 digits with a correct check digit',
  }),
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
    ctx.addIssue({
      code: 'custom',
      path: ['dateOfBirth'],
      message: 'Enter a date of birth, or an expected date of birth for an unborn child',
    });
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
export async function createChild(
  db: Db,
  input: NewChild,
  today: string,
  by: { userId: string | null; teamId: string | null },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(children)
      .values({
        ...detailColumns(input),
        dateOfBirth: input.dateOfBirth ?? null,
        expectedDateOfBirth: input.dateOfBirth ? null : (input.expectedDateOfBirth ?? null),
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

/** The child's details as stored, from a new child or a change: identifiers in their one written form. */
function detailColumns(input: Omit<ChildDetails, 'version'>) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    otherNames: input.otherNames ?? null,
    sex: input.sex,
    gender: input.gender ?? null,
    ethnicity: input.ethnicity,
    language: input.language ?? null,
    nhsNumber: input.nhsNumber ? normaliseNhsNumber(input.nhsNumber) : null,
    upn: input.upn?.toUpperCase() ?? null,
  };
}

/** The save names the version it started from, and is refused if it moved on. */
export async function updateChildDetails(db: Db, childId: string, input: ChildDetails): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await lockAtVersion(tx, children, childId, input.version, STALE_DETAILS))) throw new StaleRecordError(STALE_DETAILS);
    await tx
      .update(children)
      .set({
        ...detailColumns(input),
        updatedAt: new Date(),
        version: nextVersion(children),
      })
      .where(eq(children.id, childId));
  });
}

const STALE_DETAILS = "The child's details";

// ── An unborn child's birth ─────────────────────────────────────────────────────

/**
 * An unborn child's birth: the date (not in the future, and within the 25 years a child's
 * record covers) and the child's sex, recorded as unknown before the birth.
 */
export const birthSchema = (today: () => string) =>
  z
    .object({
      dateOfBirth: optionalDateOfBirthField('Date of birth', today),
      sex: choice('Sex', sexes),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (!v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth' });
    }, evenWithOtherErrors);
export type Birth = z.output<ReturnType<typeof birthSchema>>;

export class AlreadyBornError extends Error {
  constructor(dateOfBirth: string) {
    super(`The child's date of birth is already recorded (${formatDate(dateOfBirth)})`);
    this.name = 'AlreadyBornError';
  }
}

/**
 * The worker records the birth of a child recorded as unborn. The expected date is kept (the
 * pre-birth work was planned on it); the clock's rules that run from the birth start now.
 */
export async function recordBirth(db: Db, childId: string, input: Birth): Promise<void> {
  await db.transaction(async (tx) => {
    const child = await lockAtVersion(tx, children, childId, input.version, STALE_DETAILS);
    if (!child) throw new Error('child not found');
    if (child.dateOfBirth) throw new AlreadyBornError(child.dateOfBirth);
    await tx
      .update(children)
      .set({ dateOfBirth: input.dateOfBirth!, sex: input.sex, updatedAt: new Date(), version: nextVersion(children) })
      .where(eq(children.id, childId));
    await recomputeObligations(tx, [childId]);
  });
}

// ── Visits ──────────────────────────────────────────────────────────────────────

export const visitPurposes = ['assessment', 'child_in_need', 'child_protection', 'looked_after', 'private_fostering', 'other'] as const;

export function visitSchema(today: () => string) {
  return z
    .object({
      visitDate: dateField('Date of the visit', { notInFuture: today }),
      purpose: choice('Purpose of the visit', visitPurposes),
      childSeen: yesNo('the child was seen'),
      seenAlone: yesNo('the child was seen alone').optional(),
      notes: optionalText('What happened', { max: 20000, multiline: true }),
    })
    .superRefine((v, ctx) => {
      if (v.childSeen === true && v.seenAlone === undefined) {
        ctx.addIssue({ code: 'custom', path: ['seenAlone'], message: 'Select whether the child was seen alone' });
      }
    }, evenWithOtherErrors);
}
export type NewVisit = z.output<ReturnType<typeof visitSchema>>;

export async function recordVisit(
  db: Db,
  childId: string,
  input: NewVisit,
  by: { userId: string; workerId: string | null },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(visits)
      .values({
        childId,
        visitDate: input.visitDate,
        purpose: input.purpose,
        childSeen: input.childSeen,
        seenAlone: input.childSeen ? (input.seenAlone ?? false) : false,
        notes: input.notes ?? null,
        workerId: by.workerId,
        recordedBy: by.userId,
      })
      .returning({ id: visits.id });
    await recomputeObligations(tx, [childId]);
    return row!.id;
  });
}

// ── Addresses ───────────────────────────────────────────────────────────────────

export function addressSchema(today: () => string) {
  return z.object({
    line1: text('Address line 1', { max: 200 }),
    line2: optionalText('Address line 2', { max: 200 }),
    town: optionalText('Town or city', { max: 100 }),
    postcode: text('Postcode', { max: 20 }).refine((v) => postcodeProblem(v) === null, {
      message: 'Postcode is not a UK postcode (for example M60 2LA)',
    }),
    fromDate: dateField('Date the child moved here', { notInFuture: today }),
  });
}

export class AddressDateError extends Error {
  constructor(readonly previousFrom: string) {
    super(`Date the child moved here must be after ${formatDate(previousFrom)}, when the child moved to the current address`);
    this.name = 'AddressDateError';
  }
}

/** A move: the current address ends the day before the new one starts, so the history has no gaps or overlaps. */
export async function recordMove(db: Db, childId: string, input: z.output<ReturnType<typeof addressSchema>>): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(addresses)
      .where(and(eq(addresses.childId, childId), isNull(addresses.toDate)));
    if (current) {
      if (input.fromDate <= current.fromDate) throw new AddressDateError(current.fromDate);
      await tx
        .update(addresses)
        .set({ toDate: sql`${input.fromDate}::date - 1` })
        .where(eq(addresses.id, current.id));
    }
    await tx.insert(addresses).values({
      childId,
      line1: input.line1,
      line2: input.line2 ?? null,
      town: input.town ?? null,
      postcode: normalisePostcode(input.postcode),
      fromDate: input.fromDate,
    });
  });
}

// ── People in the child’s life ──────────────────────────────────────────────────

/**
 * A person in the child's life: either someone named here, or another child already on the
 * record (a sibling known to services), given by their reference number.
 */
export const relationshipSchema = z
  .object({
    relationship: choice('Relationship to the child', relationshipTypes),
    firstName: optionalText('First name', { max: 100 }),
    lastName: optionalText('Last name', { max: 100 }),
    childReference: optionalText('Reference of a child on the record', { max: 12 }).refine((v) => v === undefined || /^\d+$/.test(v), {
      message: 'Reference of a child on the record must be a number',
    }),
    parentalResponsibility: yesNo('they have parental responsibility'),
    livesWithChild: yesNo('they live with the child'),
  })
  .superRefine((v, ctx) => {
    if (!v.childReference && (!v.firstName || !v.lastName)) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstName'],
        message: 'Enter the person’s first and last name, or the reference of a child on the record',
      });
    }
  }, evenWithOtherErrors);
export type NewRelationship = z.output<typeof relationshipSchema>;

/**
 * One answer for a reference nobody has and for a child the user may not open, so the
 * register cannot be read one reference at a time.
 */
export class UnknownChildReferenceError extends Error {
  constructor() {
    super('Reference of a child on the record: no child you have access to has that reference');
    this.name = 'UnknownChildReferenceError';
  }
}

/** Adds the person; a child on the record only if the user may open their record. Returns that child's id. */
export async function addRelationship(
  db: Db,
  childId: string,
  input: NewRelationship,
  by: SignedInUser,
): Promise<{ relatedChildId: string | null }> {
  return db.transaction(async (tx) => {
    let personId: string | null = null;
    let relatedChildId: string | null = null;
    if (input.childReference) {
      const [found] = await rows<{ id: string }>(
        tx,
        sql`select c.id from children c where c.reference = ${Number(input.childReference)} and c.id <> ${childId} and ${childVisibleTo(by)}`,
      );
      if (!found) throw new UnknownChildReferenceError();
      relatedChildId = found.id;
    } else {
      const [person] = await tx
        .insert(people)
        .values({ firstName: input.firstName!, lastName: input.lastName! })
        .returning({ id: people.id });
      personId = person!.id;
    }
    await tx.insert(relationships).values({
      childId,
      personId,
      relatedChildId,
      relationship: input.relationship,
      parentalResponsibility: input.parentalResponsibility,
      livesWithChild: input.livesWithChild,
    });
    return { relatedChildId };
  });
}

// ── Restriction, and requests for access ────────────────────────────────────────

export const restrictionSchema = z.object({
  restricted: yesNo('the record is restricted'),
  usernames: optionalText('Who may open it', { max: 2000, multiline: true }),
});

export class UnknownUsersError extends Error {
  constructor(readonly usernames: string[]) {
    super(`No user is called ${usernames.join(', ')}`);
    this.name = 'UnknownUsersError';
  }
}

/**
 * Restrict a record to named users, or lift the restriction. The person restricting it is
 * always named, so nobody locks themselves out of a record they are working on.
 */
export async function setRestriction(
  db: Db,
  childId: string,
  input: z.output<typeof restrictionSchema>,
  by: { userId: string },
): Promise<void> {
  const wanted = [
    ...new Set(
      (input.usernames ?? '')
        .split(/[\s,;]+/)
        .map((u) => u.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  await db.transaction(async (tx) => {
    const found = wanted.length
      ? await rows<{ id: string; username: string }>(tx, sql`select id, username from users where lower(username) in ${wanted}`)
      : [];
    const missing = wanted.filter((u) => !found.some((f) => f.username.toLowerCase() === u));
    if (missing.length) throw new UnknownUsersError(missing);
    await tx.update(children).set({ restricted: input.restricted, updatedAt: new Date() }).where(eq(children.id, childId));
    await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.childId, childId));
    if (input.restricted) {
      const ids = new Set([by.userId, ...found.map((f) => f.id)]);
      await tx.insert(restrictedRecordAccess).values([...ids].map((userId) => ({ childId, userId })));
    }
  });
}

/** Name one more user on a restricted record (a request for access granted). */
export async function nameOnRecord(db: Db, childId: string, userId: string): Promise<void> {
  await db.insert(restrictedRecordAccess).values({ childId, userId }).onConflictDoNothing();
}

export const accessRequestSchema = z.object({
  child: uuidField('Record'),
  reason: text('Why you need access', { max: 2000 }),
});
export type NewAccessRequest = z.output<typeof accessRequestSchema>;

/** Records the request; asking again while one is waiting changes nothing. Returns the waiting request's id. */
export async function requestAccess(db: Db, input: NewAccessRequest, by: { userId: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(accessRequests)
      .values({ childId: input.child, requestedBy: by.userId, reason: input.reason })
      .onConflictDoNothing()
      .returning({ id: accessRequests.id });
    if (created) return created.id;
    const [waiting] = await tx
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(and(eq(accessRequests.childId, input.child), eq(accessRequests.requestedBy, by.userId), eq(accessRequests.status, 'pending')));
    return waiting!.id;
  });
}

export class NotYoursToDecideError extends Error {
  constructor() {
    super('Only the people named on the record, or a service manager, can decide this request, and not the person who asked');
    this.name = 'NotYoursToDecideError';
  }
}

export class AlreadyDecidedError extends Error {
  constructor() {
    super('This request has already been decided');
    this.name = 'AlreadyDecidedError';
  }
}

/**
 * Grant (name the requester on the record, through the restriction code) or decline a
 * waiting request. Returns the child it was about, for the audit row.
 */
export async function decideAccessRequest(
  db: Db,
  requestId: string,
  decision: 'granted' | 'declined',
  by: SignedInUser,
): Promise<{ childId: string }> {
  if (!isUuid(requestId)) throw new NotYoursToDecideError();
  return db.transaction(async (tx) => {
    const [request] = await rows<{ childId: string; requestedBy: string; status: string; mayDecide: boolean }>(
      tx,
      sql`select ar.child_id as "childId", ar.requested_by as "requestedBy", ar.status, ${decidableBy(by)} as "mayDecide"
            from access_requests ar where ar.id = ${requestId} for update`,
    );
    if (!request?.mayDecide) throw new NotYoursToDecideError();
    if (request.status !== 'pending') throw new AlreadyDecidedError();
    await tx
      .update(accessRequests)
      .set({ status: decision, decidedBy: by.id, decidedAt: new Date() })
      .where(eq(accessRequests.id, requestId));
    if (decision === 'granted') {
      // the child's lock, as every write to the child takes it: a grant and a change of who is
      // named on the record (which replaces the list) then take turns instead of interleaving
      await lockChildren(tx, [request.childId]);
      await nameOnRecord(tx, request.childId, request.requestedBy);
    }
    return { childId: request.childId };
  });
}
