import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/areas.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { createApiToken } from '../src/core/auth/api-tokens.js';
import { addUser } from '../src/core/auth/users.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { obligationAction, obligationIsWorkFor } from '../src/obligations/sources.js';
import { allocate } from '../src/workforce/use-cases.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };
type Authority = Awaited<ReturnType<typeof smallAuthority>>;

/** Every role's sign-in, with the designated officer and the service manager the ones who may open allegations. */
const people = [
  { username: 'ana', role: 'a practitioner who holds the child', allowed: false },
  { username: 'cleo', role: 'a practitioner in another team', allowed: false },
  { username: 'mina', role: 'the team manager of the child’s team', allowed: false },
  { username: 'ada', role: 'an administrator', allowed: false },
  { username: 'sam', role: 'a service manager', allowed: true },
  { username: 'lee', role: 'the designated officer', allowed: true },
] as const;

const allegationBody = (over: Record<string, unknown> = {}) => ({
  adultName: 'Rex Coachman',
  adultRole: 'Swimming coach',
  employer: 'Fictional Swimming Club',
  sector: 'sport',
  category: 'harm',
  abuseType: 'physical',
  detail: 'Pushed a child under the water during training',
  madeDate: '2026-05-11',
  ladoInformedDate: '2026-05-12',
  childReferences: [],
  otherChildrenCount: 1,
  ...over,
});

