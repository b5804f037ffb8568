import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessNotices, restrictedAmong } from '../children/queries.js';
import { roles } from '../core/auth/roles.js';
import type { SignedInUser } from '../core/auth/users.js';
import type { AppContext } from '../core/http/context.js';
import { forbidden, type RequestState, route } from '../core/http/route.js';
import { isUuid } from '../core/ids.js';
import { todayIn } from '../core/time.js';
import { Html } from '../core/views/html.js';
import { pageOf, pagination } from '../core/views/pages.js';
import { contactsAwaitingDecision } from '../front-door/queries.js';
import { outstandingFor } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { type ClockContext, clockRules, ruleFeed } from '../clock/index.js';
import { obligationAction, obligationIsWorkFor, recordedFactKinds } from '../obligations/sources.js';
import { oversightPaths as paths } from './paths.js';
import {
  bandRows,
  caseloadRows,
  caseworkRows,
  listCount,
  listHead,
  listRows,
  myChildrenRows,
  percentage,
  placementRows,
  taskCount,
  teamLists,
  teamOverviewRows,
  type WorkItem,
  workRows,
} from './presenters.js';
import {
  ageBands,
  allocatedTo,
  backlogCounts,
  caseloads,
  caseworkCounts,
  COMING_UP_WORKING_DAYS,
  childList,
  childrenAllocatedTo,
  dashboardFigures,
  isListName,
  repeatReferralRate,
  type Scope,
  teamNamed,
  teamsOverview,
} from './queries.js';
import { conferenceReportWorkingDays, notSeenWorkingDays } from './settings.js';
import { isPlacementListName, placementFigures, placementList } from './placements.js';
import { postcodeDirectoryLoader } from '../returns/postcode-directory.js';

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
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && key(items[j]!) === key(items[i]!)) j++;
    const run = items.slice(i, j);
    out.push(...run.filter((t) => !isRestricted(t)), ...run.filter(isRestricted));
    i = j;
  }
  return out;
}

/** Rows on one page of a list: enough to scan, few enough to load at once on a busy morning. */
const LIST_PAGE_SIZE = 100;

const pastDeadline = (contacts: { hoursLeft: number | null }[]) => contacts.filter((c) => c.hoursLeft !== null && c.hoursLeft < 0).length;

