/**
 * The demo's care planning, health and education for its looked after children: a care plan
 * for each period of care (brought up to date after some reviews), a placement plan for each
 * placement, the initial and review health assessments, dental checks, immunisations, SDQ
 * scores, the school, personal education plans with their termly meetings, and the hours of
 * education. Shaped on the 2014 report (paras 86, 89, 93, 94): plans mostly made in time, some
 * late; dental checks up to date for 98.4% and immunisations for 91.9%; a fifth of children
 * without an up-to-date PEP, most of them placed out of the authority; 80% of primary and 48%
 * of secondary pupils at a good or better school; a few children with under 25 hours a week.
 *
 * Written only as the use cases would take them (src/care-planning/use-cases.ts,
 * src/health-and-education/use-cases.ts): nothing after today, nothing before the child was
 * born, plans no later than the period or placement ended, a PEP and its meetings within its
 * period of care. Drawn from streams of its own, after the rest, so the rest is unchanged.
 */
import type { IsoDate } from '../core/calendar/index.js';
import type {
  carePlans,
  carePlanVersions,
  childSchools,
  educationHours,
  healthChecks,
  healthStatuses,
  pepMeetings,
  personalEducationPlans,
  placementPlans,
  sdqScores,
} from '../schema.js';
import { districtOf, postcodeDistricts } from './authority.js';
import type { Days } from './days.js';
import type { Random } from './random.js';

export interface CareAndHealthRows {
  carePlans: (typeof carePlans.$inferInsert)[];
  carePlanVersions: (typeof carePlanVersions.$inferInsert)[];
  placementPlans: (typeof placementPlans.$inferInsert)[];
  healthChecks: (typeof healthChecks.$inferInsert)[];
  healthStatuses: (typeof healthStatuses.$inferInsert)[];
  sdqScores: (typeof sdqScores.$inferInsert)[];
  childSchools: (typeof childSchools.$inferInsert)[];
  personalEducationPlans: (typeof personalEducationPlans.$inferInsert)[];
  pepMeetings: (typeof pepMeetings.$inferInsert)[];
  educationHours: (typeof educationHours.$inferInsert)[];
}

export function emptyCareAndHealthRows(): CareAndHealthRows {
  return {
    carePlans: [],
    carePlanVersions: [],
    placementPlans: [],
    healthChecks: [],
    healthStatuses: [],
    sdqScores: [],
    childSchools: [],
    personalEducationPlans: [],
    pepMeetings: [],
    educationHours: [],
  };
}

/** The parts of the planned record this reads. */
export interface CareAndHealthSource {
  children: { id?: string; dateOfBirth?: string | null }[];
  carePeriods: { id?: string; childId: string; startDate: string; endDate?: string | null }[];
  placements: {
    id?: string;
    childId: string;
    carePeriodId: string;
    startDate: string;
    endDate?: string | null;
    placementType: string;
    placementPostcode?: string | null;
  }[];
  lookedAfterReviews: { carePeriodId: string; reviewDate: string }[];
}

export interface CareAndHealthContext {
  cal: Days;
  today: IsoDate;
  nowMs: number;
  rng: Random;
  ids: Random;
}

