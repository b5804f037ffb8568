/**
 * The demo's privately fostered children, shaped on the 2014 report (para 75): 28 children
 * privately fostered on the day, and over the past 12 months only 52% seen within seven days of
 * the notification. Each arrangement is written as the use cases take it
 * (src/private-fostering/use-cases.ts): the notification with the carer and the parents, the
 * first visit (the record's visits, purpose "private fostering", the child seen), later visits
 * about every 6 weeks in the first year and 12 after, the carer's suitability assessment, and,
 * for the arrangements that have ended, the day and the reason. The children are known to the
 * authority only through the arrangement. Nothing is stored as a figure: the page counts these
 * rows through the obligations the clock computes from them. Drawn from streams of their own,
 * after the rest, so the rest of the authority is unchanged by them.
 */
import type { Faker } from '@faker-js/faker';
import type { IsoDate } from '../core/calendar/index.js';
import type { ArrangementEndReason, CarerAssessmentOutcome, Notifier } from '../private-fostering/schema.js';
import type { addresses, childDisabilities, children, privateFosteringArrangements, visits } from '../schema.js';
import { type Locality, manchester2014 } from './authority.js';
import type { DemoStreams } from './streams.js';
import { ethnicityWeights, syntheticAddress, syntheticNhsNumber } from './identity.js';

export interface PrivateFosteringRows {
  privateFosteringArrangements: (typeof privateFosteringArrangements.$inferInsert)[];
}

export function emptyPrivateFosteringRows(): PrivateFosteringRows {
  return { privateFosteringArrangements: [] };
}

/** What the arrangements add to the rest of the record: the children, where they live, their visits. */
interface RecordRows extends PrivateFosteringRows {
  children: (typeof children.$inferInsert)[];
  childDisabilities: (typeof childDisabilities.$inferInsert)[];
  addresses: (typeof addresses.$inferInsert)[];
  visits: (typeof visits.$inferInsert)[];
}

export interface PrivateFosteringContext extends DemoStreams {
  faker: Faker;
  /** The workers who visit, by locality: case holders in the locality teams, not the demo practitioners. */
  visitors: Readonly<Record<Locality, readonly string[]>>;
  /** The designated officer's user, who records the notifications. */
  recordedBy: string | null;
}

const notifiers: Readonly<Record<Notifier, number>> = { school: 40, parent: 20, carer: 25, other: 15 };
const otherNotifiers = ['A neighbour', 'The family’s GP', 'A youth worker', 'The child’s language school'];
const schools = ['Head of year at the child’s high school', 'The primary school’s designated safeguarding lead', 'The school nurse'];
const relationships = [
  'Family friend',
  'Friend of the child’s mother',
  'Parent of the child’s school friend',
  'Neighbour of the family',
  'Host family for the child’s language school',
  'Former partner of the child’s father',
  'Member of the family’s church',
];
const durations = [
  'Until the end of the school year',
  'About six months',
  'Until the mother returns from abroad',
  'Not known',
  'A year or more',
];
const outcomes: Readonly<Record<CarerAssessmentOutcome, number>> = {
  suitable: 78,
  requirements_imposed: 14,
  not_suitable: 6,
  prohibited: 2,
};
const endReasons = { returned_to_parents: 55, moved_to_another_carer: 10, left_the_area: 20, other: 15 } as const;
const languages = { English: 70, Polish: 6, Arabic: 6, Urdu: 5, French: 5, Somali: 4, Chinese: 4 } as const;

/** Mean days an arrangement lasts (some weeks to years), and how far back the demo's notifications go. */
const MEAN_DAYS = 420;
const HISTORY_DAYS = 1100;

