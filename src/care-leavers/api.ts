/**
 * Care leavers' JSON reads: the young person's leaving care record with what is due under it,
 * and the managers' measures at 17 to 21. The changes' API routes are made with their pages
 * (routes.ts), from the same declarations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roles } from '../core/auth/roles.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { percentOf } from './measures.js';
import { apiPaths } from './paths.js';
import {
  careLeaverOf,
  contactsOf,
  eligibilityOf,
  type MeasuredChild,
  measuresFor,
  namedIn,
  onlyCareLeavers,
  reviewsOf,
} from './queries.js';

export function careLeaverApi(app: FastifyInstance, ctx: AppContext): void {
  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'The young person’s leaving care record: their category, plan, adviser, reviews, contacts, and what is due',
    },
    async (req, reply) => {
      const { childId } = req.params as { childId: string };
      const clock = await loadClockContext(ctx.db);
      const [eligibility, record, reviews, contacts, obligations] = await Promise.all([
        eligibilityOf(ctx.db, childId, todayIn(ctx.time)),
        careLeaverOf(ctx.db, childId),
        reviewsOf(ctx.db, childId),
        contactsOf(ctx.db, childId),
        childObligations(ctx.db, childId, ctx.time.now(), clock),
      ]);
      return reply.send({ eligibility, record, reviews, contacts, obligations: onlyCareLeavers(obligations) });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.measures,
      roles: roles.managers,
      audit: 'VIEW_CARE_LEAVER_MEASURES',
      summary:
        'Care leavers at 17 to 21: in touch, in suitable accommodation, in education, employment or training, with the young people behind each figure',
    },
    async (req: FastifyRequest, reply, state) => {
      const m = await measuresFor(ctx.db, state.user, todayIn(ctx.time));
      const all = m.lists.all.length;
      const visible = (c: MeasuredChild) =>
        c.restricted
          ? { restricted: true, age: c.age, inTouch: c.inTouch, accommodation: c.accommodation, activity: c.activity }
          : {
              childId: c.childId,
              childName: c.childName,
              age: c.age,
              birthdayOn: c.birthdayOn,
              contactOn: c.contact?.contactOn ?? null,
              inTouch: c.inTouch,
              accommodation: c.accommodation,
              activity: c.activity,
            };
      state.revealedChildIds = namedIn(m.lists.all);
      return reply.send({
        from: m.from,
        to: m.to,
        counted: all,
        percent: {
          inTouch: percentOf(m.lists.in_touch.length, all),
          suitableAccommodation: percentOf(m.lists.suitable.length, all),
          educationEmploymentOrTraining: percentOf(m.lists.eet.length, all),
        },
        counts: Object.fromEntries(Object.entries(m.lists).map(([k, v]) => [k, v.length])),
        lists: Object.fromEntries(Object.entries(m.lists).map(([k, v]) => [k, v.map(visible)])),
      });
    },
  );
}