/** When a plan or assessment was done against its deadline: before the start, in time, late, or not yet. */
const CARE_PLAN = { before: 0.12, onTime: 0.74, late: 0.12 } as const;
const PLACEMENT_PLAN = { before: 0.15, onTime: 0.68, late: 0.15 } as const;
const INITIAL_HEALTH = { before: 0.06, onTime: 0.74, late: 0.18 } as const;
/** A review health assessment done after its due day. */
const REVIEW_HEALTH_LATE = 0.08;
/** Para 86: dental checks up to date 98.4%, immunisations 91.9% (2013–14). */
const DENTAL_LAPSED = 0.016;
const IMMUNISED = 0.919;
const SURVEILLANCE_UP_TO_DATE = 0.95;
/** A care plan brought up to date after a review. */
const CARE_PLAN_REVISED_AFTER_REVIEW = 0.55;
/** Para 89: how the child and carers took part was unclear in most plans read. */
const INVOLVEMENT_RECORDED = 0.35;
/** Para 94: a fifth without an up-to-date PEP, most of them placed out of the authority. */
const PEP_LAPSED = { inside: 0.1, outside: 0.32 } as const;
const PEP = { onTime: 0.86, late: 0.11 } as const;
/** Para 93: good or better schools, 80% at primary, 48% at secondary. */
const GOOD_SCHOOL = { primary: 0.8, secondary: 0.48 } as const;
/** Para 94: the authority did not monitor 25 hours a week; a few children have fewer. */
const UNDER_25_HOURS = 0.05;
/** SDQ with no score, by DfE reason. */
const SDQ_NO_SCORE = 0.08;
// SDQ1 (the child is under 4 or over 16) is not among them: the demo asks for SDQs of children of 4 to 16 only (rule 157)
const SDQ_REASONS = { SDQ2: 35, SDQ3: 15, SDQ4: 30, SDQ5: 20 } as const;

const words = {
  health: [
    'Registered with a GP near the placement; health assessment actions followed up by the carers.',
    'Asthma managed with an inhaler; carers attend the annual asthma review.',
    'Eczema treated by the GP; the carers keep a note of flare-ups for the health visitor.',
    'Routine health: dental and optician checks booked by the carers.',
    'Referred to CAMHS for low mood; the carers take the child to each appointment.',
    'Hearing test arranged after the health assessment; otherwise well.',
  ],
  education: [
    'Attends the local primary school; the designated teacher meets the carers each term.',
    'Attends secondary school; extra help with reading agreed at the PEP meeting.',
    'At nursery three mornings a week; early years funding in place.',
    'Attends college part time; the virtual school tracks attendance weekly.',
    'Moved school with the placement; transport agreed so the child can stay at the same school.',
    'Not yet of school age; a place at the children’s centre is arranged.',
  ],
  contact: [
    'Supervised contact with mother fortnightly at the family centre.',
    'Contact with brothers and sisters every weekend, arranged by the carers.',
    'Monthly supervised contact with both parents; telephone contact weekly.',
    'Letterbox contact twice a year with birth family.',
    'Unsupervised contact with grandparents every Saturday.',
    'Contact with father suspended pending the review; the child was told why.',
  ],
  wellbeing: [
    'Settled in placement; enjoys football and a weekly youth club.',
    'Some anxiety at bedtime; the carers follow the routine agreed with the therapist.',
    'Life story work started with the social worker to help the child understand why they are looked after.',
    'Keeps links with their faith community; the carers take them to services.',
    'Anger at school is reducing; the child has a key adult at school.',
    'Happy and sociable; the child says they feel safe.',
  ],
  permanenceDetail: {
    return_home: 'The plan is for the child to return home once the work with the parents is complete.',
    family_and_friends: 'The plan is for the child to stay with their relatives, who are assessed as carers.',
    special_guardianship: 'The carers are being assessed as special guardians.',
    adoption: 'The plan is adoption; family finding has started.',
    long_term_fostering: 'The plan is long-term fostering with the current carers until the child is 18.',
    residential_care: 'The child stays in the children’s home while a foster placement is found.',
    independent_living: 'The plan is to move to semi-independent living with support from the leaving care team.',
  },
  contingency: [
    'If the placement ends, a foster placement within the authority will be sought.',
    'If the return home does not go as planned, the child will stay with the current carers.',
    'If the relatives cannot continue, the plan is long-term fostering.',
    'If family finding is not successful within six months, the plan will be long-term fostering.',
    'If the placement breaks down, a disruption meeting will be held and a new placement found nearby.',
  ],
  involvement: [
    'The child gave their views at a meeting with the social worker; the carers commented on the draft.',
    'The child wrote what they want in the plan; the parents were sent a copy.',
    'The carers and the child met the social worker to agree the plan.',
  ],
  needsMet: [
    'The carers have experience of caring for children of this age and live near the child’s school.',
    'The home offers the structure and support the child needs.',
    'The placement keeps the brothers and sisters together.',
    'The relatives know the child well and can meet their day-to-day needs.',
  ],
  delegatedAuthority: [
    'The carers may agree to school trips, haircuts and sleepovers with friends.',
    'The carers may consent to routine medical and dental treatment and school trips.',
    'The carers may agree to activities and overnight stays; the social worker decides on holidays abroad.',
  ],
  school: [
    'Oakfield',
    'Riverside',
    'Hillcrest',
    'Cedar Park',
    'Brookside',
    'Meadowbank',
    'Ashgrove',
    'Willow Lane',
    'Kingsway',
    'Parkview',
  ],
};

