/**
 * Unborn children on child protection plans: a few expectant families referred in the last
 * months, each with a strategy discussion, a section 47 enquiry and a pre-birth conference
 * that made a plan, most held within the 15 working days of the discussion and some late.
 * About one plan in a hundred is for an unborn child, as in the national figures. Drawn from
 * streams of their own, after the rest, so the rest of the authority is unchanged by them;
 * workers take them on only where their caseload leaves room.
 */
import type { Faker } from '@faker-js/faker';
import { type IsoDate, londonLocal } from '../core/calendar/index.js';
import type { addresses, allocations, assessments, children, contacts, people, referrals, relationships, visits } from '../schema.js';
import type { Casework, CaseworkRows, PlannedStrategy } from './casework.js';
import type { Days } from './days.js';
import { ethnicityWeights, syntheticAddress, syntheticPhone } from './identity.js';
import type { Random } from './random.js';
import { decisionReasons, factorWeights, thresholdFor } from './vocabulary.js';
import type { PlannedTeam, PlannedWorker } from './workforce.js';

export interface PreBirthRows extends CaseworkRows {
  children: (typeof children.$inferInsert)[];
  addresses: (typeof addresses.$inferInsert)[];
  people: (typeof people.$inferInsert)[];
  relationships: (typeof relationships.$inferInsert)[];
  contacts: (typeof contacts.$inferInsert)[];
  referrals: (typeof referrals.$inferInsert)[];
  assessments: (typeof assessments.$inferInsert)[];
  allocations: (typeof allocations.$inferInsert)[];
  visits: (typeof visits.$inferInsert)[];
}

export interface PreBirthContext {
  cal: Days;
  today: IsoDate;
  nowMs: number;
  rng: Random;
  ids: Random;
  faker: Faker;
  /** Casework drawn from the pre-birth streams, not the authority's. */
  casework: Casework;
  /** Open child protection plans the authority was built to show; a hundredth of them are unborn children's. */
  childProtectionPlans: number;
  localityTeams: readonly PlannedTeam[];
  caseHolders: ReadonlyMap<string, readonly PlannedWorker[]>;
  managerOf: ReadonlyMap<string, PlannedWorker>;
  frontDoorTeamId: string;
  frontDoorWorkers: readonly PlannedWorker[];
  /** Workers whose caseloads the demo sets exactly (the demo practitioners): never given one. */
  keepCaseload: ReadonlySet<string>;
}

/** The share of child protection plans that are for unborn children (about 1% nationally). */
const UNBORN_SHARE = 0.01;
/** At least this many, so that the demo shows one on time and one late at any scale. */
const AT_LEAST = 2;
/** Every third conference is late: held more than 15 working days after the discussion. */
const LATE_EVERY = 3;
/** A worker takes one on only with a caseload in this range, so the demo’s caseload figures stand. */
const ROOM = { min: 1, max: 28 };

const concerns = [
  'Midwife reports the expectant mother disclosed domestic abuse by her partner; two older children were removed in another area.',
  'Antenatal clinic reports the expectant mother is using heroin and has missed most appointments.',
  'Police report the expectant father has convictions for violence against a baby; he has moved in with the mother.',
  'Midwife reports the expectant mother has a severe mental illness, has stopped her medication and has no support.',
];

/** How many unborn children's plans the demo shows for a number of open plans. */
export function unbornPlansFor(childProtectionPlans: number): number {
  return Math.max(AT_LEAST, Math.round(childProtectionPlans * UNBORN_SHARE));
}

