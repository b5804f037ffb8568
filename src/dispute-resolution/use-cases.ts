/**
 * Dispute resolution use cases: raise a concern about a plan (stage 1 starts with it), record
 * a stage's response, escalate to the next stage, resolve. Every change names the dispute's
 * version it started from and moves it on, so two people acting on one dispute cannot both
 * succeed from the same view of it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { cpPlans } from '../child-protection/schema.js';
import { cinPlans } from '../children-in-need/schema.js';
import { updateAtVersion } from '../core/db/versions.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { choice, dateField, text, uuidField, version } from '../core/http/forms.js';
import { loadClockContext, recomputeObligations } from '../obligations/recompute.js';
import { disputePlanKinds, disputeRaisers, disputeStageCount, disputeStages, planDisputes } from './schema.js';
import { responseWorkingDays } from './settings.js';

export function raiseDisputeSchema(today: Today) {
  return z.object({
    planKind: choice('Plan', disputePlanKinds),
    planId: uuidField('Plan'),
    raisedByRole: choice('Who raised it', disputeRaisers),
    raisedByName: text('Their name', { max: 200 }),
    raisedDate: dateField('Date the concern was raised', { notInFuture: today }),
    concern: text('The concern', { max: 20000, multiline: true }),
    addressedTo: text('Who must respond first', { max: 200 }),
  });
}
export type RaiseDispute = z.output<ReturnType<typeof raiseDisputeSchema>>;

/** The working day a stage starting on `date` must have its response by. */
async function dueFrom(tx: Db, date: string): Promise<string> {
  const clock = await loadClockContext(tx);
  return clock.calendar.addWorkingDays(date, responseWorkingDays(clock, date));
}