export function oversightRoutes(app: FastifyInstance, ctx: AppContext): void {
  const now = () => ctx.time.now();
  const today = () => todayIn(ctx.time);
  // What the areas record is fixed at start: a group of rules nothing feeds shows as not recorded, never as 0.
  const recorded = recordedFactKinds();
  const fedRules = new Set(clockRules.filter((r) => ruleFeed(r, recorded).state !== 'not_recorded').map((r) => r.id));
  const fed = (ruleId: string) => fedRules.has(ruleId);
  // what every viewer of a scope sees alike is computed once per change to the record (ctx.cache)
  type Kept = <T>(key: string, compute: () => Promise<T>) => Promise<T>;
  type AsOf = { kept: Kept; clock: ClockContext };
  const asOfNow = async (req: FastifyRequest): Promise<AsOf> => {
    const view = await ctx.cache.asOf(now(), req.recordChange);
    const kept: Kept = (key, compute) => view.get(key, compute);
    return { kept, clock: await kept('clock', () => loadClockContext(ctx.db)) };
  };
  const postcodes = postcodeDirectoryLoader(ctx.config.postcodeDirectory);

  route(app, ctx, { method: 'GET', url: paths.myWork(), roles: roles.caseholders, audit: 'VIEW_MY_WORK' }, async (req, reply, state) => {
    const { user } = state;
    const { kept, clock } = await asOfNow(req);
    const [owed, children] = await Promise.all([
      kept(`outstanding:${user.workerId}`, () => outstandingFor(ctx.db, allocatedTo(user.workerId), now(), clock)),
      kept(`allocated:${user.workerId}`, () => childrenAllocatedTo(ctx.db, user.workerId)),
    ]);
    // what the user may meet: not an obligation whose page is refused to them (the designated officer's)
    const outstanding = owed.filter((o) => obligationIsWorkFor(o.ruleId, user.role));
    // a child allocated to the user whose record is restricted to others is a restricted record here
    // too. Kept for this viewer alone, as a list's are: a change to a restriction moves the record
    const [restricted, notices] = await Promise.all([
      kept(`restricted:${user.id}:my-work`, () =>
        restrictedAmong(ctx.db, user, [...children.map((c) => c.id), ...outstanding.map((o) => o.childId)]),
      ),
      accessNotices(ctx.db, user),
    ]);
    const names = new Map(children.map((c) => [c.id, c.name]));
    const work: WorkItem[] = outstanding.map((o) => {
      const r = restricted.get(o.childId);
      return r ? { ...o, restricted: r } : { ...o, childName: names.get(o.childId) ?? '' };
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
    const weekEnd = endOfWeek(today());
    const lists = {
      overdue: work.filter((o) => o.status === 'overdue'),
      thisWeek: work.filter((o) => o.status === 'due' && o.due.slice(0, 10) <= weekEnd),
      next: work.filter((o) => o.status === 'due' && o.due.slice(0, 10) > weekEnd).slice(0, 50),
    };
    return reply.page('oversight/views/my-work.njk', {
      title: 'My work',
      notices,
      childCount: children.length,
      childRows: myChildrenRows(shownChildren),
      overdue: taskCount(lists.overdue, 'overdue'),
      thisWeek: taskCount(lists.thisWeek, 'due this week'),
      tables: [
        { id: 'overdue', caption: 'Overdue', rows: workRows(lists.overdue, obligationAction) },
        { id: 'this-week', caption: 'Due this week', rows: workRows(lists.thisWeek, obligationAction) },
        { id: 'next', caption: 'Next', rows: workRows(lists.next, obligationAction) },
      ],
    });
  });

  /** A team manager sees their own team; a service manager any team they choose. */
  async function teamFor(user: SignedInUser, requested: string | undefined, kept: Kept) {
    const teamId = user.role === 'service_manager' ? (requested ?? null) : user.teamId;
    // a team is added by a write (and never renamed), so it is kept like the figures; a teamId
    // that is not a UUID was refused with the query's other problems
    return teamId ? kept(`team:${teamId}`, () => teamNamed(ctx.db, teamId)) : null;
  }

  route(app, ctx, { method: 'GET', url: paths.myTeam(), roles: roles.managers }, async (req, reply, { user }) => {
    const { kept, clock } = await asOfNow(req);
    const team = await teamFor(user, (req.query as Record<string, string | undefined>).teamId, kept);
    if (!team) return reply.redirect(paths.authority());
    const n = notSeenWorkingDays(clock, today());
    const since = clock.calendar.addWorkingDays(today(), -n);
    const [workers, figures, casework, placed, contacts, notices] = await Promise.all([
      kept(`caseloads:${team.id}`, () => caseloads(ctx.db, team.id)),
      kept(`figures:${team.id}`, () =>
        dashboardFigures(ctx.db, team.id, { now: now(), today: today(), calendar: clock.calendar, seenSince: since }),
      ),
      kept(`casework:${team.id}`, () => caseworkCounts(ctx.db, { kind: 'team', teamId: team.id }, { now: now(), today: today(), clock })),
      kept(`placed:${team.id}`, async () =>
        placementFigures(ctx.db, { kind: 'team', teamId: team.id }, today(), await postcodes(), ctx.config.authorityCode),
      ),
      kept(`contacts:${user.id}`, () => contactsAwaitingDecision(ctx.db, user, now(), undefined)),
      accessNotices(ctx.db, user),
    ]);
    const named = user.role === 'service_manager' ? team.id : undefined;
    const lists = teamLists(named);
    return reply.page('oversight/views/my-team.njk', {
      title: `My team: ${team.name}`,
      notices,
      team,
      lists,
      figures,
      bandRows: bandRows(ageBands, figures, lists),
      caseloadRows: caseloadRows(workers, lists),
      casework,
      caseworkRows: caseworkRows(
        casework,
        (name) => paths.teamList(name, { teamId: named }),
        conferenceReportWorkingDays(clock, today()),
        fed,
      ),
      placementRows: placementRows(placed, (name) => paths.teamList(name, { teamId: named })),
      comingUp: COMING_UP_WORKING_DAYS,
      unallocatedList: paths.teamList('unallocated', { teamId: named }),
      notSeenDays: n,
      contacts: contacts.length,
      contactsOverdue: pastDeadline(contacts),
      backLink: user.role === 'service_manager' ? paths.authority() : undefined,
    });
  });

  route(app, ctx, { method: 'GET', url: paths.teamList(':list'), roles: roles.managers, audit: 'VIEW_LIST' }, async (req, reply, state) => {
    const q = req.query as Record<string, string | undefined>;
    const view = await asOfNow(req);
    const team = await teamFor(state.user, q.teamId, view.kept);
    if (!team) return forbidden(reply);
    const backLink = state.user.role === 'service_manager' ? paths.myTeam(team.id) : paths.myTeam();
    return listPage(view, reply, state, (req.params as { list: string }).list, { kind: 'team', teamId: team.id }, q, {
      scopeName: team.name,
      backLink,
    });
  });

  route(app, ctx, { method: 'GET', url: paths.authority(), roles: roles.serviceManagers }, async (req, reply, { user }) => {
    const { kept, clock } = await asOfNow(req);
    const [figures, casework, placed, teams, repeat, contacts, notices] = await Promise.all([
      kept('backlog:authority', () => backlogCounts(ctx.db, null, now(), today())),
      kept('casework:authority', () => caseworkCounts(ctx.db, { kind: 'authority' }, { now: now(), today: today(), clock })),
      kept('placed:authority', async () =>
        placementFigures(ctx.db, { kind: 'authority' }, today(), await postcodes(), ctx.config.authorityCode),
      ),
      kept('teams', () => teamsOverview(ctx.db, now())),
      kept('repeat-referrals', () => repeatReferralRate(ctx.db, today())),
      kept(`contacts:${user.id}`, () => contactsAwaitingDecision(ctx.db, user, now())),
      accessNotices(ctx.db, user),
    ]);
    return reply.page('oversight/views/authority.njk', {
      title: 'The authority',
      notices,
      figures,
      lists: {
        overdue: paths.authorityList('overdue-assessments'),
        notSeen: paths.authorityList('not-seen-during-assessment'),
        notSeenSixMonths: paths.authorityList('not-seen-six-months'),
        notSeenInSixMonths: paths.authorityList('not-seen-in-six-months'),
        unallocated: paths.authorityList('unallocated'),
      },
      casework,
      caseworkRows: caseworkRows(casework, (name) => paths.authorityList(name), conferenceReportWorkingDays(clock, today()), fed),
      placementRows: placementRows(placed, (name) => paths.authorityList(name)),
      comingUp: COMING_UP_WORKING_DAYS,
      teamRows: teamOverviewRows(teams),
      repeat,
      repeatRate: percentage(repeat.repeats, repeat.referrals),
      contacts: contacts.length,
      contactsOverdue: pastDeadline(contacts),
    });
  });

  route(
    app,
    ctx,
    { method: 'GET', url: paths.authorityList(':list'), roles: roles.serviceManagers, audit: 'VIEW_LIST' },
    async (req, reply, state) =>
      listPage(
        await asOfNow(req),
        reply,
        state,
        (req.params as { list: string }).list,
        { kind: 'authority' },
        req.query as Record<string, string | undefined>,
        {
          scopeName: 'the authority',
          backLink: paths.authority(),
        },
      ),
  );

  /** The children behind a number: every figure on a dashboard links here. */
  async function listPage(
    { kept, clock }: AsOf,
    reply: FastifyReply,
    state: RequestState,
    name: string,
    scope: Scope,
    q: Record<string, string | undefined>,
    page: { scopeName: string; backLink: string },
  ) {
    const { page: requestedPage, ...asked } = q;
    const listKey = `list:${name}:${JSON.stringify(scope)}:${JSON.stringify(Object.entries(asked).sort())}`;
    let list: Awaited<ReturnType<typeof placementList>> | null;
    if (isPlacementListName(name)) {
      list = await kept(listKey, async () => placementList(ctx.db, name, scope, today(), await postcodes(), ctx.config.authorityCode));
    } else {
      if (!isListName(name)) return reply.code(404).page('message.njk', { title: 'Page not found' });
      if (name === 'caseload' && !(asked.workerId && isUuid(asked.workerId))) return forbidden(reply);
      list = await kept(listKey, () => childList(ctx.db, name, scope, asked, { now: now(), today: today(), clock }));
    }
    if (!list) return forbidden(reply);
    // every child stays in the list and the count; one the viewer may not open is shown as a restricted
    // record. Kept for this viewer alone: a change to a restriction or to who may open it moves the record
    const viewer = state.user.id;
    const shown = await kept(`shown:${viewer}:${listKey}`, async () => {
      const restricted = await restrictedAmong(
        ctx.db,
        state.user,
        list.items.map((i) => i.childId),
      );
      const rows = list.items.map((i) => {
        const r = restricted.get(i.childId);
        return r ? { restricted: r, cells: i.cells } : i;
      });
      const key = list.nameOrderedWithin;
      return key
        ? restrictedLastWithin(
            rows,
            (r) => ('restricted' in r ? key({ childId: '', childName: '', cells: r.cells }) : key(r)),
            (r) => 'restricted' in r,
          )
        : rows;
    });
    // a long list a page at a time: the count is the whole list's
    const at = pageOf(shown.length, requestedPage, LIST_PAGE_SIZE);
    const onPage = shown.slice(at.from, at.to);
    state.revealedChildIds = onPage.flatMap((i) => ('restricted' in i ? [] : [i.childId]));
    const carried = Object.entries(asked).filter((e): e is [string, string] => typeof e[1] === 'string');
    const path = reply.request.url.split('?')[0]!;
    const pageHref = (n: number) => {
      const query = new URLSearchParams([...carried, ...(n > 1 ? [['page', String(n)] as [string, string]] : [])]).toString();
      return query ? `${path}?${query}` : path;
    };
    return reply.page('oversight/views/list.njk', {
      title: list.title,
      definition: list.definition,
      scopeName: page.scopeName,
      count: listCount(list.items.length, list.noun),
      shownCount: at.pages > 1 ? `${at.from + 1} to ${at.to}` : null,
      notComputed: list.notComputed,
      table:
        onPage.length === 0
          ? null
          : await kept(
              `table:${viewer}:${listKey}:${at.from}`,
              async () =>
                new Html(
                  ctx.views.render('oversight/views/list-table.njk', {
                    caption: list.title,
                    head: listHead(list.head, list.actionHead),
                    rows: listRows(onPage, list.actionHead !== undefined),
                  }),
                ),
            ),
      pagination: pagination(at, pageHref, `Pages of ${list.title.toLowerCase()}`),
      backLink: page.backLink,
    });
  }
}