type Permanence = keyof typeof words.permanenceDetail;

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
/** The whole years from one date to another. */
function ageOn(dob: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  return on.slice(5) < dob.slice(5) ? years - 1 : years;
}
function birthday(dob: IsoDate, age: number): IsoDate {
  const y = String(Number(dob.slice(0, 4)) + age).padStart(4, '0');
  const md = dob.slice(5) === '02-29' ? '03-01' : dob.slice(5);
  return `${y}-${md}`;
}

/** The start of each school term (the clock's default term dates: September, January, April). */
function termStart(date: IsoDate): IsoDate {
  const y = date.slice(0, 4);
  const md = date.slice(5);
  if (md >= '09-01') return `${y}-09-01`;
  if (md >= '04-01') return `${y}-04-01`;
  return `${y}-01-01`;
}
function previousTermStart(start: IsoDate): IsoDate {
  const y = Number(start.slice(0, 4));
  const md = start.slice(5);
  if (md === '09-01') return `${y}-04-01`;
  if (md === '04-01') return `${y}-01-01`;
  return `${y - 1}-09-01`;
}
function nextTermStart(start: IsoDate): IsoDate {
  const y = Number(start.slice(0, 4));
  const md = start.slice(5);
  if (md === '01-01') return `${y}-04-01`;
  if (md === '04-01') return `${y}-09-01`;
  return `${y + 1}-01-01`;
}

