import { describe, expect, it } from 'vitest';
import {
  assessmentRows,
  assessmentSummary,
  childSeenText,
  isLate,
  referralItems,
  stageOf,
  startsStrategyDiscussion,
} from './presenters.js';
import type { AssessmentView } from './queries.js';

const assessment: AssessmentView = {
  id: 'a1',
  childId: 'c1',
  referralId: 'r1',
  referralDate: '2026-01-05',
  startDate: '2026-01-06',
  workerId: null,
  workerName: null,
  factors: [],
  analysis: null,
  childViews: null,
  familyViews: null,
  plan: null,
  outcome: null,
  submittedAt: '2026-03-02',
  authorisedAt: null,
  authorisedByName: null,
  lateReason: null,
  version: 3,
  due: '2026-03-09',
  lastDecision: null,
};

describe('the assessment presenters', () => {
  it('list a child’s assessments with a link to each, and where each has got to', () => {
    const [row] = assessmentRows('c1', [assessment]);
    expect(String(row![0]!.html)).toBe('<a class="govuk-link" href="/children/c1/assessments/a1">Started 6 January 2026</a>');
    expect(row!.slice(1)).toEqual([
      { text: '5 January 2026' },
      { text: 'Not allocated' },
      { text: '9 March 2026' },
      { text: 'Awaiting authorisation' },
    ]);
  });

  it('call an assessment late when it is authorised, or still open today, after its due date', () => {
    expect(isLate(assessment, '2026-03-09')).toBe(false);
    expect(isLate(assessment, '2026-03-10')).toBe(true);
    expect(isLate({ ...assessment, authorisedAt: '2026-03-09' }, '2026-06-01')).toBe(false);
    expect(isLate({ ...assessment, due: null }, '2027-01-01')).toBe(false);
    const due = assessmentSummary(assessment, true).find((r) => r.key.text === 'Due')!;
    expect(String((due.value as { html: unknown }).html)).toBe('9 March 2026 <strong class="govuk-tag govuk-tag--red">Late</strong>');
  });

  it('tick the referral chosen, or else the newest', () => {
    const referrals = [
      { id: 'r2', referralDate: '2026-02-01' },
      { id: 'r1', referralDate: '2026-01-05' },
    ];
    expect(referralItems(referrals, undefined).map((i) => i.checked)).toEqual([true, false]);
    expect(referralItems(referrals, 'r1').map((i) => i.checked)).toEqual([false, true]);
  });

  it('say when a manager has returned an assessment to the worker', () => {
    expect(stageOf({ ...assessment, submittedAt: null, lastDecision: 'returned' })).toBe('In progress: returned by the manager');
    expect(stageOf({ ...assessment, submittedAt: null })).toBe('In progress');
    expect(stageOf({ ...assessment, lastDecision: 'returned' })).toBe('Awaiting authorisation');
  });

  it('lead an authorised assessment whose outcome is a strategy discussion or section 47 to the strategy discussion', () => {
    expect(startsStrategyDiscussion({ outcome: 'section_47', authorisedAt: '2026-03-02' })).toBe(true);
    expect(startsStrategyDiscussion({ outcome: 'strategy_discussion', authorisedAt: '2026-03-02' })).toBe(true);
    expect(startsStrategyDiscussion({ outcome: 'section_47', authorisedAt: null })).toBe(false);
    expect(startsStrategyDiscussion({ outcome: 'child_in_need_plan', authorisedAt: '2026-03-02' })).toBe(false);
  });

  it('say whether the child has been seen during the assessment', () => {
    expect(childSeenText('2026-03-02', '2026-02-24')).toBe('Yes, first seen on 2 March 2026');
    expect(childSeenText(null, '2026-02-24')).toBe(
      'Not yet: no visit on which the child was seen is recorded since the assessment started on 24 February 2026',
    );
  });
});
