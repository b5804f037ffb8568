import type { FastifyInstance, FastifyReply } from 'fastify';
import { Param, sql } from 'drizzle-orm';
import type { SignedInUser } from '../core/auth/users.js';
import { accessNotices, type RestrictedRecord, restrictedAmong } from '../children/access-requests.js';
import { rows } from '../core/db/database.js';
import type { AppContext } from '../core/http/context.js';
import { forbidden, type RequestState, route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { contactsAwaitingDecision } from '../front-door/queue.js';
import { loadClockContext } from '../obligations/recompute.js';
import { outstandingFor, statusLabels } from '../obligations/queries.js';
import { overdueAssessments, type Scope, sixMonthsBefore } from './backlog.js';
import { backlogCounts, dashboardFigures } from './figures.js';
import { notSeenWorkingDays } from './settings.js';
import {
  ageBands,
  awaitingAuthorisation,
  caseloads,
  childrenNotSeen,
  openAssessments,
  repeatReferralRate,
  teamsOverview,
} from './team.js';
import { isUuid } from '../core/ids.js';
import { roles } from '../core/auth/roles.js';
import { currentAllocations } from '../workforce/queries.js';

/** Sunday of the week containing a date: "due this week" runs to the end of the week. */
function endOfWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * A restricted record's place in a list must not hint at the name: within each run of rows
 * the list's own order puts together (the same day last seen, say), restricted records go last.
 */
function restrictedLastWithin<T>(items: T[], key: (t: T) => string, isRestricted: (t: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && key(items[j]!) === key(items[i]!)) j++;
    const run = items.slice(i, j);
    out.push(...run.filter((t) => !isRestricted(t)), ...run.filter(isRestricted));
    i = j;
  }
  return out;
}

