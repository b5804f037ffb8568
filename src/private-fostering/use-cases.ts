/**
 * Private fostering use cases. Each write takes the transaction, checks the rules (refusing
 * with the field named), writes, and recomputes the child's obligations, so the visits the
 * clock asks for follow the record. Each input has one zod schema, the same for the page and
 * the API. Visits are the record's own (src/children), recorded with the purpose "private
 * fostering".
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { updateAtVersion } from '../core/db/versions.js';
import {
  choice,
  dateField,
  evenWithOtherErrors,
  optionalDateField,
  optionalChoice,
  optionalText,
  text,
  version,
} from '../core/http/forms.js';
import { normalisePostcode, postcodeProblem } from '../core/record/identifiers.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  carerAssessmentOutcomes,
  arrangementEndReasons,
  privateFosteringNotifiers,
  privateFosteringArrangements as arrangements,
} from './schema.js';

export type { Actor };

const what = 'This private fostering arrangement';

// ── the notification and the arrangement's details ───────────────────────────

function detailFields(today: Today) {
  return {
    notifiedOn: dateField('Date the notification was received', { notInFuture: today }),
    notifiedBy: choice('Who notified the authority', privateFosteringNotifiers),
    notifierDetail: optionalText('Who notified, in a few words', { max: 200 }),
    // carers are to notify at least 6 weeks ahead (reg 3), so the arrangement may begin after the notification
    arrangementStartedOn: dateField('Date the arrangement began'),
    carerName: text('The private foster carer’s name', { max: 200 }),
    carerPostcode: text('The private foster carer’s postcode', { max: 20 }).refine((v) => postcodeProblem(v) === null, {
      message: 'The private foster carer’s postcode is not a UK postcode (for example M60 2LA)',
    }),
    carerRelationship: text('How the carer knows the child or family', { max: 200 }),
    parentsDetails: text('The parents’ names and where they live', { max: 2000, multiline: true }),
    expectedDuration: text('How long the arrangement is expected to last', { max: 200 }),
  };
}

function otherNotifierNamed<T extends { notifiedBy?: string; notifierDetail?: string | undefined }>(v: T, ctx: z.RefinementCtx) {
  if (v.notifiedBy === 'other' && !v.notifierDetail)
    ctx.addIssue({ code: 'custom', path: ['notifierDetail'], message: 'Enter who notified the authority' });
}

export function notificationSchema(today: Today) {
  return z.object(detailFields(today)).superRefine(otherNotifierNamed, evenWithOtherErrors);
}
export type Notification = z.output<ReturnType<typeof notificationSchema>>;

export function changeArrangementSchema(today: Today) {
  return z.object({ ...detailFields(today), version: version() }).superRefine(otherNotifierNamed, evenWithOtherErrors);
}
export type ArrangementChange = z.output<ReturnType<typeof changeArrangementSchema>>;

async function arrangementOf(tx: Db, childId: string, id: string) {
  const [a] = await tx
    .select()
    .from(arrangements)
    .where(and(eq(arrangements.id, id), eq(arrangements.childId, childId)));
  if (!a) throw new CaseworkNotFound('The private fostering arrangement');
  return a;
}

const details = (input: Notification) => ({
  notifiedOn: input.notifiedOn,
  notifiedBy: input.notifiedBy,
  notifierDetail: input.notifierDetail ?? null,
  arrangementStartedOn: input.arrangementStartedOn,
  carerName: input.carerName,
  carerPostcode: normalisePostcode(input.carerPostcode),
  carerRelationship: input.carerRelationship,
  parentsDetails: input.parentsDetails,
  expectedDuration: input.expectedDuration,
});

/** Records the notification of an arrangement: the clock's first visit falls due 7 working days on. */
export async function recordNotification(tx: Db, childId: string, input: Notification, by: Actor): Promise<string> {
  const [open] = await tx
    .select({ notifiedOn: arrangements.notifiedOn })
    .from(arrangements)
    .where(and(eq(arrangements.childId, childId), isNull(arrangements.endedOn)));
  if (open)
    throw new CaseworkRuleError(
      'notifiedOn',
      `The child is already in a private fostering arrangement, notified on ${formatDate(open.notifiedOn)}: end it first`,
    );
  // arrangements follow one another: a child moving between carers ends one the day the next begins
  const [previous] = await tx
    .select({ endedOn: arrangements.endedOn })
    .from(arrangements)
    .where(and(eq(arrangements.childId, childId), gt(arrangements.endedOn, input.arrangementStartedOn)))
    .limit(1);
  if (previous?.endedOn)
    throw new CaseworkRuleError(
      'arrangementStartedOn',
      `Date the arrangement began cannot be before the last arrangement ended (${formatDate(previous.endedOn)})`,
    );
  const [row] = await tx
    .insert(arrangements)
    .values({ childId, ...details(input), recordedBy: by.userId })
    .returning({ id: arrangements.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

/** Corrects the arrangement's details; its dates stay before its end and its assessment. */
export async function changeArrangement(tx: Db, childId: string, id: string, input: ArrangementChange): Promise<string> {
  const a = await arrangementOf(tx, childId, id);
  if (a.endedOn && input.arrangementStartedOn > a.endedOn)
    throw new CaseworkRuleError('arrangementStartedOn', `Date the arrangement began cannot be after it ended (${formatDate(a.endedOn)})`);
  if (a.endedOn && input.notifiedOn > a.endedOn)
    throw new CaseworkRuleError(
      'notifiedOn',
      `Date the notification was received cannot be after the arrangement ended (${formatDate(a.endedOn)})`,
    );
  if (a.assessmentStartedOn && input.notifiedOn > a.assessmentStartedOn)
    throw new CaseworkRuleError(
      'notifiedOn',
      `Date the notification was received cannot be after the assessment started (${formatDate(a.assessmentStartedOn)})`,
    );
  await updateAtVersion(tx, arrangements, id, input.version, { ...details(input), updatedAt: new Date() }, what);
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the carer's suitability assessment ───────────────────────────────────────

export function assessmentSchema(today: Today) {
  return z
    .object({
      assessmentStartedOn: dateField('Date the assessment started', { notInFuture: today }),
      assessmentCompletedOn: optionalDateField('Date the assessment was completed', { notInFuture: today }),
      assessmentOutcome: optionalChoice('Outcome of the assessment', carerAssessmentOutcomes),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.assessmentCompletedOn && !v.assessmentOutcome)
        ctx.addIssue({ code: 'custom', path: ['assessmentOutcome'], message: 'Select the outcome of the completed assessment' });
      if (v.assessmentOutcome && !v.assessmentCompletedOn)
        ctx.addIssue({ code: 'custom', path: ['assessmentCompletedOn'], message: 'Enter the date the assessment was completed' });
      if (v.assessmentStartedOn && v.assessmentCompletedOn && v.assessmentCompletedOn < v.assessmentStartedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['assessmentCompletedOn'],
          message: 'Date the assessment was completed cannot be before it started',
        });
    }, evenWithOtherErrors);
}
export type Assessment = z.output<ReturnType<typeof assessmentSchema>>;

export async function recordAssessment(tx: Db, childId: string, id: string, input: Assessment): Promise<string> {
  const a = await arrangementOf(tx, childId, id);
  if (input.assessmentStartedOn < a.notifiedOn)
    throw new CaseworkRuleError(
      'assessmentStartedOn',
      `Date the assessment started cannot be before the notification (${formatDate(a.notifiedOn)})`,
    );
  await updateAtVersion(
    tx,
    arrangements,
    id,
    input.version,
    {
      assessmentStartedOn: input.assessmentStartedOn,
      assessmentCompletedOn: input.assessmentCompletedOn ?? null,
      assessmentOutcome: input.assessmentOutcome ?? null,
      updatedAt: new Date(),
    },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the end of the arrangement ───────────────────────────────────────────────

export function endArrangementSchema(today: Today) {
  return z.object({
    endedOn: dateField('Date the arrangement ended', { notInFuture: today }),
    endReason: choice('Why the arrangement ended', arrangementEndReasons),
    version: version(),
  });
}
export type EndArrangement = z.output<ReturnType<typeof endArrangementSchema>>;

/** Ends the arrangement: no visit is owed under it after that day. */
export async function endArrangement(tx: Db, childId: string, id: string, input: EndArrangement): Promise<string> {
  const a = await arrangementOf(tx, childId, id);
  if (a.endedOn) throw new CaseworkRuleError('endedOn', `The arrangement already ended on ${formatDate(a.endedOn)}`);
  if (input.endedOn < a.arrangementStartedOn)
    throw new CaseworkRuleError('endedOn', `Date the arrangement ended cannot be before it began (${formatDate(a.arrangementStartedOn)})`);
  if (input.endedOn < a.notifiedOn)
    throw new CaseworkRuleError(
      'endedOn',
      `Date the arrangement ended cannot be before the notification was received (${formatDate(a.notifiedOn)})`,
    );
  await updateAtVersion(
    tx,
    arrangements,
    id,
    input.version,
    { endedOn: input.endedOn, endReason: input.endReason, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}
