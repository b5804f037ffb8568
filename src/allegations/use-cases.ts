/**
 * The designated officer's writes: record an allegation (with the children on the record it
 * concerns), link another child, record a strategy or evaluation meeting, record the outcome.
 * Each locks the allegation at the version the page showed, checks the dates against one
 * another (naming the field), and recomputes the obligations of every child linked to it.
 */
import { Param, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { attendee } from '../casework/meetings.js';
import { formatDate } from '../core/calendar/index.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion } from '../core/db/versions.js';
import { choice, choices, dateField, optionalChoice, optionalText, text, version } from '../core/http/forms.js';
import { isUuid } from '../core/ids.js';
import { lockChildren } from '../core/record/locks.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  abuseTypes,
  allegationCategories,
  allegationChildren,
  allegationMeetings,
  allegationOutcomes,
  allegations,
  meetingKinds,
  outcomeActions,
  sectors,
} from './schema.js';
import { childNamedTo } from './queries.js';

const MAX_CHILDREN = 50;

/**
 * Children's reference numbers, as typed on a page ("1042, 1043") or a list in JSON. Only the
 * numbers are read here; which children they name is the use case's check.
 */
function childReferences(label: string) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? [] : typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : v),
    z
      .array(
        z.preprocess(
          (v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v),
          z
            .number({ error: `${label} must be whole numbers, separated by commas` })
            .int(`${label} must be whole numbers`)
            .min(1)
            .max(Number.MAX_SAFE_INTEGER),
        ),
        { error: `${label} must be a list of reference numbers` },
      )
      .max(MAX_CHILDREN, `${label}: no more than ${MAX_CHILDREN} children`),
  );
}

