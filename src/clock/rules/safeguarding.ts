/** Serious incidents and allegations against people who work with children. */
import { dueFrom, months, workingDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';

export const panelNotification: ClockRule = {
  id: 'serious-incident-notification',
  name: 'Serious incident notification',
  area: 'serious incidents',
  statement:
    'The authority notifies the Child Safeguarding Practice Review Panel of a serious incident within 5 working days of becoming aware of it.',
  startsWith: ['serious_incident_known'],
  metBy: ['panel_notified'],
  stoppedBy: [],
  deadline: '5 working days after the authority became aware',
  recurrence: null,
  stopsWhen: 'Never.',
  source: {
    document: 'Children Act 2004 s16C (the duty); Working Together to Safeguard Children 2023 (the timescale)',
    reference: 's16C(1); chapter 5, "Notifiable incidents"',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('serious_incident_known').flatMap((known) => {
      const episode = episodeOf(known);
      return single({
        ruleId: 'serious-incident-notification',
        episode,
        anchor: anchorAt(known),
        candidates: t.inEpisode(episode, 'panel_notified'),
        first: {
          dueAt: dueFrom(known.at, workingDays(5), ctx.calendar),
          explanation: `Notify the Child Safeguarding Practice Review Panel within 5 working days of becoming aware of the serious incident ${when(known.at)}.`,
        },
      });
    });
  },
};

export const rapidReview: ClockRule = {
  id: 'serious-incident-rapid-review',
  name: 'Rapid review',
  area: 'serious incidents',
  statement: 'The safeguarding partners complete a rapid review of a serious incident within 15 working days of becoming aware of it.',
  startsWith: ['serious_incident_known'],
  metBy: ['rapid_review_completed'],
  stoppedBy: [],
  deadline: '15 working days after the authority became aware',
  recurrence: null,
  stopsWhen: 'Never.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 5, "Rapid reviews"',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('serious_incident_known').flatMap((known) => {
      const episode = episodeOf(known);
      return single({
        ruleId: 'serious-incident-rapid-review',
        episode,
        anchor: anchorAt(known),
        candidates: t.inEpisode(episode, 'rapid_review_completed'),
        first: {
          dueAt: dueFrom(known.at, workingDays(15), ctx.calendar),
          explanation: `Complete the rapid review within 15 working days of becoming aware of the serious incident ${when(known.at)}.`,
        },
      });
    });
  },
};

export const ladoInformed: ClockRule = {
  id: 'lado-informed',
  name: 'Designated officer (LADO) informed',
  area: 'allegations',
  statement:
    'An allegation that someone who works with children has harmed a child is reported to the designated officer (LADO) within one working day.',
  startsWith: ['allegation_made'],
  metBy: ['lado_informed'],
  stoppedBy: [],
  deadline: '1 working day after the allegation was made',
  recurrence: null,
  stopsWhen: 'Never.',
  source: {
    document: 'Working Together to Safeguard Children 2018; Keeping Children Safe in Education',
    reference: 'chapter 2, allegations against people who work with children',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('allegation_made').flatMap((allegation) => {
      const episode = episodeOf(allegation);
      return single({
        ruleId: 'lado-informed',
        episode,
        anchor: anchorAt(allegation),
        candidates: t.inEpisode(episode, 'lado_informed'),
        first: {
          dueAt: dueFrom(allegation.at, workingDays(1), ctx.calendar),
          explanation: `Inform the designated officer within 1 working day of the allegation made ${when(allegation.at)}.`,
        },
      });
    });
  },
};

function ladoResolution(id: string, amount: number, target: string): ClockRule {
  const period = months(amount);
  return {
    id,
    name: `Allegation resolved within ${amount} month${amount === 1 ? '' : 's'}`,
    area: 'allegations',
    statement: `A measure, not a deadline for one case: ${target} of allegations are resolved within ${amount} month${amount === 1 ? '' : 's'} of being made.`,
    startsWith: ['allegation_made'],
    metBy: ['allegation_concluded'],
    stoppedBy: [],
    deadline: `${amount} month${amount === 1 ? '' : 's'} after the allegation was made`,
    recurrence: null,
    stopsWhen: 'Never.',
    source: {
      document: 'Working Together to Safeguard Children 2018; Keeping Children Safe in Education',
      reference: 'targets for resolving allegations (80% within 1 month, 90% within 3 months, all but exceptional cases within 12 months)',
      status: 'measure',
      verification: 'secondary',
    },
    settings: [],
    compute(t, ctx) {
      return t.of('allegation_made').flatMap((allegation) => {
        const episode = episodeOf(allegation);
        return single({
          ruleId: id,
          episode,
          anchor: anchorAt(allegation),
          candidates: t.inEpisode(episode, 'allegation_concluded'),
          first: {
            dueAt: dueFrom(allegation.at, period, ctx.calendar),
            explanation: `Target: resolve the allegation made ${when(allegation.at)} within ${amount} month${amount === 1 ? '' : 's'} (${target} of allegations should be).`,
          },
        });
      });
    },
  };
}

export const ladoResolvedOneMonth = ladoResolution('lado-resolution-1-month', 1, '80%');
export const ladoResolvedThreeMonths = ladoResolution('lado-resolution-3-months', 3, '90%');
export const ladoResolvedTwelveMonths = ladoResolution('lado-resolution-12-months', 12, 'all but the most exceptional');

export const safeguardingRules = [
  panelNotification,
  rapidReview,
  ladoInformed,
  ladoResolvedOneMonth,
  ladoResolvedThreeMonths,
  ladoResolvedTwelveMonths,
];
