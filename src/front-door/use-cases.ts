import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { referralSourceCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, updateAtVersion } from '../core/db/versions.js';
import { choice, dateField, optionalText, text, uuidField, version, yesNo, evenWithOtherErrors } from '../core/http/forms.js';
import { startOfLondonDay } from '../core/time.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { allocate } from '../workforce/use-cases.js';
import { currentAllocation, frontDoorTeamId } from '../workforce/queries.js';
import { consentValues, contactDecisionProposals, contactOutcomes, contacts, referrals, thresholdLevels } from './schema.js';

const sources = codesOf(referralSourceCodes);

const timeOfDay = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'Enter the time the contact was received' })
    .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, 'Time received must be a time of day such as 09:30 or 14:05'),
);

export function contactSchema(today: () => string) {
  return z
    .object({
      childId: uuidField('Child'),
      receivedDate: dateField('Date received', { notInFuture: today }),
      receivedTime: timeOfDay,
      source: choice('Source of the contact', sources),
      referrerName: text('Who the contact is from', { max: 200 }),
      referrerOrganisation: optionalText('Organisation', { max: 200 }),
      about: text('What the contact is about', { max: 20000, multiline: true }),
      consent: choice('Consent to checks', consentValues),
      consentReason: optionalText('Reason consent was not given or sought', { max: 2000, multiline: true }),
      domesticAbuseNotification: yesNo('this is a police notification of domestic abuse'),
    })
    .superRefine((v, ctx) => {
      if ((v.consent === 'refused' || v.consent === 'not_sought') && !v.consentReason) {
        ctx.addIssue({
          code: 'custom',
          path: ['consentReason'],
          message: 'Enter why consent was refused or not sought: checks without consent need a recorded reason',
        });
      }
      if (v.domesticAbuseNotification === true && v.source !== undefined && v.source !== '6') {
        ctx.addIssue({ code: 'custom', path: ['source'], message: 'A police notification of domestic abuse has the source Police (6)' });
      }
    }, evenWithOtherErrors);
}
export type NewContact = z.output<ReturnType<typeof contactSchema>>;

/** A date and a time of day in England as an instant. */
export function londonInstant(date: string, time: string): Date {
  const [h, m] = time.split(/[:.]/).map(Number) as [number, number];
  return new Date(startOfLondonDay(date).getTime() + (h * 60 + m) * 60_000);
}

export async function recordContact(db: Db, input: NewContact, by: { userId: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const teamId = await frontDoorTeamId(tx);
    const [row] = await tx
      .insert(contacts)
      .values({
        childId: input.childId,
        teamId,
        receivedAt: londonInstant(input.receivedDate, input.receivedTime),
        source: input.source,
        referrerName: input.referrerName,
        referrerOrganisation: input.referrerOrganisation ?? null,
        about: input.about,
        consent: input.consent,
        consentReason: input.consent === 'given' ? null : (input.consentReason ?? null),
        domesticAbuseNotification: input.domesticAbuseNotification,
        recordedBy: by.userId,
      })
      .returning({ id: contacts.id });
    // A child not known to a team sits with the front door while the contact is decided.
    if (teamId && !(await currentAllocation(tx, input.childId))) {
      await allocate(tx, input.childId, { teamId, workerId: null }, { userId: by.userId });
    }
    await recomputeObligations(tx, [input.childId]);
    return row!.id;
  });
}

export const decisionSchema = z
  .object({
    thresholdLevel: choice('Threshold level', thresholdLevels),
    outcome: choice('Outcome', contactOutcomes),
    decisionReason: text('Reason for the decision', { max: 20000, multiline: true }),
    teamId: uuidField('Team to receive the referral').optional(),
    primaryNeed: optionalText('Primary need', { max: 3 }),
    version: version(),
  })
  .superRefine((v, ctx) => {
    if ((v.outcome === 'referral' || v.outcome === 'strategy_discussion') && !v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Select the team to receive the referral' });
    }
    if (v.primaryNeed && !/^N[0-9]$/.test(v.primaryNeed)) {
      ctx.addIssue({ code: 'custom', path: ['primaryNeed'], message: 'Primary need must be a DfE code N0 to N9' });
    }
  }, evenWithOtherErrors);
