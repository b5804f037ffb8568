/**
 * Child protection use cases. Each write takes the transaction, checks the rules of practice
 * (refusing with the field named), writes, and recomputes the child's obligations, so the
 * clock never disagrees with the record. Each input has one zod schema, the same for the page
 * and the API.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { nextVersion, updateAtVersion } from '../core/db/versions.js';
import { children } from '../core/record/schema.js';
import { categoryOfAbuseCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import type { Db } from '../core/db/database.js';
import {
  choice,
  choices,
  dateField,
  evenWithOtherErrors,
  optionalChoice,
  optionalDateField,
  optionalText,
  optionalUuidField,
  text,
  uuidField,
  version,
  yesNo,
} from '../core/http/forms.js';
import { formatDate } from '../core/calendar/index.js';
import { londonDate } from '../core/time.js';
import { londonInstant } from '../front-door/use-cases.js';
import { contacts, referrals } from '../front-door/schema.js';
import { childProtectionPlanStarted } from './plan-start.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { list, optionalTimeField, timeField } from '../casework/fields.js';
import { attendee } from '../casework/meetings.js';
import {
  insertPlanAction,
  type NewPlanAction,
  type PlanActionProgress,
  type PlanContent,
  planActionProgressSchema,
  planActionSchema,
  refuseIfEnded,
  updateActionProgress,
} from '../casework/plans.js';
import {
  agencies,
  childParticipation,
  conferenceDecisions,
  conferenceTypes,
  coreGroupMeetings,
  cpConferences,
  cpPlanActions,
  cpPlans,
  initialConferenceDecisions,
  parentParticipation,
  chosenPlanEndReasons,
  requiredStrategyAgencies,
  reviewConferenceDecisions,
  s47Enquiries,
  s47Outcomes,
  strategyDecisions,
  strategyDiscussions,
} from './schema.js';

const categories = codesOf(categoryOfAbuseCodes);

/** A rule of practice the input breaks, naming the field to put right. */
export class ChildProtectionRuleError extends CaseworkRuleError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'ChildProtectionRuleError';
  }
}

/** The record named is not one of this child's. */
export class ChildProtectionNotFound extends CaseworkNotFound {
  constructor(what: string) {
    super(what);
    this.name = 'ChildProtectionNotFound';
  }
}

export type { Actor };

const participant = z.object({
  agency: choice('Agency', agencies),
  role: text('Role', { max: 200 }),
  name: text('Name', { max: 200 }),
});

// ── strategy discussion ──────────────────────────────────────────────────────

function strategyFields(today: Today) {
  return z.object({
    referralId: optionalUuidField('Referral'),
    contactId: optionalUuidField('Contact'),
    concernDate: dateField('Date the concern arose', { notInFuture: today }),
    concernTime: timeField('Time the concern arose'),
    concern: text('What the concern is', { max: 20000, multiline: true }),
    held: yesNo('the strategy discussion has been held'),
    heldDate: optionalDateField('Date the discussion was held', { notInFuture: today }),
    heldTime: optionalTimeField('Time the discussion was held'),
    participants: list(participant, 'Who took part'),
    informationShared: optionalText('What was shared', { max: 20000, multiline: true }),
    decisions: choices('Decision', strategyDecisions),
  });
}

type StrategyFields = z.output<ReturnType<typeof strategyFields>>;

/** What a held discussion must have: when, who (the police and health at least), what was shared and what was decided. */
function checkHeld(v: Partial<StrategyFields>, ctx: z.RefinementCtx): void {
  if (v.held !== true) return;
  if (!v.heldDate) ctx.addIssue({ code: 'custom', path: ['heldDate'], message: 'Enter the date the discussion was held' });
  if (!v.heldTime) ctx.addIssue({ code: 'custom', path: ['heldTime'], message: 'Enter the time the discussion was held' });
  const present = new Set((v.participants ?? []).map((p) => p?.agency));
  const missing = requiredStrategyAgencies.filter((a) => !present.has(a));
  if (missing.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['participants'],
      message: `Who took part must include ${missing.join(' and ')}: a strategy discussion has the police and health at the least`,
    });
  }
  if (!v.informationShared) ctx.addIssue({ code: 'custom', path: ['informationShared'], message: 'Enter what was shared' });
  const decisions = v.decisions ?? [];
  if (decisions.length === 0) ctx.addIssue({ code: 'custom', path: ['decisions'], message: 'Select the decision' });
  if (decisions.includes('no_further_action') && decisions.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['decisions'], message: 'No further action cannot be chosen with another decision' });
  }
}

