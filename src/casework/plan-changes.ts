/**
 * The changes every plan built on the plan builder takes (its outcomes and contingency, an
 * action, progress on an action), declared once for the areas whose plans use it: child
 * protection and children in need differ only in their words, addresses and use cases.
 */
import type { FastifyReply } from 'fastify';
import type { AccessRole } from '../core/auth/schema.js';
import type { Db } from '../core/db/database.js';
import type { FieldError } from '../core/http/forms.js';
import type { Change } from './changes.js';
import { type FormValues, formInput } from './form.js';
import type { z } from 'zod';
import { type PlanActionProgress, planActionProgressSchema, planActionSchema, type PlanContent, planContentSchema } from './plans.js';

interface PlanParams {
  childId: string;
  id: string;
  actionId: string;
}

type Route = { plan: string; planActions: string; planAction: string };

export interface PlanBuilderArea<P extends PlanParams> {
  /** The plan in words, as a summary reads: "a plan", "a child in need plan". */
  plan: string;
  /** The audit actions' middle word: UPDATE_<kind>_PLAN, ADD_<kind>_PLAN_ACTION, ... */
  auditKind: string;
  roles: readonly AccessRole[];
  page: Route;
  api: Route;
  update: (tx: Db, childId: string, id: string, input: PlanContent) => Promise<string>;
  addAction: (tx: Db, childId: string, id: string, input: z.output<typeof planActionSchema>) => Promise<string>;
  recordProgress: (tx: Db, childId: string, id: string, actionId: string, input: PlanActionProgress) => Promise<string>;
  /** The plan's page again, with the form that was posted open. */
  planPage: (
    reply: FastifyReply,
    p: P,
    form: 'plan' | 'action' | `progress-${string}`,
    values: FormValues,
    errors: FieldError[],
  ) => Promise<unknown>;
  planPath: (childId: string, id: string) => string;
}

/** An area's register of changes (changeRoutes). */
type Register<P> = <S extends z.ZodType>(c: Change<S, P>) => void;

export function registerPlanBuilderChanges<P extends PlanParams>(register: Register<P>, a: PlanBuilderArea<P>): void {
  const done = (flash: string) => (p: P) => ({ flash, to: a.planPath(p.childId, p.id) });
  register({
    summary: `Change ${a.plan}’s outcomes for the child and its contingency plan`,
    audit: `UPDATE_${a.auditKind}_PLAN`,
    roles: a.roles,
    page: a.page.plan,
    api: a.api.plan,
    schema: planContentSchema,
    fromForm: (body) => formInput(body, { textLists: ['outcomes'] }),
    creates: false,
    run: (tx, p, input) => a.update(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => a.planPage(reply, p, 'plan', values, errors),
    staleField: 'contingency',
    done: done('Plan saved'),
  });
  register({
    summary: `Add an action to ${a.plan}`,
    audit: `ADD_${a.auditKind}_PLAN_ACTION`,
    roles: a.roles,
    page: a.page.planActions,
    api: a.api.planActions,
    schema: planActionSchema,
    fromForm: (body) => formInput(body, { dates: ['dueDate'] }),
    creates: true,
    run: (tx, p, input) => a.addAction(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => a.planPage(reply, p, 'action', values, errors),
    staleField: 'action',
    done: done('Action added'),
  });
  register({
    summary: `Record progress on an action of ${a.plan}`,
    audit: `UPDATE_${a.auditKind}_PLAN_ACTION`,
    roles: a.roles,
    page: a.page.planAction,
    api: a.api.planAction,
    schema: planActionProgressSchema,
    fromForm: (body) => body,
    creates: false,
    run: (tx, p, input) => a.recordProgress(tx, p.childId, p.id, p.actionId, input),
    again: (reply, p, _user, values, errors) => a.planPage(reply, p, `progress-${p.actionId}`, values, errors),
    staleField: 'status',
    done: done('Progress recorded'),
  });
}