export function planPrivateFostering(rows: RecordRows, ctx: PrivateFosteringContext): void {
  const { cal, today: T, nowMs, rng, ids, faker } = ctx;
  const { addDays, addMonths, addWorkingDays, at } = cal;
  const yearAgo = addMonths(T, -12);
  const yesterday = addDays(T, -1);
  const want = Math.max(2, Math.round(manchester2014.privatelyFostered.value * ctx.scale));
  const onTimeShare = manchester2014.privateFosteringSeenInSevenDays.value;
  const nhsTaken = new Set<string>();
  for (const c of rows.children) if (c.nhsNumber) nhsTaken.add(c.nhsNumber);
  const stamp = (date: IsoDate) => new Date(Math.min(nowMs - 3_600_000, at(date, rng.int(10, 17), rng.int(0, 59))));

  // The arrangements, back from today until as many are open as the report found.
  const planned: { notified: IsoDate; started: IsoDate; dob: IsoDate; end: IsoDate | null; reason: ArrangementEndReason | null }[] = [];
  let open = 0;
  for (let guard = 0; open < want && guard < 10_000; guard++) {
    const notified = cal.workingDayOnOrBefore(addDays(T, -rng.int(0, HISTORY_DAYS)));
    // most are notified after the child moved in; some in advance, as carers are asked to (reg 3)
    const started = rng.chance(0.15) ? addDays(notified, rng.int(1, 4)) : addDays(notified, -rng.int(0, 150));
    // mostly teenagers, a few younger; under 16 at the notification
    const age = rng.chance(0.7) ? rng.int(11, 15) : rng.int(4, 10);
    const dob = addDays(addMonths(notified, -12 * age), -rng.int(0, 330));
    const due = addWorkingDays(notified, 7);
    const ends = addDays(started, 28 + Math.floor(-Math.log(1 - rng.next()) * MEAN_DAYS));
    // no arrangement ends before its first visit fell due
    let end: IsoDate | null = ends > yesterday ? null : ends <= due ? addDays(due, 1) : ends;
    if (end !== null && end > yesterday) continue;
    let reason: ArrangementEndReason | null = end ? rng.weighted(endReasons) : null;
    // the arrangement is private fostering only to 16: it ends then
    const sixteen = addMonths(dob, 16 * 12);
    if (sixteen <= due) continue;
    if (sixteen <= yesterday && (end === null || end > sixteen) && sixteen > due) {
      end = sixteen;
      reason = 'reached_age_limit';
    }
    if (end === null) open++;
    planned.push({ notified, started, dob, end, reason });
  }
  planned.sort((a, b) => (a.notified < b.notified ? -1 : 1));
  // Of the first visits that fell due in the last 12 months, the report's share on time.
  const owed = planned.filter((p) => p.notified > yearAgo && addWorkingDays(p.notified, 7) < T);
  const onTime = new Set(rng.shuffle(owed).slice(0, Math.round(onTimeShare * owed.length)));

  for (const p of planned) {
    const childId = ids.uuid();
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const dob = p.dob;
    let end = p.end;
    let reason = p.reason;
    const lastName = faker.person.lastName();
    rows.children.push({
      id: childId,
      firstName: faker.person.firstName(sex === 'M' ? 'male' : 'female'),
      lastName,
      dateOfBirth: dob,
      sex,
      ethnicity: rng.weighted(ethnicityWeights),
      language: rng.weighted(languages),
      nhsNumber: rng.chance(0.9) ? syntheticNhsNumber(rng, nhsTaken) : null,
      upn: null,
      restricted: false,
      createdAt: stamp(p.notified),
      updatedAt: stamp(p.notified),
      version: 1,
    });
    rows.childDisabilities.push({ childId, code: 'NONE' });
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const home = syntheticAddress(rng, faker, locality);
    const carer = `${faker.person.firstName()} ${faker.person.lastName()}`;
    const notifiedBy = rng.weighted(notifiers);

    // The first visit: on time in the report's share of those owed in the last 12 months.
    const due = addWorkingDays(p.notified, 7);
    let first: IsoDate | null;
    if (p.notified > yearAgo && due < T) {
      first = onTime.has(p) ? addWorkingDays(p.notified, rng.int(1, 7)) : addWorkingDays(p.notified, rng.int(8, 30));
    } else if (p.notified <= yearAgo) {
      first = addWorkingDays(p.notified, rng.chance(0.5) ? rng.int(1, 7) : rng.int(8, 25));
    } else {
      // notified in the last days: the first visit is still in time, made or not
      first = rng.chance(0.5) ? addWorkingDays(p.notified, 1) : null;
    }
    if (first !== null && first < p.started) first = p.started;
    // a late first visit not yet made: the child waits, not seen
    if (first !== null && (first > yesterday || (end !== null && first > end))) first = null;
    // The carer's suitability assessment, begun after the first visit or the notification, most completed
    const assessStart = addWorkingDays(first ?? p.notified, rng.int(1, 15));
    const started = assessStart <= yesterday && (end === null || assessStart <= end) ? assessStart : null;
    let completed = started ? addDays(started, rng.int(20, 90)) : null;
    if (completed && (completed > yesterday || (end !== null && completed > end))) completed = null;
    let outcome = completed ? rng.weighted(outcomes) : null;
    // a carer found not suitable, or prohibited, sees the child go home soon after: among the arrangements that have ended
    if (outcome === 'not_suitable' || outcome === 'prohibited') {
      const by = addDays(completed!, rng.int(1, 21));
      if (end !== null && by < end) {
        end = by;
        reason = outcome === 'prohibited' ? 'prohibited' : 'returned_to_parents';
      } else outcome = 'requirements_imposed';
    }
    rows.addresses.push({ id: ids.uuid(), childId, ...home, fromDate: p.started < dob ? dob : p.started, toDate: end });
    const worker = rng.pick(ctx.visitors[locality]);
    const visit = (date: IsoDate, seen: boolean) =>
      rows.visits.push({
        id: ids.uuid(),
        childId,
        visitDate: date,
        workerId: worker,
        childSeen: seen,
        seenAlone: seen && rng.chance(0.7),
        purpose: 'private_fostering',
        notes: null,
        recordedAt: new Date(Math.min(nowMs - 3_600_000, at(addDays(date, rng.chance(0.8) ? 0 : rng.int(1, 6)), rng.int(10, 18)))),
        recordedBy: null,
      });
    if (first !== null) {
      visit(first, true);
      // later visits: 6 weeks in the arrangement's first year, 12 after, some late
      const until = end ?? yesterday;
      const firstYearEnds = addMonths(p.started, 12);
      for (let last = first, retry = false; ;) {
        const gap = last < firstYearEnds ? 42 : 84;
        // not seen last time: tried again a week or two on
        const next = retry
          ? addDays(last, rng.int(7, 14))
          : addDays(last, rng.chance(0.8) ? rng.int(gap - 20, gap - 2) : rng.int(gap + 1, gap + 40));
        if (next > until) break;
        const seen = rng.chance(0.94);
        visit(next, seen);
        last = next;
        retry = !seen;
      }
    }

    const mother = `${faker.person.firstName('female')} ${lastName}`;
    const father = `${faker.person.firstName('male')} ${rng.chance(0.7) ? lastName : faker.person.lastName()}`;
    const abroad = rng.chance(0.3);
    rows.privateFosteringArrangements.push({
      id: ids.uuid(),
      childId,
      notifiedOn: p.notified,
      notifiedBy,
      notifierDetail: notifiedBy === 'other' ? rng.pick(otherNotifiers) : notifiedBy === 'school' ? rng.pick(schools) : null,
      arrangementStartedOn: p.started,
      carerName: carer,
      carerPostcode: home.postcode,
      carerRelationship: rng.pick(relationships),
      parentsDetails: abroad
        ? `${mother} (mother), working abroad and in touch by phone; ${father} (father), whereabouts not known.`
        : `${mother} (mother) and ${father} (father), living in ${faker.location.city()}; in touch with the carer.`,
      expectedDuration: rng.pick(durations),
      assessmentStartedOn: started,
      assessmentCompletedOn: completed,
      assessmentOutcome: outcome,
      endedOn: end,
      endReason: reason,
      recordedBy: ctx.recordedBy,
      createdAt: stamp(p.notified),
      updatedAt: stamp(end ?? completed ?? started ?? p.notified),
      version: 1,
    });
  }
}
