/** Disabled children: transition planning towards adulthood. */
import { type Moment, birthday, compareMoments, formatDate } from '../../core/calendar/index.js';
import type { ClockRule } from '../rule.js';
import { namedAnchor, single } from '../rule-kit.js';
import type { Timeline } from '../timeline.js';

/** A case_closed with nothing reopening the case after it. */
/** What opens a case to children's social care (and reopens one after it closed). */
const OPENS_A_CASE = ['referral_received', 'became_looked_after', 'cin_plan_started', 'cp_plan_started'] as const;

function closedFor(t: Timeline): Moment | null {
  const closures = t.of('case_closed');
  const last = closures[closures.length - 1];
  if (!last) return null;
  const reopened = t.of(...OPENS_A_CASE).some((f) => compareMoments(f.at, last.at) > 0);
  return reopened ? null : last.at;
}

export const transitionPlanning: ClockRule = {
  id: 'transition-planning',
  name: 'Transition planning',
  area: 'disabled children',
  statement:
    'For a disabled child known to children’s social care, planning for the move to adulthood has started by the birthday local policy sets (default the 16th).',
  startsWith: [],
  metBy: ['transition_planning_started'],
  stoppedBy: ['case_closed'],
  deadline: 'by the birthday local policy sets (default 16)',
  recurrence: null,
  stopsWhen: 'The child turns 18, or their case is closed.',
  source: {
    document:
      'Local practice (Ofsted found transitions starting after 17); Children and Families Act 2014 and Care Act 2014 transition duties',
    reference: 'local policy for disabled children',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'transitionPlanning.ageYears',
      label: 'Transition planning for disabled children starts by age',
      unit: 'years',
      default: 16,
      standing: 'local practice',
      statutoryPosition:
        'No statute sets an age: the SEND Code of Practice prepares for adulthood from year 9, and the Care Act 2014 transition assessment comes before 18.',
      range: {
        min: 13,
        max: 17,
        why: 'the SEND Code of Practice prepares for adulthood from year 9 (age 13 to 14), and the Care Act 2014 transition assessment comes before 18',
      },
    },
  ],
  compute(t, ctx) {
    const dob = t.dateOfBirth;
    if (!t.child.disabled || !dob) return [];
    // known to children's social care means a case was opened: a contact that went no further opens none
    if (t.of(...OPENS_A_CASE).length === 0) return [];
    // The first birthday on which the child has reached the age in force that day.
    let age = 0;
    while (age < 18 && age < ctx.policy.number('transitionPlanning.ageYears', birthday(dob, age))) age += 1;
    if (age >= 18) return [];
    const due = birthday(dob, age);
    return single({
      ruleId: 'transition-planning',
      episode: null,
      anchor: namedAnchor(due, `birthday-${age}`),
      candidates: t.of('transition_planning_started'),
      firstFrom: null,
      stop: closedFor(t),
      lapsesAt: birthday(dob, 18),
      first: {
        dueAt: due,
        explanation: `Start transition planning by the child’s ${ordinal(age)} birthday on ${formatDate(due)} (local policy).`,
      },
    });
  },
};

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

export const disabledChildrenRules = [transitionPlanning];