export function oversightRoutes(app: FastifyInstance, ctx: AppContext): void {
  const now = () => ctx.time.now();

  route(app, ctx, { method: 'GET', url: '/my-work', roles: roles.caseholders, audit: 'VIEW_MY_WORK' }, async (_req, reply, state) => {
    const { user } = state;
    const clock = await loadClockContext(ctx.db);
    const t = now();
    const today = todayIn(ctx.time);
    const mine = user.workerId
      ? sql`exists (select 1 from ${currentAllocations} a where a.child_id = o.child_id and a.worker_id = ${user.workerId})`
      : sql`false`;
    const outstanding = await outstandingFor(ctx.db, mine, t, clock);
    const children = user.workerId
      ? await rows<{ id: string; name: string; lastSeen: string | null }>(
          ctx.db,
          sql`select c.id, c.first_name || ' ' || c.last_name as name,
                     (select max(v.visit_date)::text from visits v where v.child_id = c.id and v.child_seen) as "lastSeen"
                from children c join ${currentAllocations} a on a.child_id = c.id
               where a.worker_id = ${user.workerId} order by c.last_name, c.first_name`,
        )
      : [];
    // a child allocated to the user whose record is restricted to others is a restricted record here too
    const [restricted, notices] = await Promise.all([
      restrictedAmong(ctx.db, user, [...children.map((c) => c.id), ...outstanding.map((o) => o.childId)]),
      accessNotices(ctx.db, user),
    ]);
    const names = new Map(children.map((c) => [c.id, c.name]));
    const named = outstanding.map((o) => {
      const r = restricted.get(o.childId);
      return r ? { ...o, childId: undefined, childName: undefined, restricted: r } : { ...o, childName: names.get(o.childId) ?? '' };
    });
    const shownChildren = restrictedLastWithin(
      children.map((c) => {
        const r = restricted.get(c.id);
        return r ? { lastSeen: c.lastSeen, restricted: r } : c;
      }),
      () => '',
      (c) => 'restricted' in c,
    );
    state.revealedChildIds = children.filter((c) => !restricted.has(c.id)).map((c) => c.id);
    const weekEnd = endOfWeek(today);
    const lists = {
      overdue: named.filter((o) => o.status === 'overdue'),
      thisWeek: named.filter((o) => o.status === 'due' && o.due.slice(0, 10) <= weekEnd),
      next: named.filter((o) => o.status === 'due' && o.due.slice(0, 10) > weekEnd).slice(0, 50),
    };
    return reply.page('oversight/views/my-work.njk', {
      title: 'My work',
      notices,
      children: shownChildren,
      ...lists,
      statusLabels,
    });
  });

  /** A team manager sees their own team; a service manager any team they choose. */
  async function teamFor(user: SignedInUser, requested: string | undefined) {
    const teamId = user.role === 'service_manager' ? (requested ?? null) : user.teamId;
    if (!teamId) return null;
    const [team] = await rows<{ id: string; name: string }>(ctx.db, sql`select id, name from teams where id = ${teamId}`);
    return team ?? null;
  }

  route(app, ctx, { method: 'GET', url: '/my-team', roles: roles.managers }, async (req, reply, { user }) => {
    const team = await teamFor(user, (req.query as Record<string, string | undefined>).teamId);
    if (!team) return reply.redirect('/authority');
    const clock = await loadClockContext(ctx.db);
    const today = todayIn(ctx.time);
    const n = notSeenWorkingDays(clock, today);
    const since = clock.calendar.addWorkingDays(today, -n);
    const [workers, figures, contacts, notices] = await Promise.all([
      caseloads(ctx.db, team.id),
      dashboardFigures(ctx.db, team.id, { now: now(), today, calendar: clock.calendar, seenSince: since }),
      contactsAwaitingDecision(ctx.db, user, now(), undefined),
      accessNotices(ctx.db, user),
    ]);
    return reply.page('oversight/views/my-team.njk', {
      title: `My team: ${team.name}`,
      notices,
      team,
      teamQuery: user.role === 'service_manager' ? `teamId=${team.id}&` : '',
      workers,
      bands: ageBands.map((b) => ({ ...b, count: figures.bands[b.id] })),
      openTotal: figures.openTotal,
      overdueCount: figures.overdueAssessments,
      figures,
      notSeenDays: n,
      notSeen: figures.notSeenRecently,
      awaiting: figures.awaitingAuthorisation,
      contacts,
      contactsOverdue: contacts.filter((c) => c.hoursLeft !== null && c.hoursLeft < 0).length,
      backLink: user.role === 'service_manager' ? '/authority' : undefined,
    });
  });

  route(app, ctx, { method: 'GET', url: '/my-team/lists/:list', roles: roles.managers, audit: 'VIEW_LIST' }, async (req, reply, state) => {
    const q = req.query as Record<string, string | undefined>;
    const team = await teamFor(state.user, q.teamId);
    if (!team) return forbidden(reply);
    return listPage(reply, state, (req.params as { list: string }).list, { kind: 'team', teamId: team.id }, q, team.name);
  });

  route(app, ctx, { method: 'GET', url: '/authority', roles: roles.serviceManagers }, async (_req, reply, { user }) => {
    const today = todayIn(ctx.time);
    const [figures, teams, repeat, contacts, notices] = await Promise.all([
      backlogCounts(ctx.db, null, now(), today),
      teamsOverview(ctx.db, now()),
      repeatReferralRate(ctx.db, today),
      contactsAwaitingDecision(ctx.db, user, now()),
      accessNotices(ctx.db, user),
    ]);
    return reply.page('oversight/views/authority.njk', {
      title: 'The authority',
      notices,
      figures,
      teams,
      repeat,
      repeatRate: repeat.referrals ? Math.round((1000 * repeat.repeats) / repeat.referrals) / 10 : 0,
      contacts: contacts.length,
      contactsOverdue: contacts.filter((c) => c.hoursLeft !== null && c.hoursLeft < 0).length,
    });
  });

  route(app, ctx, { method: 'GET', url: '/authority/lists/:list', roles: roles.serviceManagers, audit: 'VIEW_LIST' }, async (req, reply, state) =>
    listPage(reply, state, (req.params as { list: string }).list, { kind: 'authority' }, req.query as Record<string, string | undefined>, 'the authority'),
  );

  /** The children behind a number: every figure on a dashboard links here. */
  async function listPage(reply: FastifyReply, state: RequestState, list: string, scope: Scope, q: Record<string, string | undefined>, scopeName: string) {
    const { user } = state;
    const today = todayIn(ctx.time);
    const clock = await loadClockContext(ctx.db);
    type Row = { childId: string; childName: string; cells: string[] };
    /** Within runs of equal keys the rows are ordered by the child's name: a restricted record goes last in its run. */
    let nameOrderedWithin: ((r: Row) => string) | null = null;
    let title: string;
    let definition: string;
    let head: string[];
    let items: Row[];
    const names = async (ids: string[]) => {
      if (ids.length === 0) return new Map<string, string>();
      const found = await rows<{ id: string; name: string }>(ctx.db, sql`select id, first_name || ' ' || last_name as name from children where id = any(${new Param(ids)}::uuid[])`);
      return new Map(found.map((f) => [f.id, f.name]));
    };
    switch (list) {
      case 'overdue-assessments':
      case 'not-seen-during-assessment':
      case 'not-seen-six-months': {
        let overdue = await overdueAssessments(ctx.db, now(), scope);
        if (list !== 'overdue-assessments') overdue = overdue.filter((o) => o.lastSeen === null);
        if (list === 'not-seen-six-months') overdue = overdue.filter((o) => o.referralDate <= sixMonthsBefore(today));
        const n = await names(overdue.map((o) => o.childId));
        title = {
          'overdue-assessments': 'Assessments past their due date',
          'not-seen-during-assessment': 'Children with an overdue assessment not seen since the referral',
          'not-seen-six-months': 'Children with an overdue assessment not seen for six months or more',
        }[list];
        definition =
          'An assessment is overdue when it has not been authorised by the end of the 45th working day after the referral (Working Together to Safeguard Children). “Not seen” means no visit at which the child was seen since the referral.';
        head = ['Child', 'Referral', 'Due', 'Working days over', 'Last seen since referral'];
        items = overdue.map((o) => ({
          childId: o.childId,
          childName: n.get(o.childId) ?? '',
          cells: [o.referralDate, o.due, String(clock.calendar.workingDaysBetween(o.due, today)), o.lastSeen ?? 'Not seen'],
        }));
        break;
      }
      case 'open-assessments': {
        let open = await openAssessments(ctx.db, scope, today, clock.calendar);
        const band = ageBands.find((b) => b.id === q.band);
        if (band) open = open.filter((a) => a.band === band.id);
        title = band ? `Open assessments aged ${band.label} working days` : 'Open assessments';
        definition = 'Assessments not yet authorised, aged in working days from the referral (the clock starts at the referral).';
        head = ['Child', 'Referral', 'Working days', 'Social worker', 'Due'];
        items = open.map((a) => ({ childId: a.childId, childName: a.childName, cells: [a.referralDate, String(a.ageWorkingDays), a.workerName ?? 'Not allocated', a.due ?? ''] }));
        break;
      }
      case 'not-seen': {
        const n = notSeenWorkingDays(clock, today);
        const found = await childrenNotSeen(ctx.db, scope, clock.calendar.addWorkingDays(today, -n));
        title = `Children not seen in the last ${n} working days`;
        definition = `Children with an open referral who have had no visit at which they were seen in the last ${n} working days (a local setting).`;
        head = ['Child', 'Social worker', 'Last seen'];
        items = found.map((c) => ({ childId: c.childId, childName: c.childName, cells: [c.workerName ?? 'Not allocated', c.lastSeen ?? 'Never'] }));
        nameOrderedWithin = (r) => r.cells[1]!;
        break;
      }
      case 'awaiting-authorisation': {
        const found = await awaitingAuthorisation(ctx.db, scope);
        title = 'Assessments awaiting authorisation';
        definition = 'Assessments submitted by the social worker and not yet authorised by a manager.';
        head = ['Child', 'Social worker', 'Submitted'];
        items = found.map((a) => ({ childId: a.childId, childName: a.childName, cells: [a.workerName ?? '', a.submittedAt] }));
        break;
      }
      case 'caseload': {
        if (!q.workerId || !isUuid(q.workerId)) return forbidden(reply);
        const found = await rows<{ childId: string; childName: string; since: string; worker: string }>(
          ctx.db,
          sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", a.started_at::date::text as since, w.name as worker
                from ${currentAllocations} a join children c on c.id = a.child_id join workers w on w.id = a.worker_id
               where a.worker_id = ${q.workerId}
                 and ${scope.kind === 'team' ? sql`a.team_id = ${scope.teamId}` : sql`true`}
               order by c.last_name`,
        );
        title = `Children allocated to ${found[0]?.worker ?? 'this worker'}`;
        definition = 'Children currently allocated to the worker.';
        head = ['Child', 'Allocated since'];
        items = found.map((c) => ({ childId: c.childId, childName: c.childName, cells: [c.since] }));
        nameOrderedWithin = () => '';
        break;
      }
      default:
        return reply.code(404).page('message.njk', { title: 'Page not found' });
    }
    // every child stays in the list and the count; one the viewer may not open is shown as a restricted record
    const restricted = await restrictedAmong(ctx.db, user, items.map((i) => i.childId));
    let shown: ({ childId: string; childName: string; cells: string[] } | { restricted: RestrictedRecord; cells: string[] })[] = items.map((i) => {
      const r = restricted.get(i.childId);
      return r ? { restricted: r, cells: i.cells } : i;
    });
    if (nameOrderedWithin) {
      const key = nameOrderedWithin;
      shown = restrictedLastWithin(shown, (r) => key(r as Row), (r) => 'restricted' in r);
    }
    state.revealedChildIds = items.filter((i) => !restricted.has(i.childId)).map((i) => i.childId);
    return reply.page('oversight/views/list.njk', {
      title,
      definition,
      scopeName,
      head,
      items: shown,
      backLink: scope.kind === 'authority' ? '/authority' : `/my-team${user.role === 'service_manager' ? `?teamId=${scope.kind === 'team' ? scope.teamId : ''}` : ''}`,
    });
  }
}