export type ContactDecision = z.output<typeof decisionSchema>;

export class AlreadyDecidedError extends Error {
  constructor() {
    super('This contact has already been decided');
    this.name = 'AlreadyDecidedError';
  }
}

/** Record the decision; a referral to children's social care starts a children in need episode. */
export async function decideContact(
  db: Db,
  contactId: string,
  input: ContactDecision,
  by: { userId: string; workerId: string | null; at: Date },
): Promise<{ childId: string; referralId: string | null }> {
  return db.transaction(async (tx) => {
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, contactId));
    if (!contact) throw new Error('contact not found');
    if (contact.decidedAt) throw new AlreadyDecidedError();
    if (await pendingProposal(tx, contactId)) throw new AwaitingSignOffError();
    await lockAtVersion(tx, contacts, contactId, input.version, 'This contact');
    return applyDecision(tx, contact, input, by);
  });
}

/** The decision made: on the contact, a referral where it makes one, and the child's team. */
async function applyDecision(
  tx: Db,
  contact: typeof contacts.$inferSelect,
  input: Omit<ContactDecision, 'version'>,
  by: { userId: string; workerId: string | null; at: Date },
): Promise<{ childId: string; referralId: string | null }> {
  await tx
    .update(contacts)
    .set({
      decidedAt: by.at,
      decidedBy: by.workerId,
      thresholdLevel: input.thresholdLevel,
      outcome: input.outcome,
      decisionReason: input.decisionReason,
      version: nextVersion(contacts),
    })
    .where(eq(contacts.id, contact.id));
  let referralId: string | null = null;
  if (input.outcome === 'referral' || input.outcome === 'strategy_discussion') {
    const referralDate = londonDateOf(contact.receivedAt);
    referralId = await createReferral(tx, {
      childId: contact.childId,
      contactId: contact.id,
      referralDate,
      source: contact.source,
      primaryNeed: input.primaryNeed ?? null,
    });
    await allocate(tx, contact.childId, { teamId: input.teamId!, workerId: null }, { userId: by.userId, at: by.at });
  }
  await recomputeObligations(tx, [contact.childId]);
  return { childId: contact.childId, referralId };
}

// ── A manager's sign-off, where local policy requires one ───────────────────────

export class AwaitingSignOffError extends Error {
  constructor() {
    super('A decision on this contact is already waiting for a manager’s sign-off');
    this.name = 'AwaitingSignOffError';
  }
}

export class NothingToSignOffError extends Error {
  constructor() {
    super('No decision on this contact is waiting for sign-off');
    this.name = 'NothingToSignOffError';
  }
}

async function pendingProposal(tx: Db, contactId: string) {
  const [found] = await tx
    .select()
    .from(contactDecisionProposals)
    .where(and(eq(contactDecisionProposals.contactId, contactId), eq(contactDecisionProposals.status, 'pending')))
    .for('update');
  return found ?? null;
}

/**
 * A practitioner's decision where the authority requires a manager's sign-off: kept as
 * waiting, and the contact stays undecided (the clock's deadline still runs) until a manager
 * signs it off or returns it. It moves the contact's version on, so a page opened before it
 * cannot decide the contact as well.
 */
export async function proposeContactDecision(
  db: Db,
  contactId: string,
  input: ContactDecision,
  by: { userId: string; workerId: string | null; at: Date },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, contactId));
    if (!contact) throw new Error('contact not found');
    if (contact.decidedAt) throw new AlreadyDecidedError();
    if (await pendingProposal(tx, contactId)) throw new AwaitingSignOffError();
    await updateAtVersion(tx, contacts, contactId, input.version, {}, 'This contact');
    const [row] = await tx
      .insert(contactDecisionProposals)
      .values({
        contactId,
        proposedAt: by.at,
        proposedBy: by.workerId,
        proposedByUser: by.userId,
        thresholdLevel: input.thresholdLevel,
        outcome: input.outcome,
        decisionReason: input.decisionReason,
        teamId: input.teamId ?? null,
        primaryNeed: input.primaryNeed ?? null,
      })
      .returning({ id: contactDecisionProposals.id });
    return row!.id;
  });
}