export async function raiseDispute(tx: Db, childId: string, input: RaiseDispute, by: Actor): Promise<string> {
  const table = input.planKind === 'child_protection' ? cpPlans : cinPlans;
  const [plan] = await tx
    .select({ startDate: table.startDate, endDate: table.endDate })
    .from(table)
    .where(and(eq(table.id, input.planId), eq(table.childId, childId)));
  if (!plan) throw new CaseworkRuleError('planId', 'Plan is not one of this child’s plans');
  if (input.raisedDate < plan.startDate) {
    throw new CaseworkRuleError(
      'raisedDate',
      `Date the concern was raised cannot be before the plan started (${formatDate(plan.startDate)})`,
    );
  }
  const [row] = await tx
    .insert(planDisputes)
    .values({
      childId,
      planKind: input.planKind,
      cpPlanId: input.planKind === 'child_protection' ? input.planId : null,
      cinPlanId: input.planKind === 'child_in_need' ? input.planId : null,
      raisedByRole: input.raisedByRole,
      raisedByName: input.raisedByName,
      raisedDate: input.raisedDate,
      concern: input.concern,
      recordedBy: by.userId,
    })
    .returning({ id: planDisputes.id });
  await tx.insert(disputeStages).values({
    childId,
    disputeId: row!.id,
    stage: 1,
    startedDate: input.raisedDate,
    addressedTo: input.addressedTo,
    dueDate: await dueFrom(tx, input.raisedDate),
  });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

async function disputeOf(tx: Db, childId: string, id: string) {
  const [d] = await tx
    .select()
    .from(planDisputes)
    .where(and(eq(planDisputes.id, id), eq(planDisputes.childId, childId)));
  if (!d) throw new CaseworkNotFound('The dispute');
  const stages = await tx.select().from(disputeStages).where(eq(disputeStages.disputeId, id)).orderBy(asc(disputeStages.stage));
  return { ...d, current: stages.at(-1)! };
}

/** Moves the dispute's version on, or finds someone else did first. */
async function touch(tx: Db, id: string, expected: number, values: Partial<typeof planDisputes.$inferInsert> = {}): Promise<void> {
  await updateAtVersion(tx, planDisputes, id, expected, { ...values, updatedAt: new Date() }, 'This dispute');
}

function refuseIfResolved(d: { resolvedDate: string | null }, field: string): void {
  if (d.resolvedDate) throw new CaseworkRuleError(field, `The dispute was resolved on ${formatDate(d.resolvedDate)}`);
}

export function stageResponseSchema(today: Today) {
  return z.object({
    respondedDate: dateField('Date of the response', { notInFuture: today }),
    response: text('The response', { max: 20000, multiline: true }),
    version: version(),
  });
}
export type StageResponse = z.output<ReturnType<typeof stageResponseSchema>>;

export async function recordStageResponse(tx: Db, childId: string, id: string, input: StageResponse): Promise<string> {
  const d = await disputeOf(tx, childId, id);
  refuseIfResolved(d, 'response');
  if (d.current.respondedDate)
    throw new CaseworkRuleError(
      'response',
      `Stage ${d.current.stage} has its response: escalate to the next stage, or resolve the dispute`,
    );
  if (input.respondedDate < d.current.startedDate) {
    throw new CaseworkRuleError(
      'respondedDate',
      `Date of the response cannot be before stage ${d.current.stage} started (${formatDate(d.current.startedDate)})`,
    );
  }
  await touch(tx, id, input.version);
  await tx
    .update(disputeStages)
    .set({ respondedDate: input.respondedDate, response: input.response })
    .where(eq(disputeStages.id, d.current.id));
  await recomputeObligations(tx, [childId]);
  return id;
}

export function escalateSchema(today: Today) {
  return z.object({
    escalatedDate: dateField('Date it was escalated', { notInFuture: today }),
    addressedTo: text('Who must respond at the next stage', { max: 200 }),
    version: version(),
  });
}
export type Escalate = z.output<ReturnType<typeof escalateSchema>>;

export async function escalateDispute(tx: Db, childId: string, id: string, input: Escalate): Promise<string> {
  const d = await disputeOf(tx, childId, id);
  refuseIfResolved(d, 'escalatedDate');
  if (d.current.stage >= disputeStageCount)
    throw new CaseworkRuleError('escalatedDate', `Stage ${disputeStageCount} is the last: resolve the dispute there`);
  const from = d.current.respondedDate ?? d.current.startedDate;
  if (input.escalatedDate < from) {
    throw new CaseworkRuleError(
      'escalatedDate',
      `Date it was escalated cannot be before stage ${d.current.stage} ${d.current.respondedDate ? 'responded' : 'started'} (${formatDate(from)})`,
    );
  }
  await touch(tx, id, input.version);
  await tx.insert(disputeStages).values({
    childId,
    disputeId: id,
    stage: d.current.stage + 1,
    startedDate: input.escalatedDate,
    addressedTo: input.addressedTo,
    dueDate: await dueFrom(tx, input.escalatedDate),
  });
  await recomputeObligations(tx, [childId]);
  return id;
}

export function resolveSchema(today: Today) {
  return z.object({
    resolvedDate: dateField('Date it was resolved', { notInFuture: today }),
    resolution: text('How it was resolved', { max: 20000, multiline: true }),
    version: version(),
  });
}
export type Resolve = z.output<ReturnType<typeof resolveSchema>>;

export async function resolveDispute(tx: Db, childId: string, id: string, input: Resolve): Promise<string> {
  const d = await disputeOf(tx, childId, id);
  refuseIfResolved(d, 'resolvedDate');
  const from = d.current.respondedDate ?? d.current.startedDate;
  if (input.resolvedDate < from)
    throw new CaseworkRuleError(
      'resolvedDate',
      `Date it was resolved cannot be before the last stage’s ${d.current.respondedDate ? 'response' : 'start'} (${formatDate(from)})`,
    );
  await touch(tx, id, input.version, { resolvedDate: input.resolvedDate, resolution: input.resolution });
  await recomputeObligations(tx, [childId]);
  return id;
}
