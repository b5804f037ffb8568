/**
 * The plan builder: what every plan for a child has, whichever area makes it (a child
 * protection plan, a child in need plan). Outcomes for the child in plain words, a
 * contingency (what happens if the plan is not working), and actions with an owner, a due
 * date and progress. Each area keeps its own plan table (its start, end and what else it
 * records) with these columns in it, and its own actions table made here, so the two are
 * alike column for column and share their rules, schemas and pages.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgTable, text as textColumn, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { updateAtVersion } from '../core/db/versions.js';
import { children } from '../core/record/schema.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { choice, dateField, optionalText, text, version } from '../core/http/forms.js';
import { CaseworkNotFound, CaseworkRuleError } from './errors.js';
import { list } from './fields.js';

export const actionStatuses = ['not_started', 'in_progress', 'completed', 'not_completed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

// ── tables ───────────────────────────────────────────────────────────────────

/** A plan's content columns, spread into the area's plan table. */
export function planContentColumns() {
  return {
    /** What must change for the child, in plain words. */
    outcomes: textColumn('outcomes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** What happens if the plan is not working. */
    contingency: textColumn('contingency'),
  };
}

/**
 * A plan's actions table: what is to be done under the plan, by whom, by when, and how far it
 * has got. `planColumn` names the column holding the plan's id (`cp_plan_id`), kept as the
 * area names it; in TypeScript it is `planId` for every plan.
 */
export function planActionsTable(name: string, planColumn: string, plan: () => AnyPgColumn) {
  return pgTable(
    name,
    {
      id: uuid('id').primaryKey().defaultRandom(),
      childId: uuid('child_id')
        .notNull()
        .references(() => children.id),
      planId: uuid(planColumn).notNull().references(plan),
      action: textColumn('action').notNull(),
      owner: textColumn('owner').notNull(),
      dueDate: date('due_date').notNull(),
      status: textColumn('status').notNull().default('not_started'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
      version: integer('version').notNull().default(1),
    },
    (t) => [
      check(`${name}_status_check`, sql`${t.status} in (${sql.raw(actionStatuses.map((s) => `'${s}'`).join(','))})`),
      index(`${name}_plan_idx`).on(t.planId, t.dueDate),
    ],
  );
}
export type PlanActionsTable = ReturnType<typeof planActionsTable>;

// ── input ────────────────────────────────────────────────────────────────────

const outcomeText = text('Outcome', { max: 2000, multiline: true });

/** A plan's outcomes and contingency, saved together. */
export const planContentSchema = z.object({
  outcomes: list(outcomeText, 'Outcomes for the child', 30),
  contingency: optionalText('Contingency plan', { max: 20000, multiline: true }),
  version: version(),
});
export type PlanContent = z.output<typeof planContentSchema>;

export const planActionSchema = z.object({
  action: text('What will be done', { max: 2000, multiline: true }),
  owner: text('Who will do it', { max: 200 }),
  dueDate: dateField('Date it is due'),
  status: choice('Progress', actionStatuses),
});
export type NewPlanAction = z.output<typeof planActionSchema>;

export const planActionProgressSchema = z.object({ status: choice('Progress', actionStatuses), version: version() });
export type PlanActionProgress = z.output<typeof planActionProgressSchema>;

// ── rules and writes ─────────────────────────────────────────────────────────

/** What the builder needs to know of a plan. */
export interface PlanState {
  id: string;
  childId: string;
  startDate: string;
  endDate: string | null;
}

/** A plan that has ended is a record of what was: nothing in it changes. */
export function refuseIfEnded(plan: { endDate: string | null }, field: string): void {
  if (plan.endDate) throw new CaseworkRuleError(field, `The plan ended on ${formatDate(plan.endDate)} and can no longer be changed`);
}

export async function insertPlanAction(tx: Db, actions: PlanActionsTable, plan: PlanState, input: NewPlanAction): Promise<string> {
  refuseIfEnded(plan, 'action');
  if (input.dueDate < plan.startDate) throw new CaseworkRuleError('dueDate', 'Date it is due cannot be before the plan started');
  const [row] = await tx
    .insert(actions)
    .values({ childId: plan.childId, planId: plan.id, ...input })
    .returning({ id: actions.id });
  return row!.id;
}

export async function updateActionProgress(
  tx: Db,
  actions: PlanActionsTable,
  plan: PlanState,
  actionId: string,
  input: PlanActionProgress,
): Promise<string> {
  refuseIfEnded(plan, 'status');
  const [action] = await tx
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.id, actionId), eq(actions.planId, plan.id)));
  if (!action) throw new CaseworkNotFound('The action');
  await updateAtVersion(tx, actions, actionId, input.version, { status: input.status, updatedAt: new Date() }, 'This action');
  return actionId;
}
