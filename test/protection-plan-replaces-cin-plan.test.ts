import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/areas.js';
import { CaseworkRuleError } from '../src/casework/errors.js';
import {
  conferenceSchema,
  recordConference,
  recordS47Outcome,
  recordStrategyDiscussion,
  s47OutcomeSchema,
  startS47Enquiry,
  strategyDiscussionSchema,
} from '../src/child-protection/use-cases.js';
import { cinReviewSchema, recordCinReview, startCinPlan } from '../src/children-in-need/use-cases.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { referrals } from '../src/front-door/schema.js';
import { smallAuthority } from './support/fixture.js';

// A child on a child in need plan goes onto a child protection plan: the protection plan replaces
// the child in need plan, in the conference's own transaction, so the child's visits and reviews
// follow one plan, never both.
const today = () => '2026-04-30';
const attendance = [
  { agency: 'childrens_social_care', name: 'Ana Fictional', attended: true },
  { agency: 'police', name: 'Pat Constable', attended: true },
];

for (const kind of await testDatabases()) {
  describe(`a child protection plan replaces an open child in need plan, on ${kind.name}`, () => {
    let database: Database;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    const actor = () => ({ userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date('2026-04-30T12:00:00Z') });

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
    });
    afterAll(async () => database?.close());

    /** A child on a child in need plan from 2 March, with a section 47 enquiry that asks for a conference. */
    async function childOnCinPlan(firstName: string) {
      const childId = await createChild(
        database.db,
        { firstName, lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2017-05-04', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const [referral] = await database.db
        .insert(referrals)
        .values({ childId, referralDate: '2026-02-16', source: '3A' })
        .returning({ id: referrals.id });
      const planId = await database.db.transaction((tx) =>
        startCinPlan(tx, childId, { referralId: referral!.id, startDate: '2026-03-02' }, actor()),
      );
      const enquiryId = await database.db.transaction(async (tx) => {
        const discussion = await recordStrategyDiscussion(
          tx,
          childId,
          strategyDiscussionSchema(today).parse({
            referralId: referral!.id,
            concernDate: '2026-04-01',
            concernTime: '09:30',
            concern: 'A new injury explained differently by each parent',
            held: true,
            heldDate: '2026-04-01',
            heldTime: '14:00',
            participants: [
              { agency: 'police', role: 'Detective sergeant', name: 'Pat Constable' },
              { agency: 'health', role: 'Health visitor', name: 'Hal Visitor' },
            ],
            informationShared: 'Checks',
            decisions: ['s47_enquiry'],
          }),
          actor(),
        );
        const enquiry = await startS47Enquiry(tx, childId, discussion, { startDate: '2026-04-01' }, actor());
        await recordS47Outcome(
          tx,
          childId,
          enquiry,
          s47OutcomeSchema(today).parse({
            childSeen: true,
            seenAlone: true,
            outcome: 'substantiated',
            conferenceRequired: true,
            endDate: '2026-04-10',
            version: 1,
          }),
          actor(),
        );
        return enquiry;
      });
      return { childId, planId, enquiryId };
    }

    const conference = (enquiryId: string, conferenceDate: string) =>
      conferenceSchema(today).parse({
        type: 'initial',
        s47EnquiryId: enquiryId,
        conferenceDate,
        chair: 'Cas Chair',
        attendance,
        socialWorkerAttended: true,
        parentsParticipation: 'attended',
        childParticipation: 'attended',
        decision: 'cp_plan',
        categoryOfAbuse: 'PHY',
      });

    it('ends the child in need plan on the conference day, and nothing more is owed under it', async () => {
      const { childId, planId, enquiryId } = await childOnCinPlan('Fern');
      const owedBefore = await rows<{ rule_id: string }>(
        database.db,
        sql`select rule_id from obligations where child_id = ${childId} and episode = ${planId} and done is null and lapses_on is null`,
      );
      expect(owedBefore.length).toBeGreaterThan(0);

      await database.db.transaction((tx) => recordConference(tx, childId, conference(enquiryId, '2026-04-20'), actor()));

      const [plan] = await rows<{ end_date: string; end_reason: string; version: number }>(
        database.db,
        sql`select end_date::text, end_reason, version from cin_plans where id = ${planId}`,
      );
      expect(plan).toEqual({ end_date: '2026-04-20', end_reason: 'child_protection_plan', version: 2 });
      const owedAfter = await rows<{ rule_id: string; due: string }>(
        database.db,
        sql`select rule_id, due::text from obligations where child_id = ${childId} and episode = ${planId} and done is null and lapses_on is null`,
      );
      expect(owedAfter).toEqual([]);
      const cpVisits = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from obligations where child_id = ${childId} and rule_id = 'child-protection-visit'`,
      );
      expect(cpVisits[0]!.n).toBeGreaterThan(0);
    });

    it('refuses a conference dated before the child in need plan’s last review, and writes nothing', async () => {
      const { childId, planId, enquiryId } = await childOnCinPlan('Ivy');
      await database.db.transaction((tx) =>
        recordCinReview(
          tx,
          childId,
          planId,
          cinReviewSchema(today).parse({ reviewDate: '2026-04-22', attendance, decisions: 'Plan continues' }),
          actor(),
        ),
      );
      const count = async () =>
        (
          await rows<{ conferences: number; plans: number; open_cin: number }>(
            database.db,
            sql`select (select count(*)::int from cp_conferences where child_id = ${childId}) as conferences,
                       (select count(*)::int from cp_plans where child_id = ${childId}) as plans,
                       (select count(*)::int from cin_plans where child_id = ${childId} and end_date is null) as open_cin`,
          )
        )[0];
      expect(await count()).toEqual({ conferences: 0, plans: 0, open_cin: 1 });
      const refused = database.db.transaction((tx) => recordConference(tx, childId, conference(enquiryId, '2026-04-20'), actor()));
      await expect(refused).rejects.toThrow(CaseworkRuleError);
      await expect(refused).rejects.toMatchObject({
        field: 'conferenceDate',
        message:
          'The child in need plan the protection plan replaces has a review on 22 April 2026, after this conference: correct that plan first',
      });
      expect(await count()).toEqual({ conferences: 0, plans: 0, open_cin: 1 });
    });
  });
}
