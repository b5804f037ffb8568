import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };

const firstPlacement = {
  placementType: 'U6',
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  urn: '',
  placementPostcode: 'm60 2la',
  homePostcode: 'M13 9PL',
  intendedToAge18: 'no',
  visitRegime: 'standard',
};

for (const kind of await testDatabases()) {
  describe(`looked after children, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let shortBreaksId: string;
    let periodId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = () => `/children/${childId}/looked-after`;
    const period = () => `${base()}/periods/${periodId}`;

    /** Every looked after row and version, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number | string>>(
        database.db,
        sql`select (select count(*)::int from care_periods) as periods,
                   (select coalesce(sum(version), 0)::int from care_periods) as period_versions,
                   (select string_agg(coalesce(end_date::text, '-') || coalesce(reason_ceased, '-') || coalesce(iro_name, '-'), ',' order by id) from care_periods) as period_values,
                   (select count(*)::int from care_episodes) as episodes,
                   (select string_agg(reason_new || legal_status || placement_id, ',' order by id) from care_episodes) as episode_values,
                   (select count(*)::int from placements) as placements,
                   (select string_agg(coalesce(end_date::text, '-') || coalesce(reason_for_change, '-'), ',' order by id) from placements) as placement_values,
                   (select count(*)::int from placement_changes) as placement_changes,
                   (select count(*)::int from looked_after_reviews) as reviews,
                   (select string_agg(coalesce(decisions_circulated_date::text, '-') || coalesce(record_completed_date::text, '-'), ',' order by id) from looked_after_reviews) as review_values,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    /** What is owed or was done under a rule (not what was missed and is no longer owed). */
    async function obligation(ruleId: string, child = childId) {
      return rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due, done from obligations
             where child_id = ${child} and rule_id = ${ruleId} and (done is not null or lapses_on is null) order by due`,
      );
    }

    /** What was missed under a rule and is no longer owed, with the day it stopped being owed. */
    async function missed(ruleId: string, child = childId) {
      return rows<{ due: string; lapses_on: string }>(
        database.db,
        sql`select due, lapses_on::text from obligations
             where child_id = ${child} and rule_id = ${ruleId} and done is null and lapses_on is not null order by due`,
      );
    }

    async function version() {
      const [p] = await rows<{ version: number }>(database.db, sql`select version from care_periods where id = ${periodId}`);
      return p!.version;
    }

    async function advanceTo(iso: string) {
      clock.advance(new Date(iso).getTime() - clock.now().getTime());
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}`);
    }

    async function auditActions() {
      return (
        await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${childId} order by id`)
      ).map((r) => r.action);
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      childId = await createChild(
        database.db,
        { firstName: 'Ellis', lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2014-05-10', disabilities: [] } as NewChild,
        '2026-02-02',
        actor,
      );
      shortBreaksId = await createChild(
        database.db,
        { firstName: 'Rowan', lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2012-01-20', disabilities: [] } as NewChild,
        '2026-02-02',
        actor,
      );
      // Monday 2 March 2026, 10:00 in England
      clock = new TestClock('2026-03-02T10:00:00Z');
      service = await startService(database, clock);
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('becoming looked after', () => {
      it('says on the record that the child is not looked after, and links to recording it', async () => {
        const page = await ana.get(`/children/${childId}`);
        expect(page.text).toContain('Not looked after: no period of care recorded');
        expect(page.text).toContain(`href="${base()}/new"`);
      });

      it('refuses a future date, a date before birth, codes outside DfE’s lists and a bad postcode or URN, naming each field, and writes nothing', async () => {
        const before = await snapshot();
        const form = await ana.get(`${base()}/new`);
        expect(form.status).toBe(200);
        const future = await ana.post(`${base()}/new`, {
          ...dateInput('startDate', '2026-03-03'),
          legalStatus: 'C1',
          categoryOfNeed: 'N1',
          ...firstPlacement,
        });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date the child became looked after must be today or in the past');
        expect(future.text).toContain('href="#startDate-day"');
        const codes = await api.post(`/api${base()}/periods`, {
          startDate: '2026-03-02',
          legalStatus: 'C9',
          categoryOfNeed: 'N9',
          ...firstPlacement,
          placementType: 'P2',
          placementPostcode: 'QQ1 1AA',
          urn: 'ABC',
        });
        expect(codes.status).toBe(400);
        const errors = (codes.body as ApiErrors).errors;
        expect(errors.map((e) => e.field).sort()).toEqual(['categoryOfNeed', 'legalStatus', 'placementPostcode', 'placementType', 'urn']);
        expect(errors.find((e) => e.field === 'legalStatus')!.message).toMatch(/^Legal status must be one of: C1, C2, D1, E1, V2, V3, V4/);
        expect(errors.find((e) => e.field === 'placementPostcode')!.message).toBe(
          'Postcode of the placement is not a UK postcode (for example M60 2LA)',
        );
        const unborn = await api.post(`/api${base()}/periods`, {
          startDate: '2014-05-09',
          legalStatus: 'C1',
          categoryOfNeed: 'N1',
          ...firstPlacement,
        });
        expect(unborn.status).toBe(400);
        expect((unborn.body as ApiErrors).errors).toEqual([
          { field: 'startDate', message: 'Date the child became looked after cannot be before they were born (10 May 2014)' },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('starts the period, its first episode and placement: the first review falls due 20 working days on, the IRO in 5 and the first visit in a week', async () => {
        await ana.get(`${base()}/new`);
        const res = await ana.post(`${base()}/new`, {
          ...dateInput('startDate', '2026-03-02'),
          legalStatus: 'C1',
          categoryOfNeed: 'N1',
          ...firstPlacement,
        });
        expect(res.status).toBe(303);
        periodId = /periods\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        // 20 working days after Monday 2 March 2026 (the day itself not counted)
        expect(await obligation('looked-after-review')).toEqual([{ due: '2026-03-30', done: null }]);
        expect(await obligation('iro-appointed')).toEqual([{ due: '2026-03-09', done: null }]);
        expect(await obligation('looked-after-visit')).toEqual([{ due: '2026-03-09', done: null }]);
        expect(await obligation('care-plan')).toEqual([{ due: '2026-03-16', done: null }]);
        const read = await api.get(`/api${period()}`);
        expect(read.status).toBe(200);
        const p = read.body as {
          episodes: { reasonNew: string; legalStatus: string; endDate: string | null }[];
          placementList: { placementPostcode: string; homePostcode: string; placementType: string }[];
        };
        expect(p.episodes).toEqual([expect.objectContaining({ reasonNew: 'S', legalStatus: 'C1', endDate: null })]);
        expect(p.placementList).toEqual([
          expect.objectContaining({ placementType: 'U6', placementPostcode: 'M60 2LA', homePostcode: 'M13 9PL' }),
        ]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Looked after since 2 March 2026');
        expect(record.text).toContain('Interim care order (C1)');
        expect(record.text).toContain('Due by 30 March 2026');
        expect(record.text).toMatch(
          /Next: (Looked after child visit|Placement plan|Independent reviewing officer appointed)<\/strong>, due 9 March 2026/,
        );
        expect(await auditActions()).toContain('BECOME_LOOKED_AFTER');
      });

      it('refuses a second period while one is open', async () => {
        const before = await snapshot();
        const again = await api.post(`/api${base()}/periods`, {
          startDate: '2026-03-02',
          legalStatus: 'C2',
          categoryOfNeed: 'N1',
          ...firstPlacement,
        });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'startDate', message: 'The child is already looked after, since 2 March 2026' },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('records an agreed series of short breaks (V4) as such, which the looked after rules leave aside', async () => {
        const res = await api.post(`/api/children/${shortBreaksId}/looked-after/periods`, {
          startDate: '2026-03-02',
          legalStatus: 'V4',
          categoryOfNeed: 'N2',
          ...firstPlacement,
        });
        expect(res.status).toBe(201);
        const [p] = await rows<{ shortBreaks: boolean }>(
          database.db,
          sql`select short_breaks as "shortBreaks" from care_periods where child_id = ${shortBreaksId}`,
        );
        expect(p!.shortBreaks).toBe(true);
        expect(await obligation('looked-after-review', shortBreaksId)).toEqual([]);
        expect(await obligation('looked-after-visit', shortBreaksId)).toEqual([]);
        const record = await ana.get(`/children/${shortBreaksId}`);
        expect(record.text).toContain('Looked after for an agreed series of short breaks (reg 48) since 2 March 2026');
        // a period of short breaks stays one: another legal status is another period
        const before = await snapshot();
        const [sb] = await rows<{ id: string; version: number }>(
          database.db,
          sql`select id, version from care_periods where child_id = ${shortBreaksId}`,
        );
        const change = await api.post(`/api/children/${shortBreaksId}/looked-after/periods/${sb!.id}/legal-status`, {
          changeDate: '2026-03-02',
          legalStatus: 'C2',
          version: sb!.version,
        });
        expect(change.status).toBe(400);
        expect((change.body as ApiErrors).errors).toEqual([
          {
            field: 'legalStatus',
            message: 'This period is an agreed series of short breaks (V3 or V4): end it, then record the new period of care',
          },
        ]);
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('the independent reviewing officer', () => {
      it('refuses a stale save (409) and a date before the period, and writes nothing', async () => {
        await ana.get(`${period()}/iro`);
        const before = await snapshot();
        const stale = await ana.post(`${period()}/iro`, {
          ...dateInput('appointedDate', '2026-03-02'),
          iroName: 'Iris Reviewer',
          version: String((await version()) + 1),
        });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This period of care was changed by someone else after you opened it');
        const early = await api.post(`/api${period()}/iro`, {
          appointedDate: '2026-03-01',
          iroName: 'Iris Reviewer',
          version: await version(),
        });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'appointedDate', message: 'Date the IRO was appointed cannot be before the child became looked after (2 March 2026)' },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('meets the obligation to appoint an IRO', async () => {
        await ana.get(`${period()}/iro`);
        const res = await ana.post(`${period()}/iro`, {
          ...dateInput('appointedDate', '2026-03-02'),
          iroName: 'Iris Reviewer',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await obligation('iro-appointed')).toEqual([{ due: '2026-03-09', done: '2026-03-02' }]);
        expect(await auditActions()).toContain('APPOINT_IRO');
      });
    });

    describe('moves and changes of legal status', () => {
      beforeAll(async () => {
        await advanceTo('2026-03-23T10:00:00Z');
      });

      it('refuses a move before the period, one overlapping the current placement, an unknown reason and a stale one, and writes nothing', async () => {
        const before = await snapshot();
        const v = await version();
        const move = { reasonForChange: 'CARPL', sameCarers: false, ...firstPlacement, intendedToAge18: true, placementType: 'U4' };
        const early = await api.post(`/api${period()}/placements`, { ...move, moveDate: '2026-02-27', version: v });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'moveDate', message: 'Date of the move cannot be before the period of care began (2 March 2026)' },
        ]);
        const overlap = await api.post(`/api${period()}/placements`, { ...move, moveDate: '2026-03-02', version: v });
        expect(overlap.status).toBe(400);
        expect((overlap.body as ApiErrors).errors[0]!.message).toBe(
          'Date of the move must be after the current placement began (2 March 2026): placements cannot overlap',
        );
        const reason = await api.post(`/api${period()}/placements`, {
          ...move,
          reasonForChange: 'BORED',
          moveDate: '2026-03-20',
          version: v,
        });
        expect(reason.status).toBe(400);
        expect((reason.body as ApiErrors).errors.map((e) => e.field)).toEqual(['reasonForChange']);
        const stale = await api.post(`/api${period()}/placements`, { ...move, moveDate: '2026-03-20', version: v + 1 });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
      });

      it('moves the child: the old placement ends with the reason, a new episode (P) begins and the new placement’s first visit falls due', async () => {
        await ana.get(`${period()}/move`);
        const res = await ana.post(`${period()}/move`, {
          ...dateInput('moveDate', '2026-03-20'),
          reasonForChange: 'CARPL',
          sameCarers: 'no',
          ...firstPlacement,
          placementType: 'U4',
          providerName: 'Kit Longterm',
          placementPostcode: 'SK4 1AA',
          intendedToAge18: 'yes',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        const p = (await api.get(`/api${period()}`)).body as {
          episodes: { reasonNew: string; startDate: string; endDate: string | null }[];
          placementList: { endDate: string | null; reasonForChange: string | null; intendedToAge18: boolean }[];
        };
        expect(p.episodes.map((e) => [e.reasonNew, e.startDate, e.endDate])).toEqual([
          ['S', '2026-03-02', '2026-03-20'],
          ['P', '2026-03-20', null],
        ]);
        expect(p.placementList.map((x) => [x.endDate, x.reasonForChange, x.intendedToAge18])).toEqual([
          ['2026-03-20', 'CARPL', false],
          [null, null, true],
        ]);
        // the first placement's visit, due within a week and never made, is kept as missed from the
        // move; the new placement's is due a week after it began
        expect(await obligation('looked-after-visit')).toEqual([{ due: '2026-03-27', done: null }]);
        expect(await missed('looked-after-visit')).toEqual([{ due: '2026-03-09', lapses_on: '2026-03-20' }]);
        expect(await auditActions()).toContain('MOVE_PLACEMENT');
      });

      it('joins a change of legal status on the day of the move into one episode (B), and refuses the same status again', async () => {
        const same = await api.post(`/api${period()}/legal-status`, {
          changeDate: '2026-03-20',
          legalStatus: 'C1',
          version: await version(),
        });
        expect(same.status).toBe(400);
        expect((same.body as ApiErrors).errors).toEqual([{ field: 'legalStatus', message: 'The child’s legal status is already C1' }]);
        await ana.get(`${period()}/legal-status`);
        const res = await ana.post(`${period()}/legal-status`, {
          ...dateInput('changeDate', '2026-03-20'),
          legalStatus: 'C2',
          categoryOfNeed: '',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        const p = (await api.get(`/api${period()}`)).body as {
          episodes: { reasonNew: string; legalStatus: string; categoryOfNeed: string }[];
        };
        expect(p.episodes.map((e) => [e.reasonNew, e.legalStatus, e.categoryOfNeed])).toEqual([
          ['S', 'C1', 'N1'],
          ['B', 'C2', 'N1'],
        ]);
        expect(await auditActions()).toContain('CHANGE_LEGAL_STATUS');
      });
    });

    describe('visits', () => {
      it('takes the record’s visits: one where the child was seen meets the new placement’s visit, and the next falls due 6 weeks on', async () => {
        const res = await api.post(`/api/children/${childId}/visits`, {
          visitDate: '2026-03-23',
          purpose: 'looked_after',
          childSeen: true,
          seenAlone: true,
        });
        expect(res.status).toBe(201);
        expect(await obligation('looked-after-visit')).toEqual([
          { due: '2026-03-27', done: '2026-03-23' },
          { due: '2026-05-04', done: null },
        ]);
      });
    });

    describe('a change to the placement’s visits', () => {
      it('refuses a change on or before the placement began, or one that changes nothing, and writes nothing', async () => {
        const before = await snapshot();
        const v = await version();
        const early = await api.post(`/api${period()}/placement`, {
          changeDate: '2026-03-20',
          intendedToAge18: true,
          visitRegime: 'temporary_connected_person',
          version: v,
        });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          {
            field: 'changeDate',
            message: 'Date of the change must be after the placement began (20 March 2026): correct the placement instead',
          },
        ]);
        const same = await api.post(`/api${period()}/placement`, {
          changeDate: '2026-03-23',
          intendedToAge18: true,
          visitRegime: 'standard',
          version: v,
        });
        expect((same.body as ApiErrors).errors).toEqual([
          { field: 'visitRegime', message: 'Nothing has changed: the placement’s visits and intention are already these' },
        ]);
        const regime = await api.post(`/api${period()}/placement`, {
          changeDate: '2026-03-23',
          intendedToAge18: true,
          visitRegime: 'weekly',
          version: v,
        });
        expect((regime.body as ApiErrors).errors.map((e) => e.field)).toEqual(['visitRegime']);
        expect(await snapshot()).toEqual(before);
      });

      it('visits weekly from the day the carer became a temporarily approved connected person, until the first review (reg 28(4))', async () => {
        await ana.get(`${period()}/placement`);
        const res = await ana.post(`${period()}/placement`, {
          ...dateInput('changeDate', '2026-03-23'),
          intendedToAge18: 'yes',
          visitRegime: 'temporary_connected_person',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await obligation('looked-after-visit')).toEqual([
          { due: '2026-03-27', done: '2026-03-23' },
          { due: '2026-03-30', done: null },
        ]);
        const p = (await api.get(`/api${period()}`)).body as { placementList: { visitRegime: string; changedDate: string | null }[] };
        expect(p.placementList.map((x) => [x.visitRegime, x.changedDate])).toEqual([
          ['standard', null],
          ['temporary_connected_person', '2026-03-23'],
        ]);
        expect(await auditActions()).toContain('CHANGE_PLACEMENT');
      });
    });

    describe('looked after reviews', () => {
      it('refuses a review before the period, in the future, with a code outside DfE’s list, or decisions before it, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${period()}/reviews/new`);
        const future = await ana.post(`${period()}/reviews/new`, {
          ...dateInput('reviewDate', '2026-03-24'),
          participation: 'PN1',
          iroName: 'Iris Reviewer',
        });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date of the review must be today or in the past');
        expect(future.text).toContain('href="#reviewDate-day"');
        const early = await api.post(`/api${period()}/reviews`, {
          reviewDate: '2026-02-27',
          participation: 'PN1',
          iroName: 'Iris Reviewer',
        });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'reviewDate', message: 'Date of the review cannot be before the child became looked after (2 March 2026)' },
        ]);
        const bad = await api.post(`/api${period()}/reviews`, {
          reviewDate: '2026-03-23',
          participation: 'PN9',
          iroName: 'Iris Reviewer',
          decisionsCirculatedDate: '2026-03-20',
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors).toEqual([
          { field: 'participation', message: 'How the child took part must be one of: PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7' },
          { field: 'decisionsCirculatedDate', message: 'Date the decisions were circulated cannot be before the review' },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('records the first review: it is met, the second falls due 3 months on, and its decisions are clocked', async () => {
        await ana.get(`${period()}/reviews/new`);
        const res = await ana.post(`${period()}/reviews/new`, {
          ...dateInput('reviewDate', '2026-03-23'),
          participation: 'PN1',
          iroName: 'Iris Reviewer',
          ...dateInput('decisionsCirculatedDate', '2026-03-23'),
        });
        expect(res.status).toBe(303);
        expect(await obligation('looked-after-review')).toEqual([
          { due: '2026-03-30', done: '2026-03-23' },
          { due: '2026-06-23', done: null },
        ]);
        expect(await obligation('review-decisions')).toEqual([{ due: '2026-03-30', done: '2026-03-23' }]);
        expect(await obligation('review-record')).toEqual([{ due: '2026-04-22', done: null }]);
        const page = await ana.get(period());
        expect(page.text).toContain('Child attended and spoke for themselves (PN1)');
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Due by 23 June 2026');
        expect(record.text).toContain('Full care order (C2)');
        expect(await auditActions()).toContain('RECORD_LOOKED_AFTER_REVIEW');
      });
    });

    describe('a review’s record, completed afterwards', () => {
      it('refuses a date before the review, nothing entered, or a stale save, and writes nothing', async () => {
        const [review] = await rows<{ id: string }>(
          database.db,
          sql`select id from looked_after_reviews where care_period_id = ${periodId}`,
        );
        const before = await snapshot();
        const v = await version();
        const early = await api.post(`/api${period()}/reviews/${review!.id}`, { recordCompletedDate: '2026-03-20', version: v });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'recordCompletedDate', message: 'Date the review record was completed cannot be before the review (23 March 2026)' },
        ]);
        const nothing = await api.post(`/api${period()}/reviews/${review!.id}`, { version: v });
        expect((nothing.body as ApiErrors).errors).toEqual([
          { field: 'decisionsCirculatedDate', message: 'Enter the date the decisions were circulated or the review record was completed' },
        ]);
        const stale = await api.post(`/api${period()}/reviews/${review!.id}`, { recordCompletedDate: '2026-03-23', version: v - 1 });
        expect(stale.status).toBe(409);
        const notAReview = await api.post(`/api${period()}/reviews/not-a-review`, { recordCompletedDate: '2026-03-23', version: v });
        expect(notAReview.status).toBe(404);
        expect(await snapshot()).toEqual(before);
      });

      it('meets the review record obligation, keeping the decisions’ date', async () => {
        const [review] = await rows<{ id: string }>(
          database.db,
          sql`select id from looked_after_reviews where care_period_id = ${periodId}`,
        );
        const form = await ana.get(`${period()}/reviews/${review!.id}`);
        expect(form.status).toBe(200);
        expect(form.text).toContain('name="decisionsCirculatedDate-day"');
        const res = await ana.post(`${period()}/reviews/${review!.id}`, {
          ...dateInput('recordCompletedDate', '2026-03-23'),
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await obligation('review-record')).toEqual([{ due: '2026-04-22', done: '2026-03-23' }]);
        expect(await obligation('review-decisions')).toEqual([{ due: '2026-03-30', done: '2026-03-23' }]);
        expect(await auditActions()).toContain('RECORD_REVIEW_FOLLOW_UP');
      });
    });

    describe('ceasing to be looked after', () => {
      beforeAll(async () => {
        await advanceTo('2026-04-20T10:00:00Z');
      });

      it('refuses an end before the last thing recorded, a reason outside DfE’s list (or X1) and a stale end, and writes nothing', async () => {
        const before = await snapshot();
        const v = await version();
        const early = await api.post(`/api${period()}/end`, { endDate: '2026-03-21', reasonCeased: 'E4A', version: v });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          {
            field: 'endDate',
            message: 'Date the child ceased to be looked after cannot be before the last thing recorded in the period (23 March 2026)',
          },
        ]);
        const beforeStart = await api.post(`/api${period()}/end`, { endDate: '2026-02-01', reasonCeased: 'E4A', version: v });
        expect((beforeStart.body as ApiErrors).errors[0]!.message).toBe(
          'Date the child ceased to be looked after cannot be before they became looked after (2 March 2026)',
        );
        for (const reasonCeased of ['X1', 'E99']) {
          const bad = await api.post(`/api${period()}/end`, { endDate: '2026-04-17', reasonCeased, version: v });
          expect(bad.status).toBe(400);
          expect((bad.body as ApiErrors).errors.map((e) => e.field)).toEqual(['reasonCeased']);
        }
        await ana.get(`${period()}/end`);
        const stale = await ana.post(`${period()}/end`, {
          ...dateInput('endDate', '2026-04-17'),
          reasonCeased: 'E4A',
          version: String(v - 1),
        });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This period of care was changed by someone else after you opened it');
        expect(await snapshot()).toEqual(before);
      });

      it('ends the period and its placement: nothing more is owed under it, and the record says so', async () => {
        await ana.get(`${period()}/end`);
        const res = await ana.post(`${period()}/end`, {
          ...dateInput('endDate', '2026-04-17'),
          reasonCeased: 'E4A',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        const [open] = await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from placements where child_id = ${childId} and end_date is null`,
        );
        expect(open!.n).toBe(0);
        // the second review, due in June, is no longer owed; what was done stays
        expect(await obligation('looked-after-review')).toEqual([{ due: '2026-03-30', done: '2026-03-23' }]);
        expect(await obligation('review-record')).toEqual([{ due: '2026-04-22', done: '2026-03-23' }]);
        expect(await obligation('looked-after-visit')).toEqual([{ due: '2026-03-27', done: '2026-03-23' }]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Not looked after: the last period of care ended on 17 April 2026');
        expect(await auditActions()).toContain('CEASE_LOOKED_AFTER');
      });

      it('refuses a review after the period ended and any change to the ended period', async () => {
        const before = await snapshot();
        const late = await api.post(`/api${period()}/reviews`, {
          reviewDate: '2026-04-20',
          participation: 'PN1',
          iroName: 'Iris Reviewer',
        });
        expect(late.status).toBe(400);
        expect((late.body as ApiErrors).errors).toEqual([
          { field: 'reviewDate', message: 'Date of the review cannot be after the child ceased to be looked after (17 April 2026)' },
        ]);
        const move = await api.post(`/api${period()}/legal-status`, {
          changeDate: '2026-04-20',
          legalStatus: 'V2',
          version: await version(),
        });
        expect(move.status).toBe(400);
        expect((move.body as ApiErrors).errors).toEqual([{ field: 'changeDate', message: 'The period of care ended on 17 April 2026' }]);
        expect(await snapshot()).toEqual(before);
      });

      it('refuses a new period starting on or before the last one ended, and answers 404 for a period not the child’s', async () => {
        const before = await snapshot();
        const again = await api.post(`/api${base()}/periods`, {
          startDate: '2026-04-17',
          legalStatus: 'V2',
          categoryOfNeed: 'N4',
          ...firstPlacement,
        });
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'startDate', message: 'Date the child became looked after must be after the last period of care ended (17 April 2026)' },
        ]);
        const [other] = await rows<{ id: string }>(database.db, sql`select id from care_periods where child_id = ${shortBreaksId}`);
        const notHers = await api.post(`/api${base()}/periods/${other!.id}/reviews`, {
          reviewDate: '2026-04-20',
          participation: 'PN1',
          iroName: 'Iris',
        });
        expect(notHers.status).toBe(404);
        const page = await ana.get(`${base()}/periods/${other!.id}`);
        expect(page.status).toBe(404);
        expect(await snapshot()).toEqual(before);
      });

      it('describes every looked after change in the API description, from the same schemas', async () => {
        const described = await api.get('/api/openapi.json');
        expect(described.status).toBe(200);
        const paths = (
          described.body as {
            paths: Record<
              string,
              { post?: { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }
            >;
          }
        ).paths;
        for (const path of [
          'periods',
          'periods/{id}/legal-status',
          'periods/{id}/placements',
          'periods/{id}/placement',
          'periods/{id}/iro',
          'periods/{id}/reviews',
          'periods/{id}/reviews/{reviewId}',
          'periods/{id}/end',
        ]) {
          expect(paths[`/api/children/{childId}/looked-after/${path}`]?.post, path).toBeDefined();
        }
        expect(
          Object.keys(
            paths['/api/children/{childId}/looked-after/periods']!.post!.requestBody!.content['application/json']!.schema.properties,
          ),
        ).toEqual(
          expect.arrayContaining([
            'startDate',
            'legalStatus',
            'categoryOfNeed',
            'placementType',
            'placementPostcode',
            'homePostcode',
            'urn',
            'visitRegime',
          ]),
        );
      });

      it('puts the period of care in the chronology: its start, the move, the new legal status, the review and its end', async () => {
        const page = await ana.get(`/children/${childId}/chronology?view=print`);
        expect(page.status).toBe(200);
        for (const text of [
          'Became looked after: interim care order (C1)',
          'Moved: foster placement with other foster carers, long term (U4)',
          'Legal status changed: full care order (C2)',
          'Looked after review: child attended and spoke for themselves',
          'Ceased to be looked after: returned home to parents or others with parental responsibility, as part of the care plan (E4A)',
        ])
          expect(page.text).toContain(text);
      });

      it('shows the periods of care on the overview', async () => {
        const page = await ana.get(base());
        expect(page.status).toBe(200);
        expect(page.text).toContain('Periods of care');
        expect(page.text).toContain('Returned home to parents or others with parental responsibility, as part of the care plan (E4A)');
      });
    });
  });
}
