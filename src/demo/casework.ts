/**
 * The demo's help and protection casework: strategy discussions, section 47 enquiries,
 * child protection conferences, plans (outcomes, actions, contingency), core groups, and
 * child in need plans with their reviews. Planned once for an episode (siblings share the
 * dates, as they share a conference) and written as rows for each child, only as the use
 * cases would take them (src/child-protection/use-cases.ts, src/children-in-need/use-cases.ts):
 * a discussion held with the police and health, an enquiry started on or after it, a
 * conference on or after the enquiry started, a plan finalised only with outcomes and a
 * contingency, meetings under a plan within its span, and nothing after `now`.
 *
 * Shaped as the 2014 report found (summary point 5, recommendation 13, paras 58 to 66):
 * strategy meetings well attended; some conferences without the allocated worker or with the
 * report shared with the family only on the day; some plans without a contingency plan.
 */
import type { Faker } from '@faker-js/faker';
import { type IsoDate, londonLocal } from '../core/calendar/index.js';
import type { Agency, Attendee, Participant, StrategyDecision } from '../child-protection/schema.js';
import type {
  cinPlanActions,
  cinPlanReviews,
  cinPlans,
  coreGroupMeetings,
  cpConferences,
  cpPlanActions,
  cpPlans,
  s47Enquiries,
  strategyDiscussions,
} from '../schema.js';
import type { Days } from './days.js';
import type { Random } from './random.js';

export interface CaseworkRows {
  strategyDiscussions: (typeof strategyDiscussions.$inferInsert)[];
  s47Enquiries: (typeof s47Enquiries.$inferInsert)[];
  /** Initial conferences, stored before the plans they make. */
  cpInitialConferences: (typeof cpConferences.$inferInsert)[];
  cpPlans: (typeof cpPlans.$inferInsert)[];
  /** Review conferences, stored after the plans they review. */
  cpReviewConferences: (typeof cpConferences.$inferInsert)[];
  cpPlanActions: (typeof cpPlanActions.$inferInsert)[];
  coreGroupMeetings: (typeof coreGroupMeetings.$inferInsert)[];
  cinPlans: (typeof cinPlans.$inferInsert)[];
  cinPlanActions: (typeof cinPlanActions.$inferInsert)[];
  cinPlanReviews: (typeof cinPlanReviews.$inferInsert)[];
}

export function emptyCaseworkRows(): CaseworkRows {
  return {
    strategyDiscussions: [],
    s47Enquiries: [],
    cpInitialConferences: [],
    cpPlans: [],
    cpReviewConferences: [],
    cpPlanActions: [],
    coreGroupMeetings: [],
    cinPlans: [],
    cinPlanActions: [],
    cinPlanReviews: [],
  };
}

type Category = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL';

interface PlannedConference {
  date: IsoDate;
  chair: string;
  attendance: Attendee[];
  parents: 'attended' | 'views_shared' | 'did_not_take_part';
  socialWorkerAttended: boolean;
  reportSubmitted: IsoDate | null;
  reportShared: IsoDate | null;
  decision: 'cp_plan' | 'no_plan' | 'continue_plan' | 'end_plan';
  category: Category | null;
}

interface PlannedAction {
  action: string;
  owner: string;
  due: IsoDate;
  status: 'not_started' | 'in_progress' | 'completed' | 'not_completed';
}

interface PlannedMeeting {
  date: IsoDate;
  attendance: Attendee[];
  /** Which of the plan's actions the meeting went through, by position. */
  actionsReviewed: number[];
  text: string;
}

export interface PlannedCpPlan {
  start: IsoDate;
  end: { date: IsoDate; reason: 'review_decision' | 'moved_to_another_authority' | 'became_looked_after' | 'other' } | null;
  initialCategory: Category;
  latestCategory: Category;
  outcomes: string[];
  contingency: string | null;
  finalised: IsoDate | null;
  actions: PlannedAction[];
  reviews: PlannedConference[];
  coreGroups: PlannedMeeting[];
}

