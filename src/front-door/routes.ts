import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { StaleRecordError } from '../core/db/versions.js';
import { childSummary } from '../core/record/summary.js';
import { recordAudit } from '../core/audit/audit.js';
import { canSeeChild } from '../children/access.js';
import { primaryNeedCodes, referralSourceCodes } from '../children/codes.js';
import { rows } from '../core/db/database.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { AlreadyDecidedError, contactSchema, decideContact, decisionSchema, recordContact } from './contacts.js';
import { contactDetail, contactsAwaitingDecision } from './queue.js';
import { consentValues, contactOutcomes, thresholdLevels } from './schema.js';
import { roles } from '../core/auth/roles.js';

const lists = { referralSourceCodes, primaryNeedCodes, consentValues, contactOutcomes, thresholdLevels };

function timeNow(now: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(now);
}

export function frontDoorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const localityTeams = () =>
    rows<{ id: string; name: string }>(ctx.db, sql`select id, name from teams where active and kind <> 'front_door' order by name`);

  route(app, ctx, { method: 'GET', url: '/front-door', roles: roles.practice, audit: 'VIEW_FRONT_DOOR' }, async (_req, reply, state) => {
    const awaiting = await contactsAwaitingDecision(ctx.db, state.user, ctx.time.now());
    state.revealedChildIds = awaiting.map((c) => c.childId);
    return reply.page('front-door/views/queue.njk', {
      title: 'Front door',
      awaiting,
      overdue: awaiting.filter((c) => c.hoursLeft !== null && c.hoursLeft < 0).length,
    });
  });

  route(app, ctx, { method: 'GET', url: '/front-door/contacts/new', roles: roles.practice }, async (req, reply, { user }) => {
    const childId = (req.query as Record<string, string | undefined>).childId;
    if (!childId) return reply.redirect('/children?for=contact');
    if (!(await canSeeChild(ctx.db, user, childId))) return forbidden(reply);
    const child = await childSummary(ctx.db, childId);
    const now = ctx.time.now();
    return reply.page('front-door/views/new-contact.njk', {
      title: 'Record a contact',
      child,
      values: { receivedTime: timeNow(now) },
      received: dateParts(today()),
      ...lists,
    });
  });

  route(app, ctx, { method: 'POST', url: '/front-door/contacts/new', roles: roles.practice, audit: 'RECORD_CONTACT' }, async (req, reply, state) => {
    const body = joinDateParts(req.body as Record<string, unknown>, ['receivedDate']);
    const parsed = parse(contactSchema(today), body);
    const childId = typeof body.childId === 'string' ? body.childId : '';
    if (!(await canSeeChild(ctx.db, state.user, childId))) return forbidden(reply);
    if (!parsed.ok) {
      return reply.code(400).page('front-door/views/new-contact.njk', {
        title: 'Record a contact',
        child: await childSummary(ctx.db, childId),
        values: body,
        received: { day: body['receivedDate-day'], month: body['receivedDate-month'], year: body['receivedDate-year'] },
        ...lists,
        ...errorView(parsed.errors, ['receivedDate']),
      });
    }
    state.childId = parsed.value.childId;
    const contactId = await state.write(async (tx) => (state.recordId = await recordContact(tx, parsed.value, { userId: state.user.id })));
    reply.flash('Contact recorded: it needs a decision within 1 working day');
    return reply.redirect(`/front-door/contacts/${contactId}`, 303);
  });

  const showContact = async (contactId: string, user: Parameters<typeof canSeeChild>[1]) => {
    const contact = await contactDetail(ctx.db, contactId);
    if (!contact || !(await canSeeChild(ctx.db, user, contact.childId))) return null;
    return contact;
  };

  route(app, ctx, { method: 'GET', url: '/front-door/contacts/:contactId', roles: roles.practice }, async (req, reply, state) => {
    const contact = await showContact((req.params as { contactId: string }).contactId, state.user);
    if (!contact) return forbidden(reply);
    await auditContact(state.user, contact.childId, 'VIEW_CONTACT', 'GET /front-door/contacts/:contactId', contact.id);
    return reply.page('front-door/views/contact.njk', {
      title: 'Contact',
      contact,
      teams: await localityTeams(),
      values: { version: contact.version },
      ...lists,
    });
  });

  route(app, ctx, { method: 'POST', url: '/front-door/contacts/:contactId/decision', roles: roles.practice, audit: 'DECIDE_CONTACT' }, async (req, reply, state) => {
    const contact = await showContact((req.params as { contactId: string }).contactId, state.user);
    if (!contact) return forbidden(reply);
    const body = req.body as Record<string, unknown>;
    const parsed = parse(decisionSchema, body);
    const again = async (errors: { field: string; message: string }[], code: number) =>
      reply.code(code).page('front-door/views/contact.njk', {
        title: 'Contact',
        contact: await contactDetail(ctx.db, contact.id),
        teams: await localityTeams(),
        values: body,
        ...lists,
        ...errorView(errors),
      });
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      state.childId = contact.childId;
      state.recordId = contact.id;
      const result = await state.write((tx) =>
        decideContact(tx, contact.id, parsed.value, {
          userId: state.user.id,
          workerId: state.user.workerId,
          at: ctx.time.now(),
        }),
      );
      reply.flash(result.referralId ? 'Decision recorded: referral made' : 'Decision recorded');
      return reply.redirect(`/children/${contact.childId}`, 303);
    } catch (e) {
      if (e instanceof StaleRecordError || e instanceof AlreadyDecidedError) {
        return again([{ field: 'outcome', message: `${e.message}. Your decision has not been saved.` }], 409);
      }
      throw e;
    }
  });

  async function auditContact(user: { id: string; username: string }, childId: string, action: string, routeName: string, recordId: string) {
    await recordAudit(ctx.db, { userId: user.id, username: user.username, childId, action, route: routeName, recordId });
  }
}