function count(label: string) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? 0 : typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} must be 0 or more`)
      .max(500, `${label} must be 500 or fewer`),
  );
}

export function recordAllegationSchema(today: Today) {
  return z.object({
    adultName: text('Name of the adult', { max: 200 }),
    adultRole: text('Their role', { max: 200 }),
    employer: text('Employer or organisation', { max: 300 }),
    sector: choice('Sector', sectors),
    category: choice('What is alleged', allegationCategories),
    abuseType: optionalChoice('Type of abuse', abuseTypes),
    detail: text('What is alleged to have happened', { max: 20000, multiline: true }),
    madeDate: dateField('Date the employer was told', { notInFuture: today }),
    ladoInformedDate: dateField('Date the designated officer was informed', { notInFuture: today }),
    childReferences: childReferences('Reference numbers of children on the record'),
    otherChildrenCount: count('Children not on the record'),
    otherChildrenDescription: optionalText('About the children not on the record', { max: 2000 }),
  });
}
export type RecordAllegation = z.output<ReturnType<typeof recordAllegationSchema>>;

/**
 * The children these references name, among those an allegation may name to the user: a
 * reference to any other child gets the same answer as one nobody has, so the register is not
 * read one reference at a time.
 */
async function childrenByReference(tx: Db, user: SignedInUser, references: readonly number[], field: string): Promise<string[]> {
  const wanted = [...new Set(references)];
  if (wanted.length === 0) return [];
  const found = await rows<{ id: string; reference: number }>(
    tx,
    sql`select c.id, c.reference::int as reference from children c
         where c.reference = any(${new Param(wanted)}::bigint[]) and ${childNamedTo(user)}`,
  );
  const missing = wanted.filter((r) => !found.some((f) => f.reference === r));
  if (missing.length > 0) {
    throw new CaseworkRuleError(field, `No child on the record you may see has the reference ${missing.join(', ')}: check the number`);
  }
  return found.map((f) => f.id);
}

export async function recordAllegation(tx: Db, input: RecordAllegation, by: Actor & { user: SignedInUser }): Promise<string> {
  if (input.ladoInformedDate < input.madeDate) {
    throw new CaseworkRuleError(
      'ladoInformedDate',
      `Date the designated officer was informed cannot be before the employer was told (${formatDate(input.madeDate)})`,
    );
  }
  const childIds = await childrenByReference(tx, by.user, input.childReferences, 'childReferences');
  if (childIds.length === 0 && input.otherChildrenCount === 0) {
    throw new CaseworkRuleError(
      'childReferences',
      'Give the reference numbers of the children on the record, or how many children not on the record, that the allegation concerns',
    );
  }
  if (input.otherChildrenCount === 0 && input.otherChildrenDescription) {
    throw new CaseworkRuleError('otherChildrenCount', 'Children not on the record must be 1 or more when you describe them');
  }
  await lockChildren(tx, childIds);
  const [row] = await tx
    .insert(allegations)
    .values({
      adultName: input.adultName,
      adultRole: input.adultRole,
      employer: input.employer,
      sector: input.sector,
      category: input.category,
      abuseType: input.abuseType ?? null,
      detail: input.detail,
      madeDate: input.madeDate,
      ladoInformedDate: input.ladoInformedDate,
      otherChildrenCount: input.otherChildrenCount,
      otherChildrenDescription: input.otherChildrenDescription ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: allegations.id });
  if (childIds.length > 0) await tx.insert(allegationChildren).values(childIds.map((childId) => ({ allegationId: row!.id, childId })));
  await recomputeObligations(tx, childIds);
  return row!.id;
}

/** The allegation locked at the version shown, with the children linked to it. */
async function lockAllegation(tx: Db, id: string, expected: number) {
  const a = isUuid(id) ? await lockAtVersion(tx, allegations, id, expected, 'This allegation') : null;
  if (!a) throw new CaseworkNotFound('The allegation');
  const linked = await tx
    .select({ childId: allegationChildren.childId })
    .from(allegationChildren)
    .where(eq(allegationChildren.allegationId, id));
  const childIds = linked.map((l) => l.childId);
  await lockChildren(tx, childIds);
  return { ...a, childIds };
}

async function moveOn(tx: Db, id: string, values: Partial<typeof allegations.$inferInsert> = {}): Promise<void> {
  await tx
    .update(allegations)
    .set({ ...values, updatedAt: new Date(), version: nextVersion(allegations) } as Record<string, unknown>)
    .where(eq(allegations.id, id));
}

export const linkChildSchema = z.object({
  childReferences: childReferences('Reference numbers of children on the record'),
  version: version(),
});
export type LinkChild = z.output<typeof linkChildSchema>;

export async function linkChildren(tx: Db, id: string, input: LinkChild, by: Actor & { user: SignedInUser }): Promise<string> {
  const a = await lockAllegation(tx, id, input.version);
  if (input.childReferences.length === 0)
    throw new CaseworkRuleError('childReferences', 'Enter reference numbers of children on the record');
  const childIds = await childrenByReference(tx, by.user, input.childReferences, 'childReferences');
  const already = childIds.filter((c) => a.childIds.includes(c));
  if (already.length > 0) throw new CaseworkRuleError('childReferences', 'A child given is already linked to this allegation');
  await lockChildren(tx, childIds);
  await tx.insert(allegationChildren).values(childIds.map((childId) => ({ allegationId: id, childId })));
  await moveOn(tx, id);
  await recomputeObligations(tx, [...a.childIds, ...childIds]);
  return id;
}

export function meetingSchema(today: Today) {
  return z.object({
    kind: choice('Kind of meeting', meetingKinds),
    meetingDate: dateField('Date of the meeting', { notInFuture: today }),
    attendance: z.array(attendee).min(1, 'Add who was invited: at least one agency').max(30, 'No more than 30 attendees'),
    decisions: text('Decisions', { max: 20000, multiline: true }),
    version: version(),
  });
}
export type RecordMeeting = z.output<ReturnType<typeof meetingSchema>>;

export async function recordMeeting(tx: Db, id: string, input: RecordMeeting): Promise<string> {
  const a = await lockAllegation(tx, id, input.version);
  if (input.meetingDate < a.madeDate) {
    throw new CaseworkRuleError('meetingDate', `Date of the meeting cannot be before the allegation was made (${formatDate(a.madeDate)})`);
  }
  if (a.concludedDate && input.meetingDate > a.concludedDate) {
    throw new CaseworkRuleError(
      'meetingDate',
      `Date of the meeting cannot be after the allegation concluded (${formatDate(a.concludedDate)})`,
    );
  }
  await tx.insert(allegationMeetings).values({
    allegationId: id,
    kind: input.kind,
    meetingDate: input.meetingDate,
    attendance: input.attendance,
    decisions: input.decisions,
  });
  await moveOn(tx, id);
  await recomputeObligations(tx, a.childIds);
  return id;
}

export function outcomeSchema(today: Today) {
  return z.object({
    outcome: choice('Outcome', allegationOutcomes),
    concludedDate: dateField('Date the allegation concluded', { notInFuture: today }),
    actions: choices('Actions', outcomeActions).refine((a) => a.length > 0, 'Select the actions taken, or no further action'),
    outcomeNotes: optionalText('Notes on the outcome', { max: 20000, multiline: true }),
    version: version(),
  });
}
export type RecordOutcome = z.output<ReturnType<typeof outcomeSchema>>;

export async function recordOutcome(tx: Db, id: string, input: RecordOutcome): Promise<string> {
  const a = await lockAllegation(tx, id, input.version);
  if (a.concludedDate) throw new CaseworkRuleError('outcome', `The allegation concluded on ${formatDate(a.concludedDate)}`);
  if (input.concludedDate < a.madeDate) {
    throw new CaseworkRuleError(
      'concludedDate',
      `Date the allegation concluded cannot be before the allegation was made (${formatDate(a.madeDate)})`,
    );
  }
  if (input.concludedDate < a.ladoInformedDate) {
    throw new CaseworkRuleError(
      'concludedDate',
      `Date the allegation concluded cannot be before the designated officer was informed (${formatDate(a.ladoInformedDate)})`,
    );
  }
  if (input.actions.includes('no_further_action') && input.actions.length > 1) {
    throw new CaseworkRuleError('actions', 'Actions: no further action cannot be chosen with another action');
  }
  await moveOn(tx, id, {
    outcome: input.outcome,
    concludedDate: input.concludedDate,
    outcomeActions: input.actions,
    outcomeNotes: input.outcomeNotes ?? null,
  });
  await recomputeObligations(tx, a.childIds);
  return id;
}