export interface PlannedS47 {
  start: IsoDate;
  end: IsoDate | null;
  childSeen: boolean;
  outcome: 'substantiated' | 'not_substantiated';
  conferenceRequired: boolean;
  notRequiredReason: string | null;
  authorised: IsoDate | null;
}

/** A concern of significant harm and all that followed it in one episode. */
export interface PlannedStrategy {
  concernAt: number;
  /** The concern came in with the referral's contact (else it arose in an open case). */
  fromContact: boolean;
  concern: string;
  heldAt: number | null;
  participants: Participant[];
  informationShared: string | null;
  decisions: StrategyDecision[];
  authorised: IsoDate | null;
  s47: PlannedS47 | null;
  conference: PlannedConference | null;
  plan: PlannedCpPlan | null;
}

export interface PlannedCinPlan {
  start: IsoDate;
  end: { date: IsoDate; reason: string } | null;
  outcomes: string[];
  contingency: string | null;
  actions: PlannedAction[];
  reviews: PlannedMeeting[];
}

/** The share of open child protection plans still awaiting their contingency plan (para 63). */
const AWAITING_CONTINGENCY = 0.08;
/** Conferences without the allocated social worker (summary point 5). */
const WORKER_ABSENT = 0.14;

const CATEGORY = { NEG: 45, EMO: 33, PHY: 9, SAB: 5, MUL: 8 } as const;
const PARENTS = { attended: 70, views_shared: 18, did_not_take_part: 12 } as const;
const CHILD = { attended: 25, views_shared: 50, did_not_take_part: 25 } as const;
const OTHER_DECISION = { s47_enquiry: 55, single_assessment: 32, police_investigation: 5, no_further_action: 8 } as const;

