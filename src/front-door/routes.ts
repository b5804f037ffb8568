import type { FastifyInstance, FastifyReply } from 'fastify';
import { canSeeChild } from '../children/access.js';
import { primaryNeedCodes, referralSourceCodes } from '../children/codes.js';
import { childPaths } from '../children/paths.js';
import { recordAudit } from '../core/audit/audit.js';
import { isManager, roles } from '../core/auth/roles.js';
import { loadClockContext } from '../obligations/recompute.js';
import type { SignedInUser } from '../core/auth/users.js';
import { StaleRecordError } from '../core/db/versions.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, type FieldError, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, route } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { frontDoorPaths as paths } from './paths.js';
import { contactSummary, decisionItems, decisionSummary, proposalSummary, queueRows, returnedNotice, sourceItems } from './presenters.js';
import { contactDetail, contactsAwaitingDecision, type ContactDetail, proposalsOf, referralTeams } from './queries.js';
import { contactDecisionNeedsSignOff } from './settings.js';
import {
  AlreadyDecidedError,
  AwaitingSignOffError,
  contactSchema,
  decideContact,
  decisionSchema,
  NothingToSignOffError,
  proposeContactDecision,
  recordContact,
  returnContactDecision,
  returnSchema,
  signOffContactDecision,
  signOffSchema,
} from './use-cases.js';

type Posted = Record<string, unknown>;

function timeNow(now: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(now);
}

