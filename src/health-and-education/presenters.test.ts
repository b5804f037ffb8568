import { describe, expect, it } from 'vitest';
import type { ObligationView } from '../obligations/queries.js';
import { hoursText, overviewPage, pepForm, pepMeetingForm, recordSection, sdqForm, sdqReasonLabels, underFullTime } from './presenters.js';
import { type HealthAndEducationRecord, oc2Codes, type Oc2Facts, oc2YearStart } from './queries.js';
import { sdqReasonCodes } from './schema.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Ellis', lastName: 'Madeup' };
const periodId = '00000000-0000-4000-8000-0000000000aa';
const pepId = '00000000-0000-4000-8000-0000000000cc';

const empty: HealthAndEducationRecord = {
  dateOfBirth: '2014-05-10',
  periods: [],
  healthChecks: [],
  statuses: [],
  sdqs: [],
  substanceMisuse: [],
  convictions: [],
  schools: [],
  peps: [],
  hours: [],
};

const pep = {
  id: pepId,
  carePeriodId: periodId,
  periodStart: '2026-03-02',
  periodEnd: null,
  initiatedDate: '2026-03-02',
  version: 3,
  meetings: ['2026-04-20'],
};

const record: HealthAndEducationRecord = {
  ...empty,
  periods: [{ id: periodId, startDate: '2026-03-02', endDate: null }],
  healthChecks: [
    { id: 'h1', checkType: 'dental_check', assessmentType: null, checkDate: '2026-03-05', completedBy: null, version: 1 },
    {
      id: 'h2',
      checkType: 'health_assessment',
      assessmentType: 'initial',
      checkDate: '2026-03-02',
      completedBy: 'Dr Imaginary',
      version: 1,
    },
  ],
  sdqs: [{ id: 's1', completedDate: '2026-02-20', score: null, reason: 'SDQ5' }],
  schools: [{ id: 'c1', fromDate: '2025-09-01', schoolName: 'Imaginary Academy', urn: null, ofstedGrade: 'good' }],
  peps: [pep],
  hours: [{ id: 'e1', asAtDate: '2026-04-20', hoursPerWeek: 24.5 }],
};

function obligation(ruleId: string, status: ObligationView['status'], due: string): ObligationView {
  return {
    childId: child.id,
    key: `${ruleId}:${periodId}:x`,
    ruleId,
    episode: periodId,
    ruleName: ruleId === 'pep-review' ? 'Personal education plan review' : 'Dental check',
    source: 'source',
    due,
    done: status.startsWith('met') ? due : null,
    status,
    explanation: 'why',
    workingDays: 3,
    hours: null,
  };
}

const texts = (rows: { key: { text: string }; value: { text?: string; html?: unknown } }[]) =>
  rows.map((r) => `${r.key.text}: ${r.value.text ?? String(r.value.html)}`);

describe('health and education presenters', () => {
  it('gives the record no section for a child never looked after with nothing recorded', () => {
    expect(recordSection(child.id, empty, [])).toBeNull();
  });

  it('summarises the latest of each, with the next thing due, on the record', () => {
    const s = recordSection(child.id, record, [
      obligation('pep-review', 'due', '2026-08-31'),
      obligation('dental-check', 'met_on_time', '2027-03-02'),
    ])!;
    expect(texts(s.rows)).toEqual([
      'Last health assessment: Initial health assessment, 2 March 2026',
      'Last dental check: 5 March 2026',
      'Immunisations up to date: Not recorded',
      'Strengths and difficulties questionnaire: No score (The child refused to allow an SDQ to be completed), 20 February 2026',
      'School: Imaginary Academy, Ofsted: Good',
      'Personal education plan: Initiated 2 March 2026; last PEP meeting 20 April 2026',
      expect.stringContaining('24.5 hours a week, as at 20 April 2026'),
    ]);
    expect(String((s.rows[6]!.value as { html: unknown }).html)).toContain('govuk-tag--red');
    expect(s.next).toMatchObject({ text: 'Personal education plan review', due: '31 August 2026' });
    expect(s.overview).toBe(`/children/${child.id}/health-and-education`);
  });

  it('flags fewer than 25 hours a week, and not 25', () => {
    expect(underFullTime(24.5)).toBe(true);
    expect(underFullTime(25)).toBe(false);
    expect(hoursText(1)).toBe('1 hour a week');
    const page = overviewPage(child, { ...record, hours: [{ id: 'e2', asAtDate: '2026-04-21', hoursPerWeek: 25 }] }, []);
    expect(String(page.hoursRows[0]![2]!.html)).toContain('25 hours or more');
  });

  it('offers a PEP meeting for the plan of the period in force, and only a correction link for a health assessment', () => {
    const page = overviewPage(child, record, [obligation('pep-review', 'overdue', '2026-08-31')]);
    expect(page.educationLinks).toContainEqual({
      text: 'Record a PEP meeting',
      href: `/children/${child.id}/health-and-education/peps/${pepId}/meetings/new`,
    });
    expect(page.due).toHaveLength(1);
    expect(String(page.checkRows[0]![3]!.html)).toBe('');
    expect(String(page.checkRows[1]![3]!.html)).toContain(`/health-assessments/h2`);
    const ended = overviewPage(
      child,
      {
        ...record,
        periods: [{ id: periodId, startDate: '2026-03-02', endDate: '2026-05-01' }],
        peps: [{ ...pep, periodEnd: '2026-05-01' }],
      },
      [],
    );
    expect(ended.educationLinks[1]).toEqual({
      text: 'Record that the personal education plan was initiated',
      href: `/children/${child.id}/health-and-education/peps/new`,
    });
    expect(String(ended.pepRows[0]![3]!.html)).toContain('Period of care ended');
  });

  it('chooses the period in force for a new PEP, and says when there is none', () => {
    const form = pepForm(child, record, { values: {} });
    const select = form.fields[0]!.params as { items: { value: string; selected: boolean }[] };
    expect(select.items.find((i) => i.value === periodId)?.selected).toBe(true);
    expect(pepForm(child, empty, { values: {} }).intro).toBe(
      'No period of care is recorded: a personal education plan is for a looked after child.',
    );
  });

  it('carries the PEP’s version in its meeting form, and names the field in error', () => {
    const form = pepMeetingForm(child, pep, {
      values: {},
      errors: [{ field: 'meetingDate', message: 'Date of the PEP meeting must be today or in the past' }],
    });
    expect(form.version).toBe('3');
    expect(form.errorList).toEqual([{ text: 'Date of the PEP meeting must be today or in the past', href: '#meetingDate-day' }]);
  });

  it('has words for every DfE reason for no SDQ score, offered with its code', () => {
    for (const code of sdqReasonCodes) expect(sdqReasonLabels[code]).toBeTruthy();
    const select = sdqForm(child, { values: {} }).fields[2]!.params as { items: { value: string; text: string }[] };
    expect(select.items.map((i) => i.value)).toEqual(['', ...sdqReasonCodes]);
  });
});

