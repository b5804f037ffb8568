/**
 * Young people who left the authority's care at 16 to 18 in the years before the demo's
 * SSDA903 years, most on their 18th birthday, and who are now its care leavers of 17 to 21.
 * The rest of the demo covers children known in its last five years, so without them a city
 * that looks after 1,373 children would have only the few who left care in the last year or so
 * (Manchester had several hundred care leavers). Each has the record a child looked after
 * leaves: a children in need episode from the referral to the day care ended, closed with its
 * reason, an allocation, the period of care with its placements, episodes, reviews and visits
 * (src/demo/looked-after.ts), and its care plans and health and education
 * (src/demo/care-and-health.ts). Their care ended a year ago or more and before the collection
 * year before the current one, so the figures of children looked after today, a year ago and in
 * the years the returns read are the same with them as without; they appear in the returns'
 * care leavers table (OC3). Those who stayed with their foster carers at 18 left care that way
 * (DfE's E17) and are Staying Put. Drawn from streams of their own, after the rest.
 */
import type { Faker } from '@faker-js/faker';
import { eligibleOn } from '../care-leavers/eligibility.js';
import type { IsoDate } from '../core/calendar/index.js';
import type { addresses, allocations, caseClosures, childDisabilities, children, referrals, visits } from '../schema.js';
import type { CareAndHealthRows, CareAndHealthSource } from './care-and-health.js';
import type { Days } from './days.js';
import { ethnicityWeights, languageWeights, syntheticAddress, syntheticNhsNumber, syntheticUpn } from './identity.js';
import type { CareChild, LookedAfterRows } from './looked-after.js';
import type { Random } from './random.js';
import { referralSourceWeights } from './vocabulary.js';

/** Care leavers who left care before the years the demo's record covers fully, at Manchester's size. */
const FORMER_LOOKED_AFTER = 300;
/** How old they were when care ended. */
const AGE_LEAVING = { 18: 72, 17: 16, 16: 12 } as const;
/** Why care ended (DfE REC), by age: at 18 some stayed with their foster carers (Staying Put, E17). */
const REASON_AT_18 = { E17: 22, E5: 40, E6: 8, E8: 20, E4A: 10 } as const;
const REASON_YOUNGER = { E5: 35, E6: 10, E4A: 40, E8: 15 } as const;

interface Rows extends LookedAfterRows, CareAndHealthRows {
  children: (typeof children.$inferInsert)[];
  childDisabilities: (typeof childDisabilities.$inferInsert)[];
  addresses: (typeof addresses.$inferInsert)[];
  referrals: (typeof referrals.$inferInsert)[];
  allocations: (typeof allocations.$inferInsert)[];
  caseClosures: (typeof caseClosures.$inferInsert)[];
  visits: (typeof visits.$inferInsert)[];
}

export interface FormerCareContext {
  /** Days laid out far enough back for the eldest's birth. */
  cal: Days;
  today: IsoDate;
  scale: number;
  rng: Random;
  ids: Random;
  faker: Faker;
  /** The looked after children's writer, on streams of its own. */
  lookedAfter: { write: (out: LookedAfterRows, visitRows: Rows['visits'], children: readonly CareChild[]) => void };
  careAndHealth: (source: CareAndHealthSource) => CareAndHealthRows;
  /** Who held their cases: the looked after and leaving care teams' workers, and those who have left. */
  workers: readonly { id: string; teamId: string }[];
}

