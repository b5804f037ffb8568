/** Contacts and referrals: the front door and the single assessment. */
import { formatMoment } from '../../core/calendar/index.js';
import { dueFrom, workingDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, firstFrom, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';

export const contactDecision: ClockRule = {
  id: 'contact-decision',
  name: 'Contact decision',
  area: 'front door',
  statement:
    'Every contact is decided (referral to children’s social care, early help, advice, or no further action) within one working day: by the same time on the next working day.',
  startsWith: ['contact_received'],
  metBy: ['contact_decided'],
  stoppedBy: [],
  deadline: '1 working day after the contact was received, at the same time of day',
  recurrence: null,
  stopsWhen: 'Never: every contact needs a decision.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 3: decision on the type of response within one working day of a referral',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('contact_received').flatMap((contact) => {
      const episode = episodeOf(contact);
      const dueAt = dueFrom(contact.at, workingDays(1, { sameTimeOfDay: true }), ctx.calendar);
      return single({
        ruleId: 'contact-decision',
        episode,
        anchor: anchorAt(contact),
        candidates: t.inEpisode(episode, 'contact_decided'),
        first: { dueAt, explanation: `Decide the contact received ${when(contact.at)} within 1 working day.` },
      });
    });
  },
};

export const assessmentTimeliness: ClockRule = {
  id: 'assessment-45-working-days',
  name: 'Child and family assessment',
  area: 'assessment',
  statement:
    'The child and family assessment is completed and authorised within 45 working days of the referral. Where it takes longer, the reasons are recorded.',
  startsWith: ['referral_received'],
  metBy: ['assessment_completed'],
  stoppedBy: ['referral_closed'],
  deadline: '45 working days after the referral',
  recurrence: null,
  stopsWhen: 'The referral is closed without an assessment.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 3, "Timeliness": maximum 45 working days from the point of referral',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('referral_received').flatMap((referral) => {
      const episode = episodeOf(referral);
      return single({
        ruleId: 'assessment-45-working-days',
        episode,
        anchor: anchorAt(referral),
        candidates: t.inEpisode(episode, 'assessment_completed'),
        stop: firstFrom(t.inEpisode(episode, 'referral_closed'), referral.at)?.at,
        first: {
          dueAt: dueFrom(referral.at, workingDays(45), ctx.calendar),
          explanation: `Complete and authorise the assessment within 45 working days of the referral received on ${formatMoment(referral.at)}.`,
        },
      });
    });
  },
};

export const frontDoorRules = [contactDecision, assessmentTimeliness];