describe('the OC2 codes', () => {
  const facts: Oc2Facts = {
    childId: child.id,
    dateOfBirth: '2012-09-01',
    carePeriodId: periodId,
    careStartDate: '2024-06-03',
    lastHealthAssessment: '2025-04-01',
    dentalCheckInYear: false,
    immunisationsUpToDate: null,
    healthSurveillanceUpToDate: null,
    sdqScore: null,
    sdqReason: 'SDQ2',
    substanceMisuse: true,
    interventionReceived: false,
    interventionOffered: true,
    convicted: true,
    schoolName: null,
    schoolUrn: null,
    pepInitiated: null,
    lastPepMeeting: null,
    hoursPerWeek: null,
  };

  it('counts the year from 1 April', () => {
    expect(oc2YearStart('2026-03-31')).toBe('2025-04-01');
  });

  it('reads a health assessment as up to date until 12 months on from age 5, and 6 months before', () => {
    // 1 April 2025 + 12 months is 1 April 2026, after 31 March
    expect(oc2Codes(facts, '2026-03-31').HEALTH_ASSESSMENT).toBe('1');
    expect(oc2Codes({ ...facts, lastHealthAssessment: '2025-03-30' }, '2026-03-31').HEALTH_ASSESSMENT).toBe('0');
    const toddler = { ...facts, dateOfBirth: '2023-01-01', lastHealthAssessment: '2025-10-01' };
    expect(oc2Codes(toddler, '2026-03-31').HEALTH_ASSESSMENT).toBe('1');
    expect(oc2Codes({ ...toddler, lastHealthAssessment: '2025-09-29' }, '2026-03-31').HEALTH_ASSESSMENT).toBe('0');
  });

  it('gives the reason for no SDQ score, the intervention offered only when none was received, and nothing unknown as yes', () => {
    expect(oc2Codes(facts, '2026-03-31')).toEqual({
      SDQ_SCORE: '',
      SDQ_REASON: 'SDQ2',
      CONVICTED: '1',
      HEALTH_CHECK: '',
      IMMUNISATIONS: '0',
      TEETH_CHECK: '0',
      HEALTH_ASSESSMENT: '1',
      SUBSTANCE_MISUSE: '1',
      INTERVENTION_RECEIVED: '0',
      INTERVENTION_OFFERED: '1',
    });
    expect(oc2Codes({ ...facts, interventionReceived: true, interventionOffered: null }, '2026-03-31')).toMatchObject({
      INTERVENTION_RECEIVED: '1',
      INTERVENTION_OFFERED: '',
    });
  });

  it('asks health surveillance only of the under 5s, the SDQ only from 4 to 16, conviction only from 10', () => {
    const toddler = { ...facts, dateOfBirth: '2022-06-01', healthSurveillanceUpToDate: true, sdqScore: 9, sdqReason: null };
    expect(oc2Codes(toddler, '2026-03-31')).toMatchObject({ HEALTH_CHECK: '1', SDQ_SCORE: '', CONVICTED: '' });
    const seventeen = { ...facts, dateOfBirth: '2008-03-01', sdqScore: 9, sdqReason: null };
    expect(oc2Codes(seventeen, '2026-03-31')).toMatchObject({ HEALTH_CHECK: '', SDQ_SCORE: '', SDQ_REASON: '' });
    // turning 17, or 4, in the year: still asked (DfE's rule 197B)
    expect(oc2Codes({ ...seventeen, dateOfBirth: '2008-06-01' }, '2026-03-31').SDQ_SCORE).toBe('9');
    expect(oc2Codes({ ...toddler, dateOfBirth: '2021-12-01' }, '2026-03-31').SDQ_SCORE).toBe('9');
  });
});