export function planFormerLookedAfter(rows: Rows, ctx: FormerCareContext): void {
  const { cal, today: T, rng, ids, faker } = ctx;
  const { addDays, addMonths, num } = cal;
  const birthday = (dob: IsoDate, years: number) => addMonths(dob, 12 * years);
  // Care ended a year ago or more, and before the collection year before the current one (1 April to 31 March).
  const y = Number(T.slice(0, 4));
  const latestEnd = `${(T.slice(5) >= '04-01' ? y : y - 1) - 1}-03-31`;
  const earliestEnd = addDays(addMonths(T, -48), 1);
  const nhsTaken = new Set<string>();
  const upnTaken = new Set<string>();
  for (const c of rows.children) {
    if (c.nhsNumber) nhsTaken.add(c.nhsNumber);
    if (c.upn) upnTaken.add(c.upn);
  }
  const from = { periods: rows.carePeriods.length, placements: rows.placements.length, reviews: rows.lookedAfterReviews.length };
  const cohort: CareChild[] = [];
  const cohortChildren: { id: string; dateOfBirth: string }[] = [];
  const want = Math.round(FORMER_LOOKED_AFTER * ctx.scale);

  for (let guard = 0; cohort.length < want && guard < want * 20; guard++) {
    const age = Number(rng.weighted(AGE_LEAVING));
    const end = cal.iso(rng.int(num(earliestEnd), num(latestEnd)));
    const dob = age === 18 ? addMonths(end, -12 * 18) : addDays(addMonths(end, -12 * age), -rng.int(1, 330));
    const ageNow = Number(T.slice(0, 4)) - Number(dob.slice(0, 4)) - (T.slice(5) < dob.slice(5) ? 1 : 0);
    if (ageNow < 17 || ageNow > 21) continue;
    // in care from 10 to 16, most from their teens
    const startAge = rng.chance(0.6) ? rng.int(13, 15) : rng.chance(0.7) ? rng.int(10, 12) : 16;
    const start = addDays(birthday(dob, startAge), rng.int(0, 300));
    if (num(end) - num(start) < 120) continue;
    if (!eligibleOn(dob, [{ startDate: start, endDate: end, shortBreaks: false }])) continue;
    const reason = age === 18 && end === birthday(dob, 18) ? rng.weighted(REASON_AT_18) : rng.weighted(REASON_YOUNGER);

    const referralDate = cal.workingDayOnOrBefore(addDays(start, -rng.int(0, 120)));
    const childId = ids.uuid();
    const sex = rng.chance(0.55) ? 'M' : 'F';
    rows.children.push({
      id: childId,
      firstName: faker.person.firstName(sex === 'M' ? 'male' : 'female'),
      lastName: faker.person.lastName(),
      dateOfBirth: dob,
      sex,
      ethnicity: rng.weighted(ethnicityWeights),
      language: rng.weighted(languageWeights),
      nhsNumber: syntheticNhsNumber(rng, nhsTaken),
      // the virtual school keeps every looked after child's UPN
      upn: syntheticUpn(rng, upnTaken, Number(dob.slice(0, 4)) + 4),
      restricted: false,
      createdAt: new Date(cal.at(referralDate < dob ? dob : referralDate, 10)),
      updatedAt: new Date(cal.at(end, 17)),
      version: 1,
    });
    rows.childDisabilities.push({ childId, code: 'NONE' });
    cohortChildren.push({ id: childId, dateOfBirth: dob });
    // the family's home, then a place of their own when care ended
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const home = syntheticAddress(rng, faker, locality);
    const own = syntheticAddress(rng, faker, locality);
    rows.addresses.push({ id: ids.uuid(), childId, ...home, fromDate: dob, toDate: addDays(end, -1) });
    rows.addresses.push({ id: ids.uuid(), childId, ...own, fromDate: end, toDate: null });

    // the children in need episode: from the referral to the day care ended
    const referralId = ids.uuid();
    rows.referrals.push({
      id: referralId,
      childId,
      contactId: null,
      referralDate: referralDate < dob ? dob : referralDate,
      source: rng.weighted(referralSourceWeights),
      primaryNeed: rng.weighted({ N1: 60, N4: 15, N5: 10, N8: 8, N3: 7 }),
      repeatReferral: false,
      closedDate: end,
      closureReason: 'RC7',
      version: 1,
    });
    rows.caseClosures.push({
      id: ids.uuid(),
      childId,
      closedDate: end,
      reason: 'RC7',
      summary: 'Left care; the leaving care service supports the young person from here.',
      stepDownToEarlyHelp: false,
      earlyHelpProvider: null,
      createdAt: new Date(cal.at(end, 16)),
    });
    const worker = rng.pick(ctx.workers);
    rows.allocations.push({
      id: ids.uuid(),
      childId,
      workerId: worker.id,
      teamId: worker.teamId,
      startedAt: new Date(cal.at(referralDate < dob ? dob : referralDate, 11)),
      endedAt: new Date(cal.at(end, 17)),
      allocatedBy: null,
      changeReason: null,
    });
    cohort.push({
      childId,
      dateOfBirth: dob,
      start,
      end: { date: end, reason },
      homePostcode: home.postcode,
      workerAt: () => worker.id,
    });
  }

  ctx.lookedAfter.write(rows, rows.visits, cohort);
  const planned = ctx.careAndHealth({
    children: cohortChildren,
    carePeriods: rows.carePeriods.slice(from.periods) as CareAndHealthSource['carePeriods'],
    placements: rows.placements.slice(from.placements) as CareAndHealthSource['placements'],
    lookedAfterReviews: rows.lookedAfterReviews.slice(from.reviews) as CareAndHealthSource['lookedAfterReviews'],
  });
  for (const key of Object.keys(planned) as (keyof CareAndHealthRows)[]) {
    (rows[key] as unknown[]).push(...(planned[key] as unknown[]));
  }
}