export const signOffSchema = z.object({ version: version() });

export const returnSchema = z.object({
  reviewComment: text('Why it is returned', { max: 20000, multiline: true }),
  version: version(),
});

/**
 * A manager signs off the decision waiting on a contact: the decision is made as the
 * practitioner proposed it, by them, at the moment it was signed off (until then nothing was
 * decided), and the manager is recorded as having signed it off.
 */
export async function signOffContactDecision(
  db: Db,
  contactId: string,
  input: z.output<typeof signOffSchema>,
  by: { userId: string; workerId: string | null; at: Date },
): Promise<{ childId: string; referralId: string | null }> {
  return db.transaction(async (tx) => {
    const contact = await lockAtVersion(tx, contacts, contactId, input.version, 'This contact');
    if (!contact) throw new Error('contact not found');
    if (contact.decidedAt) throw new AlreadyDecidedError();
    const proposal = await pendingProposal(tx, contactId);
    if (!proposal) throw new NothingToSignOffError();
    await tx
      .update(contactDecisionProposals)
      .set({ status: 'signed_off', reviewedAt: by.at, reviewedBy: by.workerId, reviewedByUser: by.userId })
      .where(eq(contactDecisionProposals.id, proposal.id));
    return applyDecision(
      tx,
      contact,
      {
        thresholdLevel: proposal.thresholdLevel as ContactDecision['thresholdLevel'],
        outcome: proposal.outcome as ContactDecision['outcome'],
        decisionReason: proposal.decisionReason,
        teamId: proposal.teamId ?? undefined,
        primaryNeed: proposal.primaryNeed ?? undefined,
      },
      { userId: by.userId, workerId: proposal.proposedBy, at: by.at },
    );
  });
}

/** A manager returns the decision waiting on a contact, saying why: the contact is back awaiting a decision. */
export async function returnContactDecision(
  db: Db,
  contactId: string,
  input: z.output<typeof returnSchema>,
  by: { userId: string; workerId: string | null; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const contact = await lockAtVersion(tx, contacts, contactId, input.version, 'This contact');
    if (!contact) throw new Error('contact not found');
    if (contact.decidedAt) throw new AlreadyDecidedError();
    const proposal = await pendingProposal(tx, contactId);
    if (!proposal) throw new NothingToSignOffError();
    await tx
      .update(contactDecisionProposals)
      .set({
        status: 'returned',
        reviewedAt: by.at,
        reviewedBy: by.workerId,
        reviewedByUser: by.userId,
        reviewComment: input.reviewComment,
      })
      .where(eq(contactDecisionProposals.id, proposal.id));
    await tx
      .update(contacts)
      .set({ version: nextVersion(contacts) })
      .where(eq(contacts.id, contactId));
  });
}

function londonDateOf(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
}

/** A repeat referral is one made within 12 months of a previous referral for the same child. */
export async function createReferral(
  db: Db,
  r: { childId: string; contactId: string | null; referralDate: string; source: string; primaryNeed: string | null },
): Promise<string> {
  const [previous] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from referrals
         where child_id = ${r.childId} and referral_date <= ${r.referralDate}
           and referral_date > (${r.referralDate}::date - interval '12 months')`,
  );
  const [row] = await db
    .insert(referrals)
    .values({
      childId: r.childId,
      contactId: r.contactId,
      referralDate: r.referralDate,
      source: r.source,
      primaryNeed: r.primaryNeed,
      repeatReferral: (previous?.n ?? 0) > 0,
    })
    .returning({ id: referrals.id });
  return row!.id;
}