export function planCareAndHealth(source: CareAndHealthSource, ctx: CareAndHealthContext): CareAndHealthRows {
  const { cal, today: T, nowMs, rng, ids } = ctx;
  const out = emptyCareAndHealthRows();
  const yesterday = cal.addDays(T, -1);
  const stamp = (date: IsoDate) => new Date(Math.min(nowMs - 3_600_000, cal.at(date, 16)));
  const between = (a: IsoDate, b: IsoDate) => cal.addDays(a, rng.int(0, Math.max(0, cal.num(b) - cal.num(a))));
  const dobOf = new Map(source.children.map((c) => [c.id!, c.dateOfBirth ?? null]));
  const placementsOf = new Map<string, CareAndHealthSource['placements']>();
  for (const p of source.placements) {
    const list = placementsOf.get(p.carePeriodId) ?? [];
    list.push(p);
    placementsOf.set(p.carePeriodId, list);
  }
  const reviewsOf = new Map<string, IsoDate[]>();
  for (const r of source.lookedAfterReviews) {
    const list = reviewsOf.get(r.carePeriodId) ?? [];
    list.push(r.reviewDate);
    reviewsOf.set(r.carePeriodId, list);
  }
  const assessed = new Map<string, Set<IsoDate>>();
  const dental = new Map<string, Set<IsoDate>>();
  // the shares of para 86 taken exactly, by child: dental checks lapsed among those looked after a
  // year or more, immunisations not up to date among all looked after today
  const open = source.carePeriods.filter((p) => !p.endDate);
  const yearAgo = cal.addMonths(T, -12);
  const longer = rng.shuffle(open.filter((p) => p.startDate <= yearAgo));
  const dentalLapsed = new Set(longer.slice(0, Math.round(longer.length * DENTAL_LAPSED)).map((p) => p.id!));
  const notImmunised = new Set(
    rng
      .shuffle(open)
      .slice(0, Math.round(open.length * (1 - IMMUNISED)))
      .map((p) => p.id!),
  );
  const once = (seen: Map<string, Set<IsoDate>>, childId: string, date: IsoDate) => {
    const set = seen.get(childId) ?? new Set<IsoDate>();
    seen.set(childId, set);
    if (set.has(date)) return false;
    set.add(date);
    return true;
  };

  /** When a thing due `due` after `from` was done: before `from`, in time, late or (null) not yet. */
  function doneOn(
    from: IsoDate,
    workingDays: number,
    shares: { before: number; onTime: number; late: number },
    earliest: IsoDate,
  ): IsoDate | null {
    const x = rng.next();
    if (x < shares.before) return maxDate(earliest, cal.addDays(from, -rng.int(1, 20)));
    if (x < shares.before + shares.onTime) return cal.addWorkingDays(from, rng.int(0, workingDays));
    if (x < shares.before + shares.onTime + shares.late) return cal.addWorkingDays(from, workingDays + rng.int(1, 3 * workingDays));
    return null;
  }

  for (const period of source.carePeriods) {
    const periodId = period.id!;
    const childId = period.childId;
    const dob = dobOf.get(childId) ?? period.startDate;
    const start = period.startDate;
    const end = period.endDate ?? null;
    const last = end ?? T;
    const lastDone = end ?? yesterday;
    const own = (placementsOf.get(periodId) ?? []).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    const current = own[own.length - 1];
    const outside = current?.placementPostcode ? !postcodeDistricts[districtOf(current.placementPostcode) ?? '']?.inside : false;

    // ── the care plan, then a new version after some reviews ──
    const permanence: Permanence = (() => {
      const type = current?.placementType ?? '';
      if (type.startsWith('A')) return 'adoption';
      if (type === 'P1') return 'return_home';
      if (type === 'U1' || type === 'U2' || type === 'U3') return rng.chance(0.3) ? 'special_guardianship' : 'family_and_friends';
      if (ageOn(dob, last) >= 16) return 'independent_living';
      if (type.startsWith('K') || type.startsWith('R')) return 'residential_care';
      return rng.chance(0.15) ? 'return_home' : 'long_term_fostering';
    })();
    const planned = doneOn(start, 10, CARE_PLAN, dob);
    const versions: Array<IsoDate | null> = [];
    if (planned === null || planned > lastDone) {
      // not yet completed: a draft while the period is open, or done late by the day it ended
      if (end === null) {
        if (rng.chance(0.6)) versions.push(null);
      } else versions.push(end);
    } else versions.push(planned);
    if (versions[0]) {
      for (const review of reviewsOf.get(periodId) ?? []) {
        const d = minDate(cal.addWorkingDays(review, rng.int(1, 15)), lastDone);
        if (d > versions[versions.length - 1]! && rng.chance(CARE_PLAN_REVISED_AFTER_REVIEW)) versions.push(d);
      }
    }
    if (versions.length > 0) {
      const planId = ids.uuid();
      const first = versions[0] ?? start;
      const latest = versions[versions.length - 1] ?? start;
      out.carePlans.push({
        id: planId,
        childId,
        carePeriodId: periodId,
        createdAt: stamp(first),
        updatedAt: stamp(latest),
        version: versions.length,
      });
      versions.forEach((completed, i) => {
        out.carePlanVersions.push({
          id: ids.uuid(),
          childId,
          carePlanId: planId,
          number: i + 1,
          health: rng.pick(words.health),
          education: rng.pick(words.education),
          contact: rng.pick(words.contact),
          wellbeing: rng.pick(words.wellbeing),
          permanence,
          permanenceDetail: words.permanenceDetail[permanence],
          contingency: rng.pick(words.contingency),
          involvement: rng.chance(INVOLVEMENT_RECORDED) ? rng.pick(words.involvement) : null,
          completedDate: completed,
          createdAt: stamp(completed ?? latest),
        });
      });
    }

    // ── a placement plan for each placement ──
    for (const p of own) {
      const pLast = p.endDate ?? yesterday;
      let done = doneOn(p.startDate, 5, PLACEMENT_PLAN, dob);
      if (done === null || done > pLast) {
        if (!p.endDate) continue;
        done = p.endDate;
      }
      out.placementPlans.push({
        id: ids.uuid(),
        childId,
        placementId: p.id!,
        completedDate: done,
        needsMet: rng.pick(words.needsMet),
        contact: rng.pick(words.contact),
        health: rng.pick(words.health),
        education: rng.pick(words.education),
        delegatedAuthority: rng.pick(words.delegatedAuthority),
        createdAt: stamp(done),
        updatedAt: stamp(done),
        version: 1,
      });
    }

    // ── health assessments: the initial one, then reviews 6-monthly under 5 and yearly from 5 ──
    const assess = (date: IsoDate, type: 'initial' | 'review') => {
      if (date > lastDone || date < dob || !once(assessed, childId, date)) return false;
      out.healthChecks.push({
        id: ids.uuid(),
        childId,
        checkType: 'health_assessment',
        assessmentType: type,
        checkDate: date,
        completedBy:
          type === 'initial'
            ? 'Looked after children’s doctor'
            : rng.pick(['Looked after children’s nurse', 'School nurse', 'Health visitor']),
        createdAt: stamp(date),
        updatedAt: stamp(date),
        version: 1,
      });
      return true;
    };
    let lastAssessment: IsoDate | null = null;
    const initial = doneOn(start, 20, INITIAL_HEALTH, maxDate(dob, cal.addDays(start, -80)));
    // late beyond the end of a closed period: done by the day it ended; in an open one, not yet if still to come
    const initialOn = initial === null ? null : end === null ? initial : minDate(initial, end);
    if (initialOn !== null && assess(initialOn, 'initial')) lastAssessment = initialOn;
    while (lastAssessment !== null) {
      const gap = ageOn(dob, lastAssessment) < 5 ? 6 : 12;
      const due = cal.addMonths(lastAssessment, gap);
      const next = rng.chance(REVIEW_HEALTH_LATE) ? cal.addDays(due, rng.int(1, 60)) : cal.addDays(due, -rng.int(1, 40));
      if (next > lastDone || !assess(next, 'review')) break;
      lastAssessment = next;
    }

    // ── dental checks: within the year of coming into care, then yearly; lapsed for a few ──
    const lapsed = dentalLapsed.has(periodId);
    const stopBy = lapsed ? cal.addDays(yearAgo, -rng.int(1, 90)) : lastDone;
    for (let d = maxDate(dob, cal.addDays(start, rng.int(10, 150))); d <= stopBy; d = cal.addDays(d, rng.int(240, 360))) {
      if (!once(dental, childId, d)) continue;
      out.healthChecks.push({
        id: ids.uuid(),
        childId,
        checkType: 'dental_check',
        assessmentType: null,
        checkDate: d,
        completedBy: 'Dentist',
        createdAt: stamp(d),
        updatedAt: stamp(d),
        version: 1,
      });
    }

    if (end !== null) {
      // the rest is about children looked after today
      pepFor(period, dob, outside);
      continue;
    }
    const age = ageOn(dob, T);

    // ── immunisations and (under 5) health surveillance, as at the last assessment or today ──
    const asAt = lastAssessment ?? T;
    out.healthStatuses.push({
      id: ids.uuid(),
      childId,
      kind: 'immunisations',
      asAtDate: asAt,
      upToDate: !notImmunised.has(periodId),
      createdAt: stamp(asAt),
    });
    if (ageOn(dob, asAt) < 5) {
      out.healthStatuses.push({
        id: ids.uuid(),
        childId,
        kind: 'health_surveillance',
        asAtDate: asAt,
        upToDate: rng.chance(SURVEILLANCE_UP_TO_DATE),
        createdAt: stamp(asAt),
      });
    }

    // ── SDQ: yearly for children of 4 to 16 ──
    for (let d = cal.addMonths(start, rng.int(2, 6)); d <= yesterday; d = cal.addMonths(d, 12)) {
      const a = ageOn(dob, d);
      if (a < 4 || a > 16) continue;
      const noScore = rng.chance(SDQ_NO_SCORE);
      out.sdqScores.push({
        id: ids.uuid(),
        childId,
        completedDate: d,
        score: noScore ? null : Math.min(40, Math.max(0, Math.round(14 + 7 * (rng.next() + rng.next() + rng.next() - 1.5)))),
        reason: noScore ? rng.weighted(SDQ_REASONS) : null,
        createdAt: stamp(d),
      });
    }

    // ── school and hours of education for children of school age ──
    if (age >= 5 && age < 16) {
      const schoolStart = `${String(Number(birthday(dob, 4).slice(0, 4)) + (birthday(dob, 4).slice(5) > '09-01' ? 1 : 0))}-09-01`;
      const from = minDate(yesterday, rng.chance(0.5) && current ? maxDate(schoolStart, current.startDate) : maxDate(schoolStart, start));
      const secondary = age >= 11;
      const good = rng.chance(secondary ? GOOD_SCHOOL.secondary : GOOD_SCHOOL.primary);
      out.childSchools.push({
        id: ids.uuid(),
        childId,
        fromDate: from,
        schoolName: `${rng.pick(words.school)} ${secondary ? rng.pick(['High School', 'Academy']) : rng.pick(['Primary School', 'Community Primary School'])}`,
        urn: null,
        ofstedGrade: good ? (rng.chance(0.2) ? 'outstanding' : 'good') : rng.chance(0.85) ? 'requires_improvement' : 'inadequate',
        createdAt: stamp(from),
      });
      const hoursAt = maxDate(from, cal.addDays(T, -rng.int(1, 60)));
      out.educationHours.push({
        id: ids.uuid(),
        childId,
        asAtDate: hoursAt,
        hoursPerWeek: rng.chance(UNDER_25_HOURS) ? rng.int(10, 45) / 2 : rng.int(50, 65) / 2,
        createdAt: stamp(hoursAt),
      });
    }
    pepFor(period, dob, outside);
  }

  /** A PEP from the period's start or the child's third birthday, and a meeting each term; lapsed for some. */
  function pepFor(period: CareAndHealthSource['carePeriods'][number], dob: IsoDate, outside: boolean) {
    const end = period.endDate ?? null;
    const lastDone = end ?? yesterday;
    const from = maxDate(period.startDate, birthday(dob, 3));
    if (from > lastDone || ageOn(dob, from) >= 18) return;
    const x = rng.next();
    const initiated =
      x < PEP.onTime
        ? cal.addWorkingDays(from, rng.int(0, 10))
        : x < PEP.onTime + PEP.late
          ? cal.addWorkingDays(from, rng.int(11, 40))
          : null;
    if (initiated === null || initiated > lastDone) {
      if (end === null) return;
    }
    const on = minDate(initiated ?? lastDone, lastDone);
    const pepId = ids.uuid();
    const lapsed = end === null && rng.chance(outside ? PEP_LAPSED.outside : PEP_LAPSED.inside);
    const thisTerm = termStart(T);
    // the last term a meeting may fall in: lapsed plans were last reviewed two terms ago or before
    const lastTerm = lapsed ? previousTermStart(previousTermStart(thisTerm)) : thisTerm;
    const meetings: IsoDate[] = [];
    for (let term = nextTermStart(termStart(on)); term <= lastTerm; term = nextTermStart(term)) {
      const termEnd = cal.addDays(nextTermStart(term), -1);
      const d = between(cal.addDays(term, 7), cal.addDays(termEnd, -10));
      if (d <= on || d > lastDone) continue;
      meetings.push(d);
    }
    // lapsed: no review since the plan began if it began before the last two terms, else as it is
    out.personalEducationPlans.push({
      id: pepId,
      childId: period.childId,
      carePeriodId: period.id!,
      initiatedDate: on,
      createdAt: stamp(on),
      updatedAt: stamp(meetings[meetings.length - 1] ?? on),
      version: 1 + meetings.length,
    });
    for (const d of meetings) out.pepMeetings.push({ id: ids.uuid(), childId: period.childId, pepId, meetingDate: d, createdAt: stamp(d) });
  }

  return out;
}