const concerns = [
  'Police attended a domestic incident at the home; the child was present and has a bruise to the arm.',
  'School reports the child said a parent hit them with a belt; marks seen on the back.',
  'Health visitor found the baby underweight, the home without heating, and the mother intoxicated.',
  'The child disclosed to a teacher that an adult in the home touched them inappropriately.',
  'The child was found alone at home overnight; neighbours called the police.',
  'A parent’s partner, known to the police for violence, has moved into the home.',
  'Unexplained injury to a non-mobile infant seen at the emergency department.',
];
const shared = [
  'Police: two previous domestic incidents at the address this year. Health: missed immunisations and development checks. School: attendance 78%, the child often hungry.',
  'Police: the partner has convictions for assault. Health: GP records show the mother’s low mood. School: the child withdrawn in class.',
  'Police: no previous calls to the address. Health: injuries not consistent with the explanation given. Education: no concerns before now.',
];
const notRequiredReasons = [
  'Concerns not substantiated: the injury has an accidental explanation that health accepts. Support under a child in need plan.',
  'The family has acted to protect: the partner has left the home. Support continues under a child in need plan.',
];
const chairs = [
  'Independent chair A. Whitfield',
  'Independent chair R. Okafor',
  'Independent chair S. Byrne',
  'Independent chair J. Patel',
];
const cpOutcomes: Record<Category, string[]> = {
  NEG: [
    'Lives in a home that is clean, warm and safe, with enough food every day.',
    'Goes to school every day and on time.',
    'Is taken to every health and dental appointment, and the health visitor sees them each month.',
  ],
  EMO: [
    'Does not see or hear arguments or violence at home.',
    'Feels safe and listened to at home, and says so when asked alone.',
    'Has a parent who keeps to the safety plan agreed with the domestic abuse service.',
  ],
  PHY: [
    'Is not hurt by anyone at home.',
    'Parents manage behaviour without physical punishment, using what the parenting programme taught them.',
  ],
  SAB: [
    'Has no contact with the person who harmed them, unless a professional supervises it.',
    'Knows how to keep safe and who to tell, and has a trusted adult at school.',
  ],
  MUL: [
    'Lives in a home free from violence, with enough food and a routine.',
    'Goes to school every day and takes part in activities they enjoy.',
    'Is not hurt by anyone at home.',
  ],
};
const cinOutcomes = [
  'Goes to school every day and is on time.',
  'Has a stable home: the family is rehoused and the rent arrears are paid down.',
  'Has the short breaks and equipment their disability needs, and the family has support to cope.',
  'Has a parent who gets help with their mental health and keeps to it.',
  'Takes part in a club or activity outside school each week.',
];
const contingencies = [
  'If the actions are not completed or the concerns continue, a legal planning meeting will consider the Public Law Outline.',
  'If the child is hurt again or the partner returns to the home, a strategy discussion will be held the same day and the child will stay with the maternal grandmother.',
  'If the parents do not engage with the plan, the conference will be reconvened early and legal advice sought.',
];
const cinContingencies = [
  'If needs are not met or concerns increase, a strategy discussion will be held and a section 47 enquiry considered.',
  'If the family withdraws from the plan, the team manager will review whether the threshold for a child protection enquiry is met.',
];
const cpActions: [string, string][] = [
  ['Attend the parenting programme and complete every session', 'Mother'],
  ['Refer to the domestic abuse service, and attend each appointment', 'Mother'],
  ['Complete a drug and alcohol assessment and follow its advice', 'Father'],
  ['See the child at home at least every 10 working days, alone where they can', 'Social worker'],
  ['Check attendance each week and tell the social worker the same day of any absence', 'School'],
  ['Check weight and development each month', 'Health visitor'],
  ['Complete a risk assessment of the partner', 'Police'],
  ['Apply for rehousing away from the partner', 'Housing'],
];
const cinActions: [string, string][] = [
  ['Refer to the early help parenting course', 'Social worker'],
  ['Support the application for rehousing', 'Housing'],
  ['Arrange short breaks and an occupational therapy assessment', 'Social worker'],
  ['Check attendance each week and share it with the family', 'School'],
  ['Attend the GP about low mood and the talking therapy', 'Mother'],
];
const coreGroupNotes = [
  'Attendance has improved; the home conditions were better on the last visit. Actions continue.',
  'The partner was seen at the home by police; the contingency was discussed. Actions continue.',
  'Progress is slow: the parenting course has been missed twice. The chair was told.',
];
const cinDecisions = [
  'Needs continue; the plan goes on with the actions updated.',
  'Good progress: consider stepping down to early help at the next review.',
  'The family is engaging well; the short breaks are in place.',
];

export interface CaseworkContext {
  cal: Days;
  today: IsoDate;
  nowMs: number;
  rng: Random;
  ids: Random;
  faker: Faker;
}