export function strategyDiscussionSchema(today: Today) {
  return strategyFields(today).superRefine(checkHeld, evenWithOtherErrors);
}
export type NewStrategyDiscussion = z.output<ReturnType<typeof strategyDiscussionSchema>>;

export function updateStrategyDiscussionSchema(today: Today) {
  return strategyFields(today)
    .omit({ referralId: true, contactId: true })
    .extend({ version: version() })
    .superRefine(checkHeld, evenWithOtherErrors);
}
export type StrategyDiscussionUpdate = z.output<ReturnType<typeof updateStrategyDiscussionSchema>>;

function discussionTimes(input: Omit<StrategyFields, 'referralId' | 'contactId'>, now: Date) {
  const concernAt = londonInstant(input.concernDate, input.concernTime);
  if (concernAt > now) throw new ChildProtectionRuleError('concernTime', 'Time the concern arose must be now or in the past');
  const heldAt = input.held && input.heldDate && input.heldTime ? londonInstant(input.heldDate, input.heldTime) : null;
  if (heldAt && heldAt > now) throw new ChildProtectionRuleError('heldTime', 'Time the discussion was held must be now or in the past');
  if (heldAt && heldAt < concernAt)
    throw new ChildProtectionRuleError('heldDate', 'The discussion cannot be held before the concern arose');
  return { concernAt, heldAt };
}

function heldValues(input: Omit<StrategyFields, 'referralId' | 'contactId'>, heldAt: Date | null) {
  return {
    concern: input.concern,
    heldAt,
    participants: heldAt ? input.participants : [],
    informationShared: heldAt ? (input.informationShared ?? null) : null,
    decisions: heldAt ? input.decisions : [],
  };
}

