/** Seeing the child during the single assessment. */
import { describePeriod, dueFrom, workingDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, childSeen, firstFrom, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';

export const assessmentChildSeen: ClockRule = {
  id: 'assessment-child-seen',
  name: 'Child seen during the assessment',
  area: 'assessment',
  statement:
    'After a referral, the social worker sees the child within the number of working days local policy sets (default 5), whether or not the assessment has formally started.',
  startsWith: ['referral_received'],
  metBy: ['visit_made'],
  stoppedBy: ['referral_closed'],
  deadline: 'the local number of working days after the referral (default 5)',
  recurrence: null,
  stopsWhen: 'The referral is closed.',
  source: {
    document:
      'Local practice under Working Together to Safeguard Children 2023 (the child is seen as part of every assessment; the timescale is set locally)',
    reference: 'chapter 3, assessments of children in need; local assessment procedures',
    status: 'local practice',
    verification: 'unverified',
  },
  settings: [
    {
      key: 'assessment.childSeenWithinWorkingDays',
      label: 'Child seen after a referral within',
      unit: 'working days',
      default: 5,
      standing: 'local practice',
      statutoryPosition:
        'No statute or statutory guidance sets a number of days: Working Together to Safeguard Children 2023 has the child seen as part of the assessment, which is completed within 45 working days of the referral.',
      range: {
        min: 1,
        max: 45,
        why: 'Working Together to Safeguard Children 2023 allows 45 working days from the referral for the whole assessment, and the child is seen as part of it',
      },
    },
  ],
  compute(t, ctx) {
    const visits = t.of('visit_made');
    return t.of('referral_received').flatMap((referral) => {
      const episode = episodeOf(referral);
      const n = ctx.policy.number('assessment.childSeenWithinWorkingDays', referral.at);
      return single({
        ruleId: this.id,
        episode,
        anchor: anchorAt(referral),
        candidates: visits,
        accept: childSeen,
        stop: firstFrom(t.inEpisode(episode, 'referral_closed'), referral.at)?.at,
        first: {
          dueAt: dueFrom(referral.at, workingDays(n), ctx.calendar),
          explanation: `See the child within ${describePeriod(workingDays(n))} of the referral received ${when(referral.at)} (local policy).`,
        },
      });
    });
  },
};