export function createCasework(ctx: CaseworkContext) {
  const { cal, rng, ids, faker, today: T, nowMs } = ctx;
  const { addDays, addMonths, addWorkingDays, at, num } = cal;
  const yesterday = addDays(T, -1);
  const dateOf = (ms: number) => londonLocal(ms).date;
  const minDate = (a: IsoDate, b: IsoDate) => (a <= b ? a : b);
  const maxDate = (a: IsoDate, b: IsoDate) => (a >= b ? a : b);
  const daysBetween = (a: IsoDate, b: IsoDate) => num(b) - num(a);
  const name = () => `${faker.person.firstName()} ${faker.person.lastName()}`;

  function participants(): Participant[] {
    // the police and health at the least, as the use case insists; most with education too (para 58)
    const out: Participant[] = [
      { agency: 'childrens_social_care', role: 'Social worker', name: name() },
      { agency: 'childrens_social_care', role: 'Team manager', name: name() },
      {
        agency: 'police',
        role: rng.pick(['Detective constable, public protection', 'Detective sergeant, public protection']),
        name: name(),
      },
      {
        agency: 'health',
        role: rng.pick(['Named nurse for safeguarding', 'Health visitor', 'School nurse', 'Paediatrician']),
        name: name(),
      },
    ];
    if (rng.chance(0.6)) out.push({ agency: 'education', role: 'Designated safeguarding lead', name: name() });
    if (rng.chance(0.05)) out.push({ agency: 'probation', role: 'Probation officer', name: name() });
    return out;
  }

  function attendance(kinds: Agency[], attendP: number): Attendee[] {
    return kinds.map((agency) => ({ agency, name: name(), attended: agency === 'childrens_social_care' || rng.chance(attendP) }));
  }

  /** A conference on `date`: the worker absent for some, the report to the family late for some (recommendation 13). */
  function conference(date: IsoDate, decision: PlannedConference['decision'], category: Category | null): PlannedConference {
    const socialWorkerAttended = !rng.chance(WORKER_ABSENT);
    const submitted = rng.chance(socialWorkerAttended ? 0.95 : 0.6);
    const reportSubmitted = submitted ? minDate(yesterday, addWorkingDays(date, -rng.int(2, 6))) : null;
    let reportShared: IsoDate | null = null;
    if (reportSubmitted) {
      const when = rng.next();
      // most at a visit days before; some only on the day or the day before; a few never
      if (when < 0.7) reportShared = maxDate(reportSubmitted, addWorkingDays(date, -rng.int(3, 5)));
      else if (when < 0.95) reportShared = maxDate(reportSubmitted, addWorkingDays(date, -rng.int(0, 1)));
    }
    const kinds: Agency[] = ['childrens_social_care', 'police', 'health', 'education'];
    if (rng.chance(0.2)) kinds.push('housing');
    return {
      date,
      chair: rng.pick(chairs),
      attendance: attendance(kinds, 0.85),
      parents: rng.weighted(PARENTS),
      socialWorkerAttended,
      reportSubmitted,
      reportShared: reportShared && reportShared <= date ? reportShared : null,
      decision,
      category,
    };
  }

  /** When the discussion was held: most within the day allowed, some days late; not yet if it would be after now. */
  function heldAfter(concernAt: number): number | null {
    const held = rng.chance(0.88) ? concernAt + rng.int(2, 20) * 3_600_000 : concernAt + rng.int(3, 6) * 86_400_000;
    return held < nowMs - 3_600_000 ? held : null;
  }

  function actions(list: [string, string][], start: IsoDate, until: IsoDate): PlannedAction[] {
    const chosen = rng.shuffle(list).slice(0, rng.int(3, 5));
    return chosen.map(([action, owner]) => {
      const due = addDays(start, rng.int(10, 150));
      const past = due < until;
      const status: PlannedAction['status'] = past
        ? rng.weighted({ completed: 65, not_completed: 15, in_progress: 20 })
        : rng.weighted({ not_started: 40, in_progress: 60 });
      return { action, owner, due, status };
    });
  }

  /** Meetings from `first` on, each `onTime` of the time within `maxGap` days of the last, before `until`. */
  function series(first: IsoDate, until: IsoDate, next: (previous: IsoDate) => IsoDate, make: (date: IsoDate) => PlannedMeeting) {
    const out: PlannedMeeting[] = [];
    for (let d = first; d < until && d <= yesterday && out.length < 60; d = next(d)) out.push(make(d));
    return out;
  }

  /** A child protection plan from `start` (the initial conference) to `end`, or open today. */
  function cpPlan(start: IsoDate, category: Category, end: PlannedCpPlan['end'], open: boolean): PlannedCpPlan {
    const until = end?.date ?? T;
    const acts = actions(cpActions, start, until);
    // reviews: within 3 months of the conference, then 6 months of the last; some late
    const reviews: PlannedConference[] = [];
    let latest = category;
    let due = addMonths(start, 3);
    let lastReview = start;
    while (true) {
      const late = rng.chance(0.13);
      const date = late ? addDays(due, rng.int(3, 35)) : addDays(due, -rng.int(0, Math.min(25, daysBetween(lastReview, due) - 1)));
      const endsHere = end?.reason === 'review_decision' && date >= addDays(end.date, -14);
      if (endsHere || date >= until || date > yesterday) break;
      if (rng.chance(0.1)) latest = rng.weighted(CATEGORY);
      reviews.push(conference(date, 'continue_plan', latest));
      lastReview = date;
      due = addMonths(date, 6);
    }
    if (end?.reason === 'review_decision') reviews.push(conference(end.date, 'end_plan', null));
    const lastMeeting = end?.reason === 'review_decision' ? end.date : until;
    const coreGroups = series(
      rng.chance(0.85) ? addWorkingDays(start, rng.int(3, 10)) : addWorkingDays(start, rng.int(11, 20)),
      lastMeeting,
      (previous) => addDays(previous, rng.chance(0.85) ? rng.int(21, 42) : rng.int(43, 70)),
      (date) => ({
        date,
        attendance: attendance(
          ['childrens_social_care', 'health', 'education', ...(rng.chance(0.3) ? (['police'] as Agency[]) : [])],
          0.88,
        ),
        actionsReviewed: acts.map((_, i) => i).filter(() => rng.chance(0.7)),
        text: rng.pick(coreGroupNotes),
      }),
    );
    // some plans still await their contingency well after the conference, and so are not finalised (para 63)
    const awaiting = open ? daysBetween(start, T) > 20 && rng.chance(AWAITING_CONTINGENCY) : rng.chance(0.03);
    const finalisedOn = addDays(start, rng.int(0, 10));
    const finalised = !awaiting && finalisedOn <= yesterday && (end === null || finalisedOn <= end.date) ? finalisedOn : null;
    return {
      start,
      end,
      initialCategory: category,
      latestCategory: latest,
      outcomes: rng.shuffle(cpOutcomes[category]).slice(0, rng.int(2, cpOutcomes[category].length)),
      contingency: awaiting ? null : rng.pick(contingencies),
      finalised,
      actions: acts,
      reviews,
      coreGroups,
    };
  }

  /**
   * A concern of significant harm that leads to a plan: the discussion, a substantiated
   * enquiry, the initial conference (most within 15 working days of the discussion) and the
   * plan, ending on `endBy` for a closed episode or open today.
   */
  function protection(
    concernAt: number,
    fromContact: boolean,
    endBy: IsoDate | null,
    endReason?: NonNullable<PlannedCpPlan['end']>['reason'],
  ): PlannedStrategy {
    const concern = rng.pick(concerns);
    const held = heldAfter(concernAt) ?? concernAt + 3_600_000;
    const heldDate = dateOf(held);
    const start = rng.chance(0.7) ? heldDate : maxDate(heldDate, minDate(yesterday, addWorkingDays(heldDate, 1)));
    const conferenceDate = maxDate(
      start,
      minDate(yesterday, addWorkingDays(heldDate, rng.chance(0.85) ? rng.int(8, 15) : rng.int(16, 24))),
    );
    const end = minDate(conferenceDate, addWorkingDays(start, rng.chance(0.85) ? rng.int(3, 10) : rng.int(11, 16)));
    const category = rng.weighted(CATEGORY);
    const makesPlan = endBy === null || conferenceDate < addDays(endBy, -14);
    const planEnd: PlannedCpPlan['end'] =
      endBy === null
        ? null
        : // a plan ends as the child becomes looked after only where a period of care begins that day (src/demo/looked-after.ts)
          { date: endBy, reason: endReason ?? rng.weighted({ review_decision: 86, moved_to_another_authority: 8, other: 6 }) };
    return {
      concernAt,
      fromContact,
      concern,
      heldAt: held,
      participants: participants(),
      informationShared: rng.pick(shared),
      decisions: rng.chance(0.3) ? ['s47_enquiry', 'police_investigation'] : ['s47_enquiry'],
      authorised: maxDate(heldDate, minDate(T, addWorkingDays(heldDate, rng.int(0, 2)))),
      s47: {
        start,
        end,
        childSeen: true,
        outcome: 'substantiated',
        conferenceRequired: true,
        notRequiredReason: null,
        authorised: rng.chance(0.9) ? minDate(T, addWorkingDays(end, rng.int(0, 3))) : null,
      },
      conference: conference(conferenceDate, makesPlan ? 'cp_plan' : 'no_plan', makesPlan ? category : null),
      plan: makesPlan ? cpPlan(conferenceDate, category, planEnd, endBy === null) : null,
    };
  }

  /**
   * A child on a plan today, the plan begun some while ago: most within the year, some over
   * a year, a few over two (the CIN census's long plans). The concern came with the referral
   * when the plan is as old as the episode, else it arose while the case was open.
   */
  function openProtection(referralReceivedAt: number, referralDate: IsoDate): PlannedStrategy {
    const band = rng.weighted({ new: 30, year: 45, two: 22, older: 3 });
    const days =
      band === 'new' ? rng.int(15, 90) : band === 'year' ? rng.int(91, 365) : band === 'two' ? rng.int(366, 730) : rng.int(731, 1100);
    const concernDate = addWorkingDays(addDays(T, -days), -12);
    if (concernDate <= addDays(referralDate, 7)) return protection(referralReceivedAt, true, null);
    return protection(at(concernDate, rng.int(9, 16), rng.int(0, 59)), false, null);
  }

  /**
   * Visits to a child on a plan, from its start to its end or yesterday: most within the 10
   * working days local policy sets, some later; for some open plans none lately (overdue today).
   */
  function protectionVisits(plan: PlannedCpPlan): { date: IsoDate; seen: boolean }[] {
    const open = plan.end === null;
    const until = plan.end?.date ?? (rng.chance(0.07) ? addDays(T, -rng.int(16, 40)) : yesterday);
    const out: { date: IsoDate; seen: boolean }[] = [];
    for (let d = addDays(plan.start, rng.int(1, 8)); d <= until && out.length < 160;) {
      out.push({ date: d, seen: rng.chance(0.95) });
      d = addDays(d, rng.chance(open ? 0.9 : 0.75) ? rng.int(7, 13) : rng.int(14, 20));
    }
    return out;
  }

  /**
   * A strategy discussion that did not lead to a plan: a section 47 enquiry not needing a
   * conference, a single assessment, a police investigation, or nothing further. An enquiry
   * started recently may still be open; a discussion due only today may not be held yet.
   */
  function discussionOnly(concernAt: number): PlannedStrategy {
    const held = heldAfter(concernAt);
    const decision = rng.weighted(OTHER_DECISION);
    const decisions: StrategyDecision[] = decision === 'police_investigation' ? ['police_investigation', 'single_assessment'] : [decision];
    let s47: PlannedS47 | null = null;
    if (held !== null && decision === 's47_enquiry') {
      const start = dateOf(held);
      const endOn = addWorkingDays(start, rng.chance(0.85) ? rng.int(2, 10) : rng.int(11, 18));
      const end = endOn <= yesterday ? endOn : null;
      const substantiated = rng.chance(0.3);
      s47 = {
        start,
        end,
        childSeen: rng.chance(0.93),
        outcome: substantiated ? 'substantiated' : 'not_substantiated',
        conferenceRequired: false,
        notRequiredReason: rng.pick(notRequiredReasons),
        authorised: end && rng.chance(0.85) ? minDate(T, addWorkingDays(end, rng.int(0, 3))) : null,
      };
    }
    return {
      concernAt,
      fromContact: true,
      concern: rng.pick(concerns),
      heldAt: held,
      participants: held === null ? [] : participants(),
      informationShared: held === null ? null : rng.pick(shared),
      decisions: held === null ? [] : decisions,
      authorised: held !== null && rng.chance(0.85) ? maxDate(dateOf(held), minDate(T, addWorkingDays(dateOf(held), rng.int(0, 2)))) : null,
      s47,
      conference: null,
      plan: null,
    };
  }

  /** A child in need plan from `start`, reviewed every 3 months (some late), ended on `endBy` or open. */
  function cinPlan(start: IsoDate, endBy: IsoDate | null): PlannedCinPlan {
    const until = endBy ?? T;
    const acts = actions(cinActions, start, until);
    const within = (previous: IsoDate) => {
      const due = addMonths(previous, 3);
      return rng.chance(0.8) ? addDays(due, -rng.int(0, 20)) : addDays(due, rng.int(5, 40));
    };
    const reviews = series(within(start), until, within, (date) => ({
      date,
      attendance: attendance(['childrens_social_care', 'education', 'health'], 0.8),
      actionsReviewed: [],
      text: rng.pick(cinDecisions),
    }));
    return {
      start,
      end:
        endBy === null
          ? null
          : {
              date: endBy,
              reason: rng.weighted({
                needs_met: 45,
                step_down_early_help: 35,
                moved_to_another_authority: 8,
                family_withdrew_consent: 7,
                other: 5,
              }),
            },
      outcomes: rng.shuffle(cinOutcomes).slice(0, rng.int(2, 3)),
      contingency: rng.chance(0.85) ? rng.pick(cinContingencies) : null,
      actions: acts,
      reviews,
    };
  }

  // ── rows, for each child the episode concerns ──────────────────────────────
  interface ChildRefs {
    childId: string;
    dateOfBirth: IsoDate;
    referralId: string;
    /** The referral's contact, when the concern came in with it. */
    contactId: string;
    /** Who held the case at an instant, and the team's manager. */
    workerAt: (ms: number) => string;
    managerId: string;
  }

  function childParticipation(dateOfBirth: IsoDate, on: IsoDate) {
    return daysBetween(dateOfBirth, on) < 5 * 365 ? 'too_young' : rng.weighted(CHILD);
  }

  function conferenceRow(c: PlannedConference, child: ChildRefs) {
    return {
      id: ids.uuid(),
      childId: child.childId,
      conferenceDate: c.date,
      chair: c.chair,
      attendance: c.attendance,
      parentsParticipation: c.parents,
      childParticipation: childParticipation(child.dateOfBirth, c.date),
      socialWorkerAttended: c.socialWorkerAttended,
      reportSubmittedDate: c.reportSubmitted,
      reportSharedWithFamilyDate: c.reportShared,
      decision: c.decision,
      categoryOfAbuse: c.category,
      recordedBy: null,
      createdAt: new Date(Math.min(nowMs - 3_600_000, at(c.date, 17))),
      version: 1,
    };
  }

  function writeStrategy(rows: CaseworkRows, s: PlannedStrategy, child: ChildRefs): void {
    const discussionId = ids.uuid();
    const recorded = new Date(Math.min(nowMs - 3_600_000, s.heldAt ?? s.concernAt));
    rows.strategyDiscussions.push({
      id: discussionId,
      childId: child.childId,
      referralId: child.referralId,
      contactId: s.fromContact ? child.contactId : null,
      concernAt: new Date(s.concernAt),
      concern: s.concern,
      heldAt: s.heldAt === null ? null : new Date(s.heldAt),
      participants: s.participants,
      informationShared: s.informationShared,
      decisions: s.decisions,
      authorisedBy: s.authorised ? child.managerId : null,
      authorisedDate: s.authorised,
      recordedBy: null,
      createdAt: new Date(s.concernAt),
      updatedAt: recorded,
      version: 1,
    });
    if (!s.s47) return;
    const e = s.s47;
    const enquiryId = ids.uuid();
    const old = daysBetween(child.dateOfBirth, e.start) > 5 * 365;
    rows.s47Enquiries.push({
      id: enquiryId,
      childId: child.childId,
      strategyDiscussionId: discussionId,
      referralId: child.referralId,
      startDate: e.start,
      childSeen: e.end ? e.childSeen : null,
      seenAlone: e.end ? e.childSeen && old && rng.chance(0.7) : null,
      outcome: e.end ? e.outcome : null,
      conferenceRequired: e.end ? e.conferenceRequired : null,
      conferenceNotRequiredReason: e.end && !e.conferenceRequired ? e.notRequiredReason : null,
      endDate: e.end,
      completedBy: e.end ? child.workerAt(at(e.end, 12)) : null,
      authorisedBy: e.authorised ? child.managerId : null,
      authorisedDate: e.authorised,
      recordedBy: null,
      updatedAt: new Date(Math.min(nowMs - 3_600_000, at(e.authorised ?? e.end ?? e.start, 17))),
      version: 1,
    });
    if (!s.conference) return;
    const initial = conferenceRow(s.conference, child);
    rows.cpInitialConferences.push({ ...initial, type: 'initial', s47EnquiryId: enquiryId, cpPlanId: null });
    if (!s.plan) return;
    const p = s.plan;
    const planId = ids.uuid();
    rows.cpPlans.push({
      id: planId,
      childId: child.childId,
      initialConferenceId: initial.id,
      startDate: p.start,
      endDate: p.end?.date ?? null,
      endReason: p.end?.reason ?? null,
      initialCategory: p.initialCategory,
      latestCategory: p.latestCategory,
      outcomes: p.outcomes,
      contingency: p.contingency,
      finalisedDate: p.finalised,
      finalisedBy: null,
      updatedAt: new Date(Math.min(nowMs - 3_600_000, at(p.end?.date ?? p.finalised ?? p.start, 17))),
      version: 1,
    });
    const actionIds = p.actions.map((a) => {
      const id = ids.uuid();
      rows.cpPlanActions.push({ id, childId: child.childId, planId, action: a.action, owner: a.owner, dueDate: a.due, status: a.status });
      return id;
    });
    for (const r of p.reviews) {
      rows.cpReviewConferences.push({ ...conferenceRow(r, child), type: 'review', s47EnquiryId: null, cpPlanId: planId });
    }
    for (const g of p.coreGroups) {
      rows.coreGroupMeetings.push({
        id: ids.uuid(),
        childId: child.childId,
        cpPlanId: planId,
        meetingDate: g.date,
        attendance: g.attendance,
        actionsReviewed: g.actionsReviewed.map((i) => actionIds[i]!),
        notes: g.text,
        recordedBy: null,
        createdAt: new Date(Math.min(nowMs - 3_600_000, at(g.date, 17))),
        version: 1,
      });
    }
  }

  function writeCinPlan(rows: CaseworkRows, p: PlannedCinPlan, child: ChildRefs): void {
    const planId = ids.uuid();
    rows.cinPlans.push({
      id: planId,
      childId: child.childId,
      referralId: child.referralId,
      startDate: p.start,
      endDate: p.end?.date ?? null,
      endReason: p.end?.reason ?? null,
      outcomes: p.outcomes,
      contingency: p.contingency,
      recordedBy: null,
      createdAt: new Date(Math.min(nowMs - 3_600_000, at(p.start, 17))),
      updatedAt: new Date(Math.min(nowMs - 3_600_000, at(p.end?.date ?? p.start, 17))),
      version: 1,
    });
    for (const a of p.actions) {
      rows.cinPlanActions.push({
        id: ids.uuid(),
        childId: child.childId,
        planId,
        action: a.action,
        owner: a.owner,
        dueDate: a.due,
        status: a.status,
      });
    }
    for (const r of p.reviews) {
      rows.cinPlanReviews.push({
        id: ids.uuid(),
        childId: child.childId,
        cinPlanId: planId,
        reviewDate: r.date,
        attendance: r.attendance,
        childViews:
          daysBetween(child.dateOfBirth, r.date) > 5 * 365 && rng.chance(0.7)
            ? 'Said things are better at home and wants to keep seeing the worker.'
            : null,
        decisions: r.text,
        recordedBy: null,
        createdAt: new Date(Math.min(nowMs - 3_600_000, at(r.date, 17))),
        version: 1,
      });
    }
  }

  return { protection, openProtection, protectionVisits, discussionOnly, cinPlan, writeStrategy, writeCinPlan, random: rng };
}

export type Casework = ReturnType<typeof createCasework>;
export type { IsoDate };