export function frontDoorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  route(app, ctx, { method: 'GET', url: paths.queue(), roles: roles.practice, audit: 'VIEW_FRONT_DOOR' }, async (_req, reply, state) => {
    const awaiting = await contactsAwaitingDecision(ctx.db, state.user, ctx.time.now());
    state.revealedChildIds = awaiting.map((c) => c.childId);
    return reply.page('front-door/views/queue.njk', {
      title: 'Front door',
      count: awaiting.length,
      overdue: awaiting.filter((c) => c.hoursLeft !== null && c.hoursLeft < 0).length,
      awaitingSignOff: awaiting.filter((c) => c.awaitingSignOff).length,
      rows: queueRows(awaiting, referralSourceCodes),
    });
  });

  const newContactPage = async (childId: string, values: Posted, received: unknown, errors: FieldError[] = []) => ({
    title: 'Record a contact',
    child: await childSummary(ctx.db, childId),
    values,
    received,
    sourceItems: sourceItems(referralSourceCodes, values.source),
    action: paths.newContact(),
    ...errorView(errors, ['receivedDate']),
  });

  route(app, ctx, { method: 'GET', url: paths.newContact(), roles: roles.practice }, async (req, reply, { user }) => {
    const childId = (req.query as Record<string, string | undefined>).childId;
    if (!childId) return reply.redirect(`${childPaths.search()}?for=contact`);
    if (!(await canSeeChild(ctx.db, user, childId))) return forbidden(reply);
    return reply.page(
      'front-door/views/new-contact.njk',
      await newContactPage(childId, { receivedTime: timeNow(ctx.time.now()) }, dateParts(today())),
    );
  });

  route(
    app,
    ctx,
    { method: 'POST', url: paths.newContact(), roles: roles.practice, audit: 'RECORD_CONTACT' },
    async (req, reply, state) => {
      const body = joinDateParts(req.body as Posted, ['receivedDate']);
      const parsed = parse(contactSchema(today), body);
      const childId = typeof body.childId === 'string' ? body.childId : '';
      if (!(await canSeeChild(ctx.db, state.user, childId))) return forbidden(reply);
      if (!parsed.ok) {
        const received = { day: body['receivedDate-day'], month: body['receivedDate-month'], year: body['receivedDate-year'] };
        return reply.code(400).page('front-door/views/new-contact.njk', await newContactPage(childId, body, received, parsed.errors));
      }
      state.childId = parsed.value.childId;
      const contactId = await state.write(
        async (tx) => (state.recordId = await recordContact(tx, parsed.value, { userId: state.user.id })),
      );
      reply.flash('Contact recorded: it needs a decision within 1 working day');
      return reply.redirect(paths.contact(contactId), 303);
    },
  );

  /** A contact, if the user may open its child's record. */
  const visibleContact = async (contactId: string, user: SignedInUser) => {
    const contact = await contactDetail(ctx.db, contactId);
    if (!contact || !(await canSeeChild(ctx.db, user, contact.childId))) return null;
    return contact;
  };

  /** Whether a decision this user makes today waits for a manager's sign-off. */
  const needsSignOff = async (user: SignedInUser) =>
    !isManager(user.role) && contactDecisionNeedsSignOff(await loadClockContext(ctx.db), today());

  const contactPage = async (contact: ContactDetail, user: SignedInUser, values: Posted, errors: FieldError[] = []) => {
    const proposals = await proposalsOf(ctx.db, contact.id);
    const pending = proposals.find((p) => p.status === 'pending');
    return {
      title: 'Contact',
      contact,
      summary: contactSummary(contact, referralSourceCodes),
      decision: contact.decidedAt
        ? decisionSummary(
            contact,
            primaryNeedCodes,
            proposals.find((p) => p.status === 'signed_off'),
          )
        : null,
      pending: pending ? proposalSummary(pending, primaryNeedCodes) : null,
      returned: contact.decidedAt || pending ? null : returnedNotice(proposals[0]),
      mayReview: isManager(user.role),
      signOffRequired: await needsSignOff(user),
      items: decisionItems(values, await referralTeams(ctx.db), primaryNeedCodes),
      values,
      action: paths.decision(contact.id),
      signOffAction: paths.signOff(contact.id),
      returnAction: paths.returnDecision(contact.id),
      ...errorView(errors),
    };
  };

  /** The contact's page again, with what was typed and why it was refused. */
  const againOn =
    (contactId: string, user: SignedInUser, reply: FastifyReply) => async (body: Posted, errors: FieldError[], code: number) =>
      reply
        .code(code)
        .page('front-door/views/contact.njk', await contactPage((await contactDetail(ctx.db, contactId))!, user, body, errors));

  route(app, ctx, { method: 'GET', url: paths.contact(':contactId'), roles: roles.practice }, async (req, reply, state) => {
    const contact = await visibleContact((req.params as { contactId: string }).contactId, state.user);
    if (!contact) return forbidden(reply);
    // the route has no :childId, so the view of the child's contact is audited here
    await recordAudit(ctx.db, {
      userId: state.user.id,
      username: state.user.username,
      childId: contact.childId,
      action: 'VIEW_CONTACT',
      route: `GET ${paths.contact(':contactId')}`,
      recordId: contact.id,
    });
    return reply.page('front-door/views/contact.njk', await contactPage(contact, state.user, { version: contact.version }));
  });

  route(
    app,
    ctx,
    { method: 'POST', url: paths.decision(':contactId'), roles: roles.practice, audit: 'DECIDE_CONTACT' },
    async (req, reply, state) => {
      const contact = await visibleContact((req.params as { contactId: string }).contactId, state.user);
      if (!contact) return forbidden(reply);
      const body = req.body as Posted;
      const again = againOn(contact.id, state.user, reply);
      const parsed = parse(decisionSchema, body);
      if (!parsed.ok) return again(body, parsed.errors, 400);
      const by = { userId: state.user.id, workerId: state.user.workerId, at: ctx.time.now() };
      try {
        state.childId = contact.childId;
        state.recordId = contact.id;
        if (await needsSignOff(state.user)) {
          await state.write((tx) => proposeContactDecision(tx, contact.id, parsed.value, by));
          reply.flash('Decision sent to a manager for sign-off');
          return reply.redirect(paths.contact(contact.id), 303);
        }
        const result = await state.write((tx) => decideContact(tx, contact.id, parsed.value, by));
        reply.flash(result.referralId ? 'Decision recorded: referral made' : 'Decision recorded');
        return reply.redirect(childPaths.record(contact.childId), 303);
      } catch (e) {
        if (e instanceof StaleRecordError || e instanceof AlreadyDecidedError || e instanceof AwaitingSignOffError) {
          return again(body, [{ field: 'outcome', message: `${e.message}. Your decision has not been saved.` }], 409);
        }
        throw e;
      }
    },
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.signOff(':contactId'), roles: roles.managers, audit: 'SIGN_OFF_CONTACT_DECISION' },
    async (req, reply, state) => {
      const contact = await visibleContact((req.params as { contactId: string }).contactId, state.user);
      if (!contact) return forbidden(reply);
      const body = req.body as Posted;
      const again = againOn(contact.id, state.user, reply);
      const parsed = parse(signOffSchema, body);
      if (!parsed.ok) return again(body, parsed.errors, 400);
      try {
        state.childId = contact.childId;
        state.recordId = contact.id;
        const result = await state.write((tx) =>
          signOffContactDecision(tx, contact.id, parsed.value, {
            userId: state.user.id,
            workerId: state.user.workerId,
            at: ctx.time.now(),
          }),
        );
        reply.flash(result.referralId ? 'Decision signed off: referral made' : 'Decision signed off');
        return reply.redirect(paths.contact(contact.id), 303);
      } catch (e) {
        if (e instanceof StaleRecordError || e instanceof AlreadyDecidedError || e instanceof NothingToSignOffError) {
          return again({ version: contact.version }, [{ field: 'signOff', message: `${e.message}. Nothing has been signed off.` }], 409);
        }
        throw e;
      }
    },
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.returnDecision(':contactId'), roles: roles.managers, audit: 'RETURN_CONTACT_DECISION' },
    async (req, reply, state) => {
      const contact = await visibleContact((req.params as { contactId: string }).contactId, state.user);
      if (!contact) return forbidden(reply);
      const body = req.body as Posted;
      const again = againOn(contact.id, state.user, reply);
      const parsed = parse(returnSchema, body);
      if (!parsed.ok) return again(body, parsed.errors, 400);
      try {
        state.childId = contact.childId;
        state.recordId = contact.id;
        await state.write((tx) =>
          returnContactDecision(tx, contact.id, parsed.value, { userId: state.user.id, workerId: state.user.workerId, at: ctx.time.now() }),
        );
        reply.flash('Decision returned to the practitioner');
        return reply.redirect(paths.contact(contact.id), 303);
      } catch (e) {
        if (e instanceof StaleRecordError || e instanceof AlreadyDecidedError || e instanceof NothingToSignOffError) {
          return again(body, [{ field: 'reviewComment', message: `${e.message}. Nothing has been returned.` }], 409);
        }
        throw e;
      }
    },
  );
}
