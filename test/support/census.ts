import { authoriseAssessment, startAssessment, submitAssessment } from '../../src/assessment/use-cases.js';
import { createChild, recordVisit, type NewChild } from '../../src/children/use-cases.js';
import {
  recordConference,
  recordS47Outcome,
  recordStrategyDiscussion,
  startS47Enquiry,
  type NewConference,
  type NewStrategyDiscussion,
} from '../../src/child-protection/use-cases.js';
import { closeCase, startCinPlan } from '../../src/children-in-need/use-cases.js';
import type { Db } from '../../src/core/db/database.js';
import { createReferral } from '../../src/front-door/use-cases.js';
import { syntheticUpn } from '../../src/returns/cin/tooling/synthetic.js';
import type { smallAuthority } from './fixture.js';

export type Authority = Awaited<ReturnType<typeof smallAuthority>>;
const attendance = [
  { agency: 'childrens_social_care', name: 'Ana Fictional', attended: true },
  { agency: 'police', name: 'DC Madeup', attended: true },
] as NewConference['attendance'];

/**
 * Four synthetic children, recorded through the use cases: one assessed and on a child in need
 * plan, one through a section 47 enquiry to a plan and its review, one referred and closed with
 * nothing done, and one whose only referral closed the year before (not in the 2025/26 census).
 */
export async function recordChildren(db: Db, authority: Authority) {
  const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-05-01T12:00:00Z') };
  const child = (firstName: string, dateOfBirth: string, extra: Partial<NewChild> = {}) =>
    createChild(
      db,
      { firstName, lastName: 'Census', sex: 'F', ethnicity: 'WBRI', dateOfBirth, disabilities: ['NONE'], ...extra } as NewChild,
      '2024-01-02',
      {
        userId: authority.users.practitioner,
        teamId: authority.teams.north,
      },
    );

  // Wren: assessed, factors found, on a child in need plan
  const wren = await child('Wren', '2019-02-11', { upn: syntheticUpn('352', 1) } as Partial<NewChild>);
  const wrenReferral = await createReferral(db, {
    childId: wren,
    contactId: null,
    referralDate: '2025-06-02',
    source: '3A',
    primaryNeed: 'N1',
  });
  const assessment = await startAssessment(
    db,
    wren,
    { referralId: wrenReferral, startDate: '2025-06-03', workerId: authority.workers.ana },
    { userId: authority.users.manager },
  );
  await recordVisit(db, wren, { visitDate: '2025-06-10', purpose: 'assessment', childSeen: true, seenAlone: true }, by);
  const written = { analysis: 'Analysis.', childViews: 'Views.', familyViews: 'Views.', plan: 'A child in need plan.' };
  await submitAssessment(
    db,
    wren,
    assessment,
    { factors: ['3A', '4A'], ...written, outcome: 'child_in_need_plan', version: 1 },
    '2025-07-01',
  );
  await authoriseAssessment(
    db,
    wren,
    assessment,
    { authorisedDate: '2025-07-03', authorisationComments: undefined, version: 2 },
    { userId: authority.users.manager, workerId: authority.workers.manager, at: by.now },
  );
  await startCinPlan(db, wren, { referralId: wrenReferral, startDate: '2025-07-10' }, by);

  // Rowan: strategy discussion, section 47 enquiry, initial conference and plan, a review
  const rowan = await child('Rowan', '2017-09-30', { sex: 'M', ethnicity: 'MWBC', disabilities: [] } as Partial<NewChild>);
  const rowanReferral = await createReferral(db, {
    childId: rowan,
    contactId: null,
    referralDate: '2025-10-01',
    source: '5A',
    primaryNeed: 'N1',
  });
  const discussion = await recordStrategyDiscussion(
    db,
    rowan,
    {
      referralId: rowanReferral,
      concernDate: '2025-10-01',
      concernTime: '09:30',
      concern: 'Bruising seen at school',
      held: true,
      heldDate: '2025-10-02',
      heldTime: '11:00',
      participants: [
        { agency: 'police', role: 'Detective constable', name: 'DC Madeup' },
        { agency: 'health', role: 'Named nurse', name: 'Nina Nurse' },
      ],
      informationShared: 'What each agency knew',
      decisions: ['s47_enquiry'],
    } as NewStrategyDiscussion,
    by,
  );
  const enquiry = await startS47Enquiry(db, rowan, discussion, { startDate: '2025-10-02' }, by);
  await recordS47Outcome(
    db,
    rowan,
    enquiry,
    { childSeen: true, seenAlone: true, outcome: 'substantiated', conferenceRequired: true, endDate: '2025-10-09', version: 1 },
    by,
  );
  const conference = {
    chair: 'Cara Chair',
    attendance,
    parentsParticipation: 'attended',
    childParticipation: 'views_shared',
    socialWorkerAttended: true,
  } as const;
  const { planId } = await recordConference(
    db,
    rowan,
    {
      ...conference,
      type: 'initial',
      s47EnquiryId: enquiry,
      conferenceDate: '2025-10-20',
      decision: 'cp_plan',
      categoryOfAbuse: 'PHY',
    } as NewConference,
    by,
  );
  await recordConference(
    db,
    rowan,
    {
      ...conference,
      type: 'review',
      cpPlanId: planId!,
      conferenceDate: '2026-01-14',
      decision: 'continue_plan',
      categoryOfAbuse: 'MUL',
    } as NewConference,
    by,
  );

  // Ash: referred, and closed with nothing done
  const ash = await child('Ash', '2012-03-03');
  await createReferral(db, { childId: ash, contactId: null, referralDate: '2025-09-01', source: '1B', primaryNeed: 'N8' });
  await closeCase(db, ash, { closedDate: '2025-09-04', reason: 'RC7', summary: 'Information only', stepDownToEarlyHelp: false }, by);

  // Elm: referred and closed in 2023/24
  const elm = await child('Elm', '2014-07-07');
  await createReferral(db, { childId: elm, contactId: null, referralDate: '2023-11-01', source: '3A', primaryNeed: 'N1' });
  await closeCase(db, elm, { closedDate: '2024-01-10', reason: 'RC7', summary: 'Needs met', stepDownToEarlyHelp: false }, by);

  return { wren, rowan, ash, elm, planId: planId!, enquiry, assessment };
}