export async function recordStrategyDiscussion(tx: Db, childId: string, input: NewStrategyDiscussion, by: Actor): Promise<string> {
  const { concernAt, heldAt } = discussionTimes(input, by.now);
  if (input.referralId) {
    const [r] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.id, input.referralId), eq(referrals.childId, childId)));
    if (!r) throw new ChildProtectionRuleError('referralId', 'Referral is not one of this child’s referrals');
  }
  if (input.contactId) {
    const [c] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, input.contactId), eq(contacts.childId, childId)));
    if (!c) throw new ChildProtectionRuleError('contactId', 'Contact is not one of this child’s contacts');
  }
  const [row] = await tx
    .insert(strategyDiscussions)
    .values({
      childId,
      referralId: input.referralId ?? null,
      contactId: input.contactId ?? null,
      concernAt,
      ...heldValues(input, heldAt),
      recordedBy: by.userId,
    })
    .returning({ id: strategyDiscussions.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

async function discussionOf(tx: Db, childId: string, id: string) {
  const [d] = await tx
    .select()
    .from(strategyDiscussions)
    .where(and(eq(strategyDiscussions.id, id), eq(strategyDiscussions.childId, childId)));
  if (!d) throw new ChildProtectionNotFound('The strategy discussion');
  return d;
}

async function s47Of(tx: Db, discussionId: string) {
  const [e] = await tx.select().from(s47Enquiries).where(eq(s47Enquiries.strategyDiscussionId, discussionId));
  return e ?? null;
}

export async function updateStrategyDiscussion(
  tx: Db,
  childId: string,
  id: string,
  input: StrategyDiscussionUpdate,
  by: Actor,
): Promise<string> {
  const current = await discussionOf(tx, childId, id);
  const { concernAt, heldAt } = discussionTimes(input, by.now);
  const enquiry = await s47Of(tx, id);
  if (enquiry) {
    if (!heldAt || !input.decisions.includes('s47_enquiry')) {
      throw new ChildProtectionRuleError(
        'decisions',
        'A section 47 enquiry has started from this discussion: the decision must stay a section 47 enquiry',
      );
    }
    if (londonDate(heldAt) > enquiry.startDate) {
      throw new ChildProtectionRuleError(
        'heldDate',
        `The discussion cannot be held after the section 47 enquiry it started (${formatDate(enquiry.startDate)})`,
      );
    }
  }
  if (current.authorisedDate && (!heldAt || londonDate(heldAt) > current.authorisedDate)) {
    throw new ChildProtectionRuleError('heldDate', 'The discussion cannot be held after the date it was authorised');
  }
  await updateAtVersion(
    tx,
    strategyDiscussions,
    id,
    input.version,
    { concernAt, ...heldValues(input, heldAt), updatedAt: new Date() },
    'This strategy discussion',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

export function authoriseSchema(today: Today) {
  return z.object({ authorisedDate: dateField('Date authorised', { notInFuture: today }), version: version() });
}
export type Authorise = z.output<ReturnType<typeof authoriseSchema>>;

export async function authoriseStrategyDiscussion(tx: Db, childId: string, id: string, input: Authorise, by: Actor): Promise<string> {
  const d = await discussionOf(tx, childId, id);
  if (!by.workerId) throw new ChildProtectionRuleError('authorisedDate', 'Only a manager with a worker record can authorise');
  if (!d.heldAt)
    throw new ChildProtectionRuleError('authorisedDate', 'The discussion has not been held yet: record it before it is authorised');
  if (d.authorisedDate) throw new ChildProtectionRuleError('authorisedDate', 'The discussion is already authorised');
  if (input.authorisedDate < londonDate(d.heldAt))
    throw new ChildProtectionRuleError('authorisedDate', 'Date authorised cannot be before the discussion was held');
  await updateAtVersion(
    tx,
    strategyDiscussions,
    id,
    input.version,
    { authorisedBy: by.workerId, authorisedDate: input.authorisedDate, updatedAt: new Date() },
    'This strategy discussion',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── section 47 enquiry ───────────────────────────────────────────────────────

export function startS47Schema(today: Today) {
  return z.object({ startDate: dateField('Date the enquiry started', { notInFuture: today }) });
}
export type StartS47 = z.output<ReturnType<typeof startS47Schema>>;

export async function startS47Enquiry(tx: Db, childId: string, discussionId: string, input: StartS47, by: Actor): Promise<string> {
  const d = await discussionOf(tx, childId, discussionId);
  if (!d.heldAt || !d.decisions.includes('s47_enquiry')) {
    throw new ChildProtectionRuleError('startDate', 'A section 47 enquiry starts from a strategy discussion that decided on one');
  }
  if (await s47Of(tx, discussionId))
    throw new ChildProtectionRuleError('startDate', 'A section 47 enquiry has already started from this discussion');
  if (input.startDate < londonDate(d.heldAt)) {
    throw new ChildProtectionRuleError(
      'startDate',
      `Date the enquiry started cannot be before the strategy discussion (${formatDate(londonDate(d.heldAt))})`,
    );
  }
  const [row] = await tx
    .insert(s47Enquiries)
    .values({ childId, strategyDiscussionId: discussionId, referralId: d.referralId, startDate: input.startDate, recordedBy: by.userId })
    .returning({ id: s47Enquiries.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export function s47OutcomeSchema(today: Today) {
  return z
    .object({
      childSeen: yesNo('the child was seen'),
      // asked only when the child was seen: a blank answer is no answer
      seenAlone: z.preprocess((v) => (v === '' ? undefined : v), yesNo('the child was seen alone').optional()),
      outcome: choice('Outcome', s47Outcomes),
      conferenceRequired: yesNo('an initial child protection conference is needed'),
      conferenceNotRequiredReason: optionalText('Why no conference is needed', { max: 5000, multiline: true }),
      endDate: dateField('Date the enquiry was completed', { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.childSeen === true && v.seenAlone === undefined)
        ctx.addIssue({ code: 'custom', path: ['seenAlone'], message: 'Select whether the child was seen alone' });
      if (v.conferenceRequired === false && !v.conferenceNotRequiredReason) {
        ctx.addIssue({ code: 'custom', path: ['conferenceNotRequiredReason'], message: 'Enter why no conference is needed' });
      }
    }, evenWithOtherErrors);
}
export type S47Outcome = z.output<ReturnType<typeof s47OutcomeSchema>>;

async function enquiryOf(tx: Db, childId: string, id: string) {
  const [e] = await tx
    .select()
    .from(s47Enquiries)
    .where(and(eq(s47Enquiries.id, id), eq(s47Enquiries.childId, childId)));
  if (!e) throw new ChildProtectionNotFound('The section 47 enquiry');
  return e;
}

async function initialConferenceOf(tx: Db, enquiryId: string) {
  const [c] = await tx.select().from(cpConferences).where(eq(cpConferences.s47EnquiryId, enquiryId));
  return c ?? null;
}

export async function recordS47Outcome(tx: Db, childId: string, id: string, input: S47Outcome, by: Actor): Promise<string> {
  const e = await enquiryOf(tx, childId, id);
  if (e.authorisedDate)
    throw new ChildProtectionRuleError('outcome', 'The enquiry’s outcome has been authorised and can no longer be changed');
  if (input.endDate < e.startDate) {
    throw new ChildProtectionRuleError(
      'endDate',
      `Date the enquiry was completed cannot be before it started (${formatDate(e.startDate)})`,
    );
  }
  const conference = await initialConferenceOf(tx, id);
  if (conference && !input.conferenceRequired) {
    throw new ChildProtectionRuleError(
      'conferenceRequired',
      'An initial conference has been held for this enquiry: it cannot conclude that none is needed',
    );
  }
  await updateAtVersion(
    tx,
    s47Enquiries,
    id,
    input.version,
    {
      childSeen: input.childSeen,
      seenAlone: input.childSeen ? (input.seenAlone ?? false) : false,
      outcome: input.outcome,
      conferenceRequired: input.conferenceRequired,
      conferenceNotRequiredReason: input.conferenceRequired ? null : (input.conferenceNotRequiredReason ?? null),
      endDate: input.endDate,
      completedBy: by.workerId,
      updatedAt: new Date(),
    },
    'This section 47 enquiry',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

export async function authoriseS47Enquiry(tx: Db, childId: string, id: string, input: Authorise, by: Actor): Promise<string> {
  const e = await enquiryOf(tx, childId, id);
  if (!by.workerId) throw new ChildProtectionRuleError('authorisedDate', 'Only a manager with a worker record can authorise');
  if (!e.endDate) throw new ChildProtectionRuleError('authorisedDate', 'Record the enquiry’s outcome before it is authorised');
  if (e.authorisedDate) throw new ChildProtectionRuleError('authorisedDate', 'The enquiry is already authorised');
  if (input.authorisedDate < e.endDate)
    throw new ChildProtectionRuleError('authorisedDate', 'Date authorised cannot be before the enquiry was completed');
  await updateAtVersion(
    tx,
    s47Enquiries,
    id,
    input.version,
    { authorisedBy: by.workerId, authorisedDate: input.authorisedDate, updatedAt: new Date() },
    'This section 47 enquiry',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── conferences ──────────────────────────────────────────────────────────────

export function conferenceSchema(today: Today) {
  return z
    .object({
      type: choice('Type of conference', conferenceTypes),
      s47EnquiryId: optionalUuidField('Section 47 enquiry'),
      cpPlanId: optionalUuidField('Child protection plan'),
      conferenceDate: dateField('Date of the conference', { notInFuture: today }),
      chair: text('Who chaired it', { max: 200 }),
      attendance: list(attendee, 'Attendance'),
      parentsParticipation: choice('Parents’ participation', parentParticipation),
      childParticipation: choice('Child’s participation', childParticipation),
      socialWorkerAttended: yesNo('the allocated social worker attended'),
      reportSubmittedDate: optionalDateField('Date the social worker’s report was submitted', { notInFuture: today }),
      reportSharedWithFamilyDate: optionalDateField('Date the report was shared with the family', { notInFuture: today }),
      decision: choice('Decision', conferenceDecisions),
      categoryOfAbuse: optionalChoice('Category of abuse', categories),
    })
    .superRefine((v, ctx) => {
      if (v.type === 'review') {
        if (!v.cpPlanId) ctx.addIssue({ code: 'custom', path: ['cpPlanId'], message: 'Select the plan the review conference is for' });
        if (v.decision && !(reviewConferenceDecisions as readonly string[]).includes(v.decision)) {
          ctx.addIssue({ code: 'custom', path: ['decision'], message: 'A review conference decides whether the plan continues or ends' });
        }
      } else if (v.type) {
        if (!v.s47EnquiryId)
          ctx.addIssue({ code: 'custom', path: ['s47EnquiryId'], message: 'Select the section 47 enquiry the conference follows' });
        if (v.decision && !(initialConferenceDecisions as readonly string[]).includes(v.decision)) {
          ctx.addIssue({
            code: 'custom',
            path: ['decision'],
            message: 'An initial conference decides whether the child needs a child protection plan',
          });
        }
      }
      if ((v.decision === 'cp_plan' || v.decision === 'continue_plan') && !v.categoryOfAbuse) {
        ctx.addIssue({ code: 'custom', path: ['categoryOfAbuse'], message: 'Select the category of abuse the plan is under' });
      }
      if (v.attendance.length === 0)
        ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'Enter who was invited and whether they attended' });
    }, evenWithOtherErrors);
}
export type NewConference = z.output<ReturnType<typeof conferenceSchema>>;

async function openPlanOf(tx: Db, childId: string) {
  const [p] = await tx
    .select()
    .from(cpPlans)
    .where(and(eq(cpPlans.childId, childId), isNull(cpPlans.endDate)));
  return p ?? null;
}

async function planOf(tx: Db, childId: string, id: string) {
  const [p] = await tx
    .select()
    .from(cpPlans)
    .where(and(eq(cpPlans.id, id), eq(cpPlans.childId, childId)));
  if (!p) throw new ChildProtectionNotFound('The child protection plan');
  return p;
}

/** The conference's id, and the plan it made, continued or ended. */
export async function recordConference(
  tx: Db,
  childId: string,
  input: NewConference,
  by: Actor,
): Promise<{ id: string; planId: string | null }> {
  const [child] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  const details = {
    childId,
    type: input.type,
    conferenceDate: input.conferenceDate,
    chair: input.chair,
    attendance: input.attendance,
    parentsParticipation: input.parentsParticipation,
    childParticipation: input.childParticipation,
    socialWorkerAttended: input.socialWorkerAttended,
    reportSubmittedDate: input.reportSubmittedDate ?? null,
    reportSharedWithFamilyDate: input.reportSharedWithFamilyDate ?? null,
    decision: input.decision,
    categoryOfAbuse: input.decision === 'cp_plan' || input.decision === 'continue_plan' ? (input.categoryOfAbuse ?? null) : null,
    recordedBy: by.userId,
  };

  if (input.type === 'review') {
    const plan = await planOf(tx, childId, input.cpPlanId!).catch(() => {
      throw new ChildProtectionRuleError('cpPlanId', 'Child protection plan is not one of this child’s plans');
    });
    if (plan.endDate)
      throw new ChildProtectionRuleError(
        'cpPlanId',
        `The plan ended on ${formatDate(plan.endDate)}: a review conference is for a plan in force`,
      );
    if (input.conferenceDate <= plan.startDate) {
      throw new ChildProtectionRuleError(
        'conferenceDate',
        `Date of the conference must be after the conference that made the plan (${formatDate(plan.startDate)})`,
      );
    }
    const [row] = await tx
      .insert(cpConferences)
      .values({ ...details, cpPlanId: plan.id })
      .returning({ id: cpConferences.id });
    if (input.decision === 'end_plan') {
      await tx
        .update(cpPlans)
        .set({ endDate: input.conferenceDate, endReason: 'review_decision', updatedAt: new Date(), version: nextVersion(cpPlans) })
        .where(eq(cpPlans.id, plan.id));
    } else {
      await tx
        .update(cpPlans)
        .set({ latestCategory: input.categoryOfAbuse!, updatedAt: new Date(), version: nextVersion(cpPlans) })
        .where(eq(cpPlans.id, plan.id));
    }
    await recomputeObligations(tx, [childId]);
    return { id: row!.id, planId: plan.id };
  }

  const enquiry = await enquiryOf(tx, childId, input.s47EnquiryId!).catch(() => {
    throw new ChildProtectionRuleError('s47EnquiryId', 'Section 47 enquiry is not one of this child’s enquiries');
  });
  if (input.conferenceDate < enquiry.startDate) {
    throw new ChildProtectionRuleError(
      'conferenceDate',
      `Date of the conference cannot be before the section 47 enquiry started (${formatDate(enquiry.startDate)})`,
    );
  }
  if (enquiry.conferenceRequired === false) {
    throw new ChildProtectionRuleError('s47EnquiryId', 'The section 47 enquiry concluded that no conference is needed');
  }
  if (await initialConferenceOf(tx, enquiry.id)) {
    throw new ChildProtectionRuleError('s47EnquiryId', 'An initial conference has already been recorded for this enquiry');
  }
  const bornBy = child?.dateOfBirth && child.dateOfBirth <= input.conferenceDate;
  if (input.type === 'pre_birth' && bornBy) {
    throw new ChildProtectionRuleError(
      'type',
      `The child was born on ${formatDate(child.dateOfBirth!)}: a pre-birth conference is held before the birth`,
    );
  }
  if (input.type === 'initial' && !bornBy) {
    throw new ChildProtectionRuleError(
      'type',
      'The child was not yet born on the date of the conference: record it as a pre-birth conference',
    );
  }
  if (input.decision === 'cp_plan' && (await openPlanOf(tx, childId))) {
    throw new ChildProtectionRuleError(
      'decision',
      'The child is already on a child protection plan: end it, or record a review conference',
    );
  }
  const [row] = await tx
    .insert(cpConferences)
    .values({ ...details, s47EnquiryId: enquiry.id })
    .returning({ id: cpConferences.id });
  let planId: string | null = null;
  if (input.decision === 'cp_plan') {
    const [plan] = await tx
      .insert(cpPlans)
      .values({
        childId,
        initialConferenceId: row!.id,
        startDate: input.conferenceDate,
        initialCategory: input.categoryOfAbuse!,
        latestCategory: input.categoryOfAbuse!,
      })
      .returning({ id: cpPlans.id });
    planId = plan!.id;
    await childProtectionPlanStarted(tx, childId, input.conferenceDate);
  }
  await recomputeObligations(tx, [childId]);
  return { id: row!.id, planId };
}

/** What can be put right on a conference's record after it: not its date, type or decision, which the clock and the plan follow. */
export function correctConferenceSchema(today: Today) {
  return z
    .object({
      chair: text('Who chaired it', { max: 200 }),
      attendance: list(attendee, 'Attendance'),
      parentsParticipation: choice('Parents’ participation', parentParticipation),
      childParticipation: choice('Child’s participation', childParticipation),
      socialWorkerAttended: yesNo('the allocated social worker attended'),
      reportSubmittedDate: optionalDateField('Date the social worker’s report was submitted', { notInFuture: today }),
      reportSharedWithFamilyDate: optionalDateField('Date the report was shared with the family', { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.attendance.length === 0)
        ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'Enter who was invited and whether they attended' });
    }, evenWithOtherErrors);
}
export type ConferenceCorrection = z.output<ReturnType<typeof correctConferenceSchema>>;

export async function correctConference(tx: Db, childId: string, id: string, input: ConferenceCorrection): Promise<string> {
  const [c] = await tx
    .select({ id: cpConferences.id })
    .from(cpConferences)
    .where(and(eq(cpConferences.id, id), eq(cpConferences.childId, childId)));
  if (!c) throw new ChildProtectionNotFound('The conference');
  await updateAtVersion(
    tx,
    cpConferences,
    id,
    input.version,
    {
      chair: input.chair,
      attendance: input.attendance,
      parentsParticipation: input.parentsParticipation,
      childParticipation: input.childParticipation,
      socialWorkerAttended: input.socialWorkerAttended,
      reportSubmittedDate: input.reportSubmittedDate ?? null,
      reportSharedWithFamilyDate: input.reportSharedWithFamilyDate ?? null,
    },
    'This conference',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the plan ─────────────────────────────────────────────────────────────────

export type PlanUpdate = PlanContent;

export async function updatePlan(tx: Db, childId: string, id: string, input: PlanUpdate): Promise<string> {
  const plan = await planOf(tx, childId, id);
  refuseIfEnded(plan, 'outcomes');
  if (plan.finalisedDate && input.outcomes.length === 0)
    throw new ChildProtectionRuleError('outcomes', 'A finalised plan keeps at least one outcome for the child');
  if (plan.finalisedDate && !input.contingency)
    throw new ChildProtectionRuleError('contingency', 'A finalised plan keeps its contingency plan');
  await updateAtVersion(
    tx,
    cpPlans,
    id,
    input.version,
    { outcomes: input.outcomes, contingency: input.contingency ?? null, updatedAt: new Date() },
    'This child protection plan',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

export function finalisePlanSchema(today: Today) {
  return z.object({ finalisedDate: dateField('Date finalised', { notInFuture: today }), version: version() });
}
export type FinalisePlan = z.output<ReturnType<typeof finalisePlanSchema>>;

export async function finalisePlan(tx: Db, childId: string, id: string, input: FinalisePlan, by: Actor): Promise<string> {
  const plan = await planOf(tx, childId, id);
  refuseIfEnded(plan, 'finalisedDate');
  if (plan.finalisedDate) throw new ChildProtectionRuleError('finalisedDate', 'The plan is already finalised');
  if (!plan.contingency) {
    throw new ChildProtectionRuleError(
      'contingency',
      'Write the contingency plan before the plan is finalised: what will happen if the plan is not working',
    );
  }
  if (plan.outcomes.length === 0)
    throw new ChildProtectionRuleError('outcomes', 'Write at least one outcome for the child before the plan is finalised');
  if (input.finalisedDate < plan.startDate)
    throw new ChildProtectionRuleError('finalisedDate', 'Date finalised cannot be before the plan started');
  await updateAtVersion(
    tx,
    cpPlans,
    id,
    input.version,
    { finalisedDate: input.finalisedDate, finalisedBy: by.userId, updatedAt: new Date() },
    'This child protection plan',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

export { planActionSchema, planActionProgressSchema, type NewPlanAction, type PlanActionProgress };

export async function addPlanAction(tx: Db, childId: string, planId: string, input: NewPlanAction): Promise<string> {
  const plan = await planOf(tx, childId, planId);
  const id = await insertPlanAction(tx, cpPlanActions, plan, input);
  await recomputeObligations(tx, [childId]);
  return id;
}

export async function recordActionProgress(
  tx: Db,
  childId: string,
  planId: string,
  actionId: string,
  input: PlanActionProgress,
): Promise<string> {
  const plan = await planOf(tx, childId, planId);
  await updateActionProgress(tx, cpPlanActions, plan, actionId, input);
  await recomputeObligations(tx, [childId]);
  return actionId;
}

export function endPlanSchema(today: Today) {
  return z.object({
    endDate: dateField('Date the plan ended', { notInFuture: today }),
    endReason: choice('Why the plan ended', chosenPlanEndReasons),
    version: version(),
  });
}
export type EndPlan = z.output<ReturnType<typeof endPlanSchema>>;

export async function endPlan(tx: Db, childId: string, id: string, input: EndPlan): Promise<string> {
  const plan = await planOf(tx, childId, id);
  if (plan.endDate) throw new ChildProtectionRuleError('endDate', `The plan already ended on ${formatDate(plan.endDate)}`);
  if (input.endDate < plan.startDate)
    throw new ChildProtectionRuleError('endDate', `Date the plan ended cannot be before it started (${formatDate(plan.startDate)})`);
  const [lastGroup] = await tx
    .select({ d: coreGroupMeetings.meetingDate })
    .from(coreGroupMeetings)
    .where(eq(coreGroupMeetings.cpPlanId, id))
    .orderBy(desc(coreGroupMeetings.meetingDate))
    .limit(1);
  const [lastReview] = await tx
    .select({ d: cpConferences.conferenceDate })
    .from(cpConferences)
    .where(eq(cpConferences.cpPlanId, id))
    .orderBy(desc(cpConferences.conferenceDate))
    .limit(1);
  const latest = [lastGroup?.d, lastReview?.d]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (latest && input.endDate < latest) {
    throw new ChildProtectionRuleError('endDate', `Date the plan ended cannot be before the last meeting under it (${formatDate(latest)})`);
  }
  await updateAtVersion(
    tx,
    cpPlans,
    id,
    input.version,
    { endDate: input.endDate, endReason: input.endReason, updatedAt: new Date() },
    'This child protection plan',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── core groups ──────────────────────────────────────────────────────────────

export function coreGroupSchema(today: Today) {
  return z
    .object({
      meetingDate: dateField('Date of the meeting', { notInFuture: today }),
      attendance: list(attendee, 'Attendance'),
      actionsReviewed: z.preprocess(
        (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
        z.array(uuidField('Action reviewed')),
      ),
      notes: optionalText('What the core group found', { max: 20000, multiline: true }),
    })
    .superRefine((v, ctx) => {
      if (v.attendance.length === 0)
        ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'Enter who was invited and whether they attended' });
    }, evenWithOtherErrors);
}
export type NewCoreGroup = z.output<ReturnType<typeof coreGroupSchema>>;

export async function recordCoreGroup(tx: Db, childId: string, planId: string, input: NewCoreGroup, by: Actor): Promise<string> {
  const plan = await planOf(tx, childId, planId);
  refuseIfEnded(plan, 'meetingDate');
  if (input.meetingDate < plan.startDate) {
    throw new ChildProtectionRuleError(
      'meetingDate',
      `Date of the meeting cannot be before the plan started (${formatDate(plan.startDate)})`,
    );
  }
  const reviewed = [...new Set(input.actionsReviewed)];
  if (reviewed.length > 0) {
    const found = await tx
      .select({ id: cpPlanActions.id })
      .from(cpPlanActions)
      .where(and(eq(cpPlanActions.planId, planId), inArray(cpPlanActions.id, reviewed)));
    if (found.length !== reviewed.length)
      throw new ChildProtectionRuleError('actionsReviewed', 'Actions reviewed must be actions of this plan');
  }
  const [row] = await tx
    .insert(coreGroupMeetings)
    .values({
      childId,
      cpPlanId: planId,
      meetingDate: input.meetingDate,
      attendance: input.attendance,
      actionsReviewed: reviewed,
      notes: input.notes ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: coreGroupMeetings.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}
