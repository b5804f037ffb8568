import { startAssessment } from '../../src/assessment/use-cases.js';
import { createChild } from '../../src/children/use-cases.js';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../src/core/db/database.js';
import { decideContact, recordContact } from '../../src/front-door/use-cases.js';
import { recomputeObligations } from '../../src/obligations/recompute.js';
import { allocate } from '../../src/workforce/use-cases.js';
import type { smallAuthority } from './fixture.js';

type Authority = Awaited<ReturnType<typeof smallAuthority>>;

/**
 * A child referred long ago whose assessment was started and never finished, allocated to
 * Ana in North 1, never seen since: one of the backlog.
 */
export async function driftingAssessment(
  db: Db,
  authority: Authority,
  names: { firstName: string; lastName: string },
  referred: { date: string; time: string },
  team: { teamId: string; workerId: string } = { teamId: authority.teams.north, workerId: authority.workers.ana },
) {
  const childId = await createChild(
    db,
    { ...names, sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2017-06-01', disabilities: [] } as never,
    referred.date,
    { userId: authority.users.practitioner, teamId: team.teamId },
  );
  const contactId = await recordContact(
    db,
    {
      childId,
      receivedDate: referred.date,
      receivedTime: referred.time,
      source: '3B',
      referrerName: 'A Health Visitor',
      about: 'Concerns about home conditions',
      consent: 'given',
      domesticAbuseNotification: false,
    } as never,
    { userId: authority.users.practitioner },
  );
  await decideContact(
    db,
    contactId,
    { thresholdLevel: 'child_in_need', outcome: 'referral', decisionReason: 'Assessment needed', teamId: team.teamId, version: 1 } as never,
    { userId: authority.users.manager, workerId: authority.workers.manager, at: new Date(`${referred.date}T16:00:00Z`) },
  );
  const [referral] = await rows<{ id: string }>(db, sql`select id from referrals where child_id = ${childId}`);
  await startAssessment(
    db,
    childId,
    { referralId: referral!.id, startDate: referred.date, workerId: team.workerId },
    { userId: authority.users.manager },
  );
  // starting the assessment does not allocate the child: the manager allocates it
  await allocate(db, childId, team, { userId: authority.users.manager });
  await recomputeObligations(db, [childId]);
  return childId;
}