for (const kind of await testDatabases()) {
  describe(`allegations against adults who work with children, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Authority;
    let clock: TestClock;
    let sam: Agent;
    let samApi: ApiClient;
    let childA: string; // North 1's, Ana's team
    let childB: string; // South 1's
    let childR: string; // North 1's, restricted to Ana
    const ref: Record<string, number> = {};
    let allegationId: string;

    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from allegations) as allegations,
                   (select coalesce(sum(version), 0)::int from allegations) as versions,
                   (select count(*)::int from allegation_children) as links,
                   (select count(*)::int from allegation_meetings) as meetings,
                   (select count(*)::int from allegations where concluded_date is not null) as concluded,
                   (select count(*)::int from obligations where rule_id like 'lado-%') as obligations,
                   (select count(*)::int from audit_events where action like '%ALLEGATION%' and action not like 'VIEW_%') as changes`,
      );
      return counts!;
    }

    async function version(id = allegationId) {
      const [a] = await rows<{ version: number }>(database.db, sql`select version from allegations where id = ${id}`);
      return a!.version;
    }

    async function obligationsOf(childId: string) {
      return rows<{ rule_id: string; due: string; done: string | null; episode: string }>(
        database.db,
        sql`select rule_id, due, done, episode from obligations where child_id = ${childId} and rule_id like 'lado-%' order by due, rule_id`,
      );
    }

    async function child(firstName: string, lastName: string, teamId: string) {
      const id = await createChild(
        database.db,
        { firstName, lastName, sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2015-03-04', disabilities: [] } as NewChild,
        '2026-01-05',
        { userId: authority.users.practitioner, teamId },
      );
      const [r] = await rows<{ reference: number }>(database.db, sql`select reference::int as reference from children where id = ${id}`);
      ref[id] = r!.reference;
      return id;
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      await addUser(database.db, { username: 'lee', displayName: 'Lee Designated', password: PASSWORD, role: 'designated_officer' });
      childA = await child('Ada', 'Notreal', authority.teams.north);
      childB = await child('Bo', 'Imaginary', authority.teams.south);
      childR = await child('Rae', 'Hidden', authority.teams.north);
      // on Ana's caseload: her My work lists the child and what is owed for them
      await allocate(
        database.db,
        childA,
        { teamId: authority.teams.north, workerId: authority.workers.ana },
        { userId: authority.users.manager },
      );
      // restricted to Ana alone: the service manager may not open it
      await database.db.execute(sql`update children set restricted = true where id = ${childR}`);
      await database.db.execute(
        sql`insert into restricted_record_access (child_id, user_id) values (${childR}, ${authority.users.practitioner})`,
      );
      // Monday 18 May 2026, 10:00 in England: the quarter is April to June
      clock = new TestClock('2026-05-18T09:00:00Z');
      service = await startService(database, clock);
      sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      samApi = new ApiClient(service.url);
      await samApi.signIn('sam', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const before = await snapshot();
      await sam.get('/allegations/new');
      const early = await sam.post('/allegations/new', {
        adultName: 'Rex Coachman',
        adultRole: 'Swimming coach',
        employer: 'Fictional Swimming Club',
        sector: 'sport',
        category: 'harm',
        detail: 'Pushed a child under the water',
        ...dateInput('madeDate', '2026-05-11'),
        ...dateInput('ladoInformedDate', '2026-05-08'),
        childReferences: String(ref[childA]),
        otherChildrenCount: '0',
      });
      expect(early.status).toBe(400);
      expect(early.text).toContain('Date the designated officer was informed cannot be before the employer was told (11 May 2026)');
      expect(early.text).toContain('href="#ladoInformedDate-day"');
      expect(early.text).toContain('value="Rex Coachman"');

      const cases: [Record<string, unknown>, string, string][] = [
        [{ madeDate: '2026-05-19', ladoInformedDate: '2026-05-19' }, 'madeDate', 'Date the employer was told must be today or in the past'],
        [{ category: 'gossip' }, 'category', 'What is alleged must be one of: harm, possible_offence, unsuitability'],
        [{ sector: 'circus' }, 'sector', 'Sector must be one of:'],
        [{ abuseType: 'financial' }, 'abuseType', 'Type of abuse must be one of:'],
        [{ childReferences: [99999999] }, 'childReferences', 'No child on the record you may see has the reference 99999999'],
        // a child the service manager may not open is answered as one nobody has
        [{ childReferences: [ref[childR]] }, 'childReferences', `No child on the record you may see has the reference ${ref[childR]}`],
        [{ otherChildrenCount: 0 }, 'childReferences', 'Give the reference numbers of the children on the record'],
        [{ otherChildrenCount: -1 }, 'otherChildrenCount', 'Children not on the record must be 0 or more'],
        [{ adultName: '' }, 'adultName', 'Enter name of the adult'],
        [{ detail: 'a\u0000b' }, 'detail', 'must not contain control characters'],
      ];
      for (const [over, field, message] of cases) {
        const res = await samApi.post('/api/allegations', allegationBody(over));
        expect(res.status, field).toBe(400);
        const error = (res.body as ApiErrors).errors.find((e) => e.field === field);
        expect(error?.message, field).toContain(message);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('records an allegation from the page, the facts going on each linked child so the clock runs', async () => {
      await sam.get('/allegations/new');
      const res = await sam.post('/allegations/new', {
        adultName: 'Tess Fictitious',
        adultRole: 'Teaching assistant',
        employer: 'Madeup Primary School',
        sector: 'education',
        category: 'possible_offence',
        abuseType: 'sexual',
        detail: 'Sent messages of a sexual nature to pupils',
        ...dateInput('madeDate', '2026-05-11'),
        ...dateInput('ladoInformedDate', '2026-05-13'),
        childReferences: `${ref[childA]}, ${ref[childB]}`,
        otherChildrenCount: '2',
        otherChildrenDescription: 'two pupils in year 6',
      });
      expect(res.status).toBe(303);
      allegationId = /allegations\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
      const page = await sam.get(`/allegations/${allegationId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Allegation recorded');
      expect(page.text).toContain('Tess Fictitious');
      expect(page.text).toContain('Ada Notreal');
      expect(page.text).toContain('Bo Imaginary');
      expect(page.text).toContain('2: two pupils in year 6');
      for (const c of [childA, childB]) {
        expect(await obligationsOf(c)).toEqual([
          // made Monday 11 May: the designated officer is informed within 1 working day, here 2 days late
          { rule_id: 'lado-informed', due: '2026-05-12', done: '2026-05-13', episode: allegationId },
          { rule_id: 'lado-resolution-1-month', due: '2026-06-11', done: null, episode: allegationId },
          { rule_id: 'lado-resolution-3-months', due: '2026-08-11', done: null, episode: allegationId },
          { rule_id: 'lado-resolution-12-months', due: '2027-05-11', done: null, episode: allegationId },
        ]);
      }
      expect(await obligationsOf(childR)).toEqual([]);
      const [audit] = await rows<{ child_ids: string[]; record_id: string }>(
        database.db,
        sql`select child_ids, record_id from audit_events where action = 'RECORD_ALLEGATION'`,
      );
      expect(audit!.record_id).toBe(allegationId);
      expect([...audit!.child_ids].sort()).toEqual([childA, childB].sort());
      // a work list leads to the allegation's page
      expect(obligationAction({ ruleId: 'lado-resolution-1-month', childId: childA, episode: allegationId })).toEqual({
        text: 'Open the allegation',
        href: `/allegations/${allegationId}`,
      });
      // work for those who may open that page, not for the child's social worker or their manager
      expect(obligationIsWorkFor('lado-resolution-1-month', 'designated_officer')).toBe(true);
      expect(obligationIsWorkFor('lado-informed', 'practitioner')).toBe(false);
      expect(obligationIsWorkFor('lado-resolution-12-months', 'team_manager')).toBe(false);
      expect(obligationIsWorkFor('child-protection-visit', 'practitioner')).toBe(true);
    });

    const id = () => allegationId;
    const pages = () => [
      '/allegations',
      '/allegations?list=all',
      '/allegations/new',
      `/allegations/${id()}`,
      `/allegations/${id()}/meetings/new`,
      `/allegations/${id()}/outcome`,
    ];
    const posts = (): [string, Record<string, string>][] => [
      ['/allegations/new', { adultName: 'X' }],
      [`/allegations/${id()}/children`, { childReferences: String(ref[childA]), version: '1' }],
      [`/allegations/${id()}/meetings/new`, { kind: 'strategy', version: '1' }],
      [`/allegations/${id()}/outcome`, { outcome: 'false', version: '1' }],
    ];
    const apiGets = () => ['/api/allegations', `/api/allegations/${id()}`];
    const apiPosts = () => [
      '/api/allegations',
      `/api/allegations/${id()}/children`,
      `/api/allegations/${id()}/meetings`,
      `/api/allegations/${id()}/outcome`,
    ];

    for (const person of people) {
      it(`${person.allowed ? 'opens' : 'refuses'} every allegations page and API call to ${person.role}`, async () => {
        const before = await snapshot();
        const agent = new Agent(service.url);
        await agent.signIn(person.username, PASSWORD);
        const api = new ApiClient(service.url);
        await api.signIn(person.username, PASSWORD);
        for (const path of pages()) {
          const res = await agent.get(path);
          expect(res.status, path).toBe(person.allowed ? 200 : 403);
          if (!person.allowed) expect(res.text).not.toContain('Tess Fictitious');
        }
        const home = await agent.get('/');
        const nav = (await agent.get(home.location ?? '/')).text;
        expect(nav.includes('href="/allegations"'), 'navigation').toBe(person.allowed);
        for (const path of apiGets()) {
          const res = await api.get(path);
          expect(res.status, path).toBe(person.allowed ? 200 : 403);
          if (!person.allowed) expect(res.text).not.toContain('Tess Fictitious');
        }
        if (person.allowed) return;
        for (const [path, form] of posts()) {
          await agent.get('/');
          expect((await agent.post(path, form)).status, `POST ${path}`).toBe(403);
        }
        for (const path of apiPosts()) expect((await api.post(path, {})).status, `POST ${path}`).toBe(403);
        expect(await snapshot()).toEqual(before);
      });
    }

    it('tells the practitioner who holds a linked child nothing of the adult, and sends the signed-out to sign in', async () => {
      // the child's own record, open to the practitioner who holds it, says nothing of the adult
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const record = await ana.get(`/children/${childA}`);
      expect(record.status).toBe(200);
      expect(record.text).not.toContain('Tess Fictitious');
      expect(record.text).not.toContain('Madeup Primary School');
      // the allegation's page is refused to them, and the designated officer's obligations on it
      // are not theirs to meet: My work lists the child, but neither the obligations nor a link
      expect((await ana.get(`/allegations/${allegationId}`)).status).toBe(403);
      const work = await ana.get('/my-work');
      expect(work.status).toBe(200);
      expect(work.text).toContain('Ada Notreal');
      expect(work.text).not.toContain('/allegations/');
      expect(work.text).not.toContain('Allegation resolved within');
      expect((await new Agent(service.url).get('/allegations')).status).toBe(302);
      expect((await new ApiClient(service.url).get('/api/allegations')).status).toBe(401);
    });

    it('lets API tokens act as their role: only a service manager’s reads or records allegations', async () => {
      const before = await snapshot();
      for (const [role, teamId, allowed] of [
        ['practitioner', authority.teams.north, false],
        ['team_manager', authority.teams.north, false],
        ['service_manager', undefined, true],
      ] as const) {
        const { token } = await createApiToken(database.db, { name: `token ${role}`, role, ...(teamId ? { teamId } : {}) } as never, {
          userId: authority.users.admin,
          now: clock.now(),
        });
        const res = await fetch(`${service.url}/api/allegations/${allegationId}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, role).toBe(allowed ? 200 : 403);
        const post = await fetch(`${service.url}/api/allegations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(allegationBody({ adultName: 'Token Tester' })),
        });
        expect(post.status, role).toBe(allowed ? 201 : 403);
      }
      const after = await snapshot();
      // one allegation recorded, by the service manager's token, and audited
      expect(after).toEqual({
        ...before,
        allegations: before.allegations! + 1,
        versions: before.versions! + 1,
        changes: before.changes! + 1,
      });
    });

    it('records a strategy meeting, refusing one before the allegation and a stale one', async () => {
      const form = await sam.get(`/allegations/${allegationId}/meetings/new`);
      expect(form.status).toBe(200);
      const before = await snapshot();
      const early = await sam.post(`/allegations/${allegationId}/meetings/new`, {
        kind: 'strategy',
        ...dateInput('meetingDate', '2026-05-08'),
        'attendance-0-agency': 'police',
        'attendance-0-name': 'Pat Constable',
        'attendance-0-attended': 'yes',
        decisions: 'Police to investigate',
        version: String(await version()),
      });
      expect(early.status).toBe(400);
      expect(early.text).toContain('Date of the meeting cannot be before the allegation was made (11 May 2026)');
      const noOne = await samApi.post(`/api/allegations/${allegationId}/meetings`, {
        kind: 'strategy',
        meetingDate: '2026-05-14',
        attendance: [],
        decisions: 'x',
        version: await version(),
      });
      expect(noOne.status).toBe(400);
      expect((noOne.body as ApiErrors).errors[0]).toEqual({ field: 'attendance', message: 'Add who was invited: at least one agency' });
      const unknownKind = await samApi.post(`/api/allegations/${allegationId}/meetings`, {
        kind: 'tea',
        meetingDate: '2026-05-14',
        attendance: [{ agency: 'police', name: 'Pat', attended: true }],
        decisions: 'x',
        version: await version(),
      });
      expect((unknownKind.body as ApiErrors).errors[0]!.field).toBe('kind');
      const stale = await sam.post(`/allegations/${allegationId}/meetings/new`, {
        kind: 'strategy',
        ...dateInput('meetingDate', '2026-05-14'),
        'attendance-0-agency': 'police',
        'attendance-0-name': 'Pat Constable',
        'attendance-0-attended': 'yes',
        decisions: 'Police to investigate',
        version: String((await version()) + 5),
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('This allegation was changed by someone else after you opened it');
      expect(await snapshot()).toEqual(before);
      const res = await sam.post(`/allegations/${allegationId}/meetings/new`, {
        kind: 'strategy',
        ...dateInput('meetingDate', '2026-05-14'),
        'attendance-0-agency': 'police',
        'attendance-0-name': 'Pat Constable',
        'attendance-0-attended': 'yes',
        'attendance-1-agency': 'education',
        'attendance-1-name': 'Hedda Head',
        'attendance-1-attended': 'yes',
        'attendance-2-agency': 'health',
        'attendance-2-name': 'Nell Nurse',
        'attendance-2-attended': 'no',
        decisions: 'Police to investigate; the school to suspend pending the outcome',
        version: String(await version()),
      });
      expect(res.status).toBe(303);
      const page = await sam.get(`/allegations/${allegationId}`);
      expect(page.text).toContain('Pat Constable (Police), Hedda Head (Education)');
      expect(page.text).not.toContain('Nell Nurse (Health)');
    });

    it('links a further child, refusing one already linked, one it may not open, and a stale version', async () => {
      const v = await version();
      const already = await samApi.post(`/api/allegations/${allegationId}/children`, { childReferences: [ref[childA]], version: v });
      expect(already.status).toBe(400);
      expect((already.body as ApiErrors).errors).toEqual([
        { field: 'childReferences', message: 'A child given is already linked to this allegation' },
      ]);
      const hidden = await samApi.post(`/api/allegations/${allegationId}/children`, { childReferences: [ref[childR]], version: v });
      expect((hidden.body as ApiErrors).errors[0]!.field).toBe('childReferences');
      const childC = await child('Cy', 'Pretend', authority.teams.south);
      const stale = await samApi.post(`/api/allegations/${allegationId}/children`, { childReferences: [ref[childC]], version: v - 1 });
      expect(stale.status).toBe(409);
      const page = await sam.post(`/allegations/${allegationId}/children`, { childReferences: String(ref[childC]), version: String(v) });
      expect(page.status).toBe(303);
      expect((await obligationsOf(childC)).map((o) => o.rule_id)).toEqual([
        'lado-informed',
        'lado-resolution-1-month',
        'lado-resolution-3-months',
        'lado-resolution-12-months',
      ]);
    });

    it('withholds a linked child the designated officer may not open', async () => {
      // linked by someone named on the restricted record
      await database.db.execute(sql`insert into allegation_children (allegation_id, child_id) values (${allegationId}, ${childR})`);
      const page = await sam.get(`/allegations/${allegationId}`);
      expect(page.text).toContain('Another child known to the service');
      expect(page.text).not.toContain('Rae Hidden');
      expect(page.text).not.toContain(childR);
      const api = await samApi.get(`/api/allegations/${allegationId}`);
      expect(api.text).not.toContain('Hidden');
      expect(api.text).not.toContain(childR);
      expect((api.body as { children: unknown[] }).children).toContainEqual({ id: null, name: null, reference: null, canOpen: false });
      const [audit] = await rows<{ child_ids: string[] }>(
        database.db,
        sql`select child_ids from audit_events where action = 'VIEW_ALLEGATION' order by id desc limit 1`,
      );
      expect(audit!.child_ids).not.toContain(childR);
      expect(audit!.child_ids).toContain(childA);
      await database.db.execute(sql`delete from allegation_children where child_id = ${childR}`);
    });

    it('records the outcome, refusing one before the allegation, before the LADO knew, in the future, or with contradicting actions', async () => {
      const before = await snapshot();
      const v = await version();
      const body = (over: Record<string, unknown>) => ({
        outcome: 'unsubstantiated',
        concludedDate: '2026-05-18',
        actions: ['training_or_supervision'],
        version: v,
        ...over,
      });
      const cases: [Record<string, unknown>, string, string][] = [
        [
          { concludedDate: '2026-05-10' },
          'concludedDate',
          'Date the allegation concluded cannot be before the allegation was made (11 May 2026)',
        ],
        [
          { concludedDate: '2026-05-12' },
          'concludedDate',
          'Date the allegation concluded cannot be before the designated officer was informed (13 May 2026)',
        ],
        [{ concludedDate: '2026-05-19' }, 'concludedDate', 'Date the allegation concluded must be today or in the past'],
        [{ outcome: 'inconclusive' }, 'outcome', 'Outcome must be one of: substantiated, false, malicious, unsubstantiated, unfounded'],
        [{ actions: [] }, 'actions', 'Select the actions taken, or no further action'],
        [{ actions: ['no_further_action', 'dismissal'] }, 'actions', 'Actions: no further action cannot be chosen with another action'],
      ];
      for (const [over, field, message] of cases) {
        const res = await samApi.post(`/api/allegations/${allegationId}/outcome`, body(over));
        expect(res.status, field).toBe(400);
        expect((res.body as ApiErrors).errors, field).toContainEqual({ field, message });
      }
      const stale = await samApi.post(`/api/allegations/${allegationId}/outcome`, body({ version: v - 1 }));
      expect(stale.status).toBe(409);
      const page = await sam.post(`/allegations/${allegationId}/outcome`, {
        outcome: 'substantiated',
        ...dateInput('concludedDate', '2026-05-12'),
        actions: ['dbs_referral', 'dismissal'],
        version: String(v),
      });
      expect(page.status).toBe(400);
      expect(page.text).toContain('href="#concludedDate-day"');
      expect(await snapshot()).toEqual(before);

      const res = await sam.post(`/allegations/${allegationId}/outcome`, {
        outcome: 'substantiated',
        ...dateInput('concludedDate', '2026-05-18'),
        actions: ['dbs_referral', 'dismissal'],
        outcomeNotes: 'Dismissed; referred to the barring service',
        version: String(v),
      });
      expect(res.status).toBe(303);
      const shown = await sam.get(`/allegations/${allegationId}`);
      expect(shown.text).toContain('Substantiated, concluded 18 May 2026');
      expect(shown.text).toContain('Referral to the Disclosure and Barring Service; Dismissal');
      for (const c of [childA, childB]) {
        const done = (await obligationsOf(c)).filter((o) => o.rule_id.startsWith('lado-resolution'));
        expect(done.map((o) => o.done)).toEqual(['2026-05-18', '2026-05-18', '2026-05-18']);
      }
      const again = await samApi.post(`/api/allegations/${allegationId}/outcome`, body({ version: await version() }));
      expect(again.status).toBe(400);
      expect((again.body as ApiErrors).errors[0]).toEqual({ field: 'outcome', message: 'The allegation concluded on 18 May 2026' });
      expect((await sam.get(`/allegations/${allegationId}/outcome`)).status).toBe(404);
      expect((await sam.get(`/allegations/${allegationId}/meetings/new`)).status).toBe(404);
    });

    it('counts referrals this quarter and allegations resolved within 1, 3 and 12 months, each count its list', async () => {
      const make = async (adultName: string, madeDate: string, ladoInformedDate: string, concluded?: string) => {
        const res = await samApi.post('/api/allegations', allegationBody({ adultName, madeDate, ladoInformedDate }));
        expect(res.status).toBe(201);
        const id = (res.body as { id: string }).id;
        if (concluded) {
          const out = await samApi.post(`/api/allegations/${id}/outcome`, {
            outcome: 'unfounded',
            concludedDate: concluded,
            actions: ['no_further_action'],
            version: 1,
          });
          expect(out.status).toBe(200);
        }
      };
      await make('Within Three', '2026-02-02', '2026-02-03', '2026-04-15');
      await make('Within Twelve', '2025-06-01', '2025-06-02', '2026-05-01');
      await make('Past Twelve', '2025-01-10', '2025-01-10', '2026-04-20');
      // a month from 31 March is 30 April: concluded on it is within the month, a day later is not
      await make('End Of Month', '2026-03-31', '2026-03-31', '2026-04-30');
      await make('Day After', '2026-03-31', '2026-03-31', '2026-05-01');
      await make('Still Open', '2026-04-07', '2026-04-08');
      // with the first allegation (made 11 May, concluded 18 May) and the token's (open, informed 12 May)
      const expected = {
        open: 2,
        'this-quarter': 3,
        'concluded-this-quarter': 6,
        'within-1-month': 2,
        'within-3-months': 4,
        'within-12-months': 5,
      };
      const res = await samApi.get('/api/allegations');
      expect((res.body as { figures: unknown }).figures).toEqual(expected);
      for (const [list, n] of Object.entries(expected)) {
        const api = await samApi.get(`/api/allegations?list=${list}`);
        expect((api.body as { allegations: unknown[] }).allegations, list).toHaveLength(n);
        const page = await sam.get(`/allegations?list=${list}`);
        expect(page.text).toContain(`data-figure="${list}">${n}</a>`);
        expect((page.text.match(/href="\/allegations\/[0-9a-f-]{36}"/g) ?? []).length, list).toBe(n);
      }
      const within1 = await samApi.get('/api/allegations?list=within-1-month');
      expect((within1.body as { allegations: { adultName: string }[] }).allegations.map((a) => a.adultName)).toEqual([
        'Tess Fictitious',
        'End Of Month',
      ]);
      const all = await sam.get('/allegations?list=all');
      expect(all.text).toContain('End Of Month');
      expect((await sam.get('/allegations?list=nonsense')).status).toBe(404);
      expect((await samApi.get('/api/allegations?list=nonsense')).status).toBe(400);
    });

    it('lets the designated officer, who opens no child’s record, record an allegation and see the children linked to it', async () => {
      const lee = new Agent(service.url);
      await lee.signIn('lee', PASSWORD);
      const home = await lee.get('/');
      expect(home.location).toBe('/allegations');
      const form = (childReferences: string) => ({
        adultName: 'Ned Madeup',
        adultRole: 'Youth worker',
        employer: 'Fictional Youth Club',
        sector: 'other',
        category: 'unsuitability',
        detail: 'Met young people from the club alone, against the club’s policy',
        ...dateInput('madeDate', '2026-05-14'),
        ...dateInput('ladoInformedDate', '2026-05-14'),
        childReferences,
        otherChildrenCount: '0',
      });
      // a restricted child gets the answer a reference nobody has gets
      await lee.get('/allegations/new');
      const before = await snapshot();
      const hidden = await lee.post('/allegations/new', form(String(ref[childR])));
      expect(hidden.status).toBe(400);
      expect(hidden.text).toContain(`No child on the record you may see has the reference ${ref[childR]}`);
      expect(hidden.text).not.toContain('Rae Hidden');
      expect(await snapshot()).toEqual(before);

      const made = await lee.post('/allegations/new', form(`${ref[childA]}, ${ref[childB]}`));
      expect(made.status).toBe(303);
      const id = /allegations\/([0-9a-f-]{36})$/.exec(made.location ?? '')![1]!;
      const page = await lee.get(`/allegations/${id}`);
      expect(page.text).toContain('Ada Notreal');
      expect(page.text).toContain('Bo Imaginary');
      // named, with no link to a record the designated officer may not open
      expect(page.text).not.toContain(`href="/children/${childA}"`);
      expect((await lee.get(`/children/${childA}`)).status).toBe(403);
      expect((await lee.get('/children')).status).toBe(403);
      const [audit] = await rows<{ child_ids: string[]; username: string }>(
        database.db,
        sql`select child_ids, username from audit_events where action = 'VIEW_ALLEGATION' order by id desc limit 1`,
      );
      expect(audit!.username).toBe('lee');
      expect([...audit!.child_ids].sort()).toEqual([childA, childB].sort());
      expect((await obligationsOf(childB)).filter((o) => o.episode === id).map((o) => o.rule_id)).toEqual([
        'lado-informed',
        'lado-resolution-1-month',
        'lado-resolution-3-months',
        'lado-resolution-12-months',
      ]);
    });
  });
}