/** Adds the unborn children and their pre-birth casework to `rows`; returns their ids. */
export function planPreBirth(rows: PreBirthRows, ctx: PreBirthContext): string[] {
  const { cal, today: T, nowMs, rng, ids, faker, casework } = ctx;
  const { addDays, addWorkingDays, at } = cal;
  const yesterday = addDays(T, -1);
  const dateOf = (ms: number) => londonLocal(ms).date;
  const minDate = (a: IsoDate, b: IsoDate) => (a <= b ? a : b);

  const caseload = new Map<string, number>();
  for (const a of rows.allocations) if (a.endedAt === null && a.workerId) caseload.set(a.workerId, (caseload.get(a.workerId) ?? 0) + 1);
  const roomy = ctx.localityTeams.flatMap((team) =>
    (ctx.caseHolders.get(team.id) ?? [])
      .filter((w) => !ctx.keepCaseload.has(w.id))
      .filter((w) => {
        const n = caseload.get(w.id) ?? 0;
        return n >= ROOM.min && n <= ROOM.max;
      })
      .map((worker) => ({ worker, team })),
  );
  const count = Math.min(unbornPlansFor(ctx.childProtectionPlans), roomy.length);
  const chosen = rng.shuffle(roomy).slice(0, count);
  const made: string[] = [];

  chosen.forEach(({ worker, team }, i) => {
    const wantLate = i % LATE_EVERY === LATE_EVERY - 1;
    // The concern, 5 to 11 weeks ago, so the plan is under 3 months old and its first review still to come.
    let s: PlannedStrategy | null = null;
    for (let tries = 0; tries < 200 && s === null; tries++) {
      const concernDate = cal.workingDayOnOrAfter(addDays(T, -rng.int(35, 75)));
      const drawn = casework.protection(at(concernDate, rng.int(9, 15), rng.int(0, 59)), true, null);
      const held = dateOf(drawn.heldAt!);
      const late = drawn.conference!.date > addWorkingDays(held, 15);
      if (late === wantLate && drawn.plan !== null && drawn.plan.reviews.length === 0) s = drawn;
    }
    if (!s) return;
    s.concern = rng.pick(concerns);
    const plan = s.plan!;
    const childId = ids.uuid();
    made.push(childId);
    const expected = addDays(T, rng.int(14, 120));
    const surname = faker.person.lastName();
    rows.children.push({
      id: childId,
      firstName: 'Baby',
      lastName: surname,
      dateOfBirth: null,
      expectedDateOfBirth: expected,
      sex: 'U',
      ethnicity: rng.weighted(ethnicityWeights),
      language: 'English',
      nhsNumber: null,
      upn: null,
      restricted: false,
      createdAt: new Date(s.concernAt),
      updatedAt: new Date(s.concernAt),
      version: 1,
    });
    const referralDate = dateOf(s.concernAt);
    rows.addresses.push({
      id: ids.uuid(),
      childId,
      ...syntheticAddress(rng, faker, team.locality ?? 'Central'),
      fromDate: referralDate,
      toDate: null,
    });
    const motherId = ids.uuid();
    rows.people.push({
      id: motherId,
      firstName: faker.person.firstName('female'),
      lastName: surname,
      dateOfBirth: addDays(T, -rng.int(17 * 365, 38 * 365)),
      phone: syntheticPhone(rng),
    });
    rows.relationships.push({
      id: ids.uuid(),
      childId,
      personId: motherId,
      relatedChildId: null,
      relationship: 'mother',
      parentalResponsibility: true,
      livesWithChild: true,
    });

    // The contact came with the concern and went straight to a strategy discussion.
    const contactId = ids.uuid();
    const source = rng.pick(['3F', '6'] as const); // health (the midwife) or the police
    rows.contacts.push({
      id: contactId,
      childId,
      teamId: ctx.frontDoorTeamId,
      receivedAt: new Date(s.concernAt),
      source,
      referrerName: `${faker.person.firstName()} ${faker.person.lastName()}`,
      referrerOrganisation: source === '3F' ? 'Maternity unit' : 'Greater Manchester Police',
      about: s.concern,
      consent: 'not_sought',
      consentReason: 'Seeking consent would place the unborn child at risk of significant harm.',
      domesticAbuseNotification: false,
      decidedAt: new Date(s.concernAt + rng.int(20, 59) * 60_000),
      decidedBy: ctx.frontDoorWorkers.length > 0 ? rng.pick(ctx.frontDoorWorkers).id : null,
      thresholdLevel: rng.pick(thresholdFor.strategy_discussion),
      outcome: 'strategy_discussion',
      decisionReason: rng.pick(decisionReasons.strategy_discussion),
      recordedBy: null,
      version: 1,
    });
    const referralId = ids.uuid();
    rows.referrals.push({
      id: referralId,
      childId,
      contactId,
      referralDate,
      source,
      primaryNeed: 'N1',
      repeatReferral: false,
      closedDate: null,
      closureReason: null,
      version: 1,
    });
    const managerId = ctx.managerOf.get(team.id)!.id;
    // The assessment runs with the enquiry and is completed with it.
    const e = s.s47!;
    const done = e.end!;
    const factors = new Set<string>();
    const recorded = rng.int(1, 3);
    while (factors.size < recorded) factors.add(rng.weighted(factorWeights));
    rows.assessments.push({
      id: ids.uuid(),
      childId,
      referralId,
      startDate: e.start,
      workerId: worker.id,
      factors: [...factors].sort(),
      outcome: 'section_47',
      submittedAt: done,
      authorisedAt: done,
      authorisedBy: managerId,
      lateReason: null,
      updatedAt: new Date(at(done, 17)),
      version: 1,
    });
    casework.writeStrategy(rows, s, {
      childId,
      // the expected date stands in for the birth: the child is too young to take part
      dateOfBirth: expected,
      referralId,
      contactId,
      workerAt: () => worker.id,
      managerId,
    });
    // the conference the enquiry led to was held before the birth
    const conference = rows.cpInitialConferences.at(-1)!;
    conference.type = 'pre_birth';
    rows.allocations.push({
      id: ids.uuid(),
      childId,
      workerId: worker.id,
      teamId: team.id,
      startedAt: new Date(at(referralDate, 17)),
      endedAt: null,
      allocatedBy: null,
    });
    // The expectant mother seen at home: on the enquiry's first day, then as the plan asks.
    const seen = [
      { date: e.start, purpose: 'assessment' },
      ...casework.protectionVisits(plan).map((v) => ({ date: v.date, purpose: 'child_protection' })),
    ];
    for (const v of seen) {
      if (v.date > yesterday) continue;
      rows.visits.push({
        id: ids.uuid(),
        childId,
        visitDate: v.date,
        workerId: worker.id,
        childSeen: true,
        seenAlone: false,
        purpose: v.purpose,
        notes: 'Expectant mother seen at home; the pregnancy and the plan for the birth discussed.',
        recordedAt: new Date(Math.min(nowMs - 3_600_000, at(minDate(yesterday, addWorkingDays(v.date, 1)), 11))),
        recordedBy: null,
      });
    }
  });
  return made;
}
