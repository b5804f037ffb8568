import { describe, expect, it } from 'vitest';
import { allegationPage, allegationRows, listPage, meetingPage, newAllegationPage, outcomePage, share, standing } from './presenters.js';
import { type AllegationView, quarterOf } from './queries.js';

const allegation: AllegationView = {
  id: 'a1',
  adultName: 'Tom <Teacher>',
  adultRole: 'Teacher',
  employer: 'Fictional Primary School',
  sector: 'education',
  category: 'harm',
  madeDate: '2026-01-05',
  ladoInformedDate: '2026-01-06',
  outcome: null,
  concludedDate: null,
  linkedChildren: 2,
  otherChildrenCount: 3,
  abuseType: 'physical',
  detail: 'Grabbed a pupil by the arm',
  otherChildrenDescription: 'three pupils in year 4',
  outcomeActions: null,
  outcomeNotes: null,
  version: 4,
  children: [
    { id: 'c1', name: 'Ada Madeup', reference: 1001, canOpen: true },
    { id: null, name: null, reference: null, canOpen: false },
    { id: 'c3', name: 'Bo Madeup', reference: 1003, canOpen: false },
  ],
  meetings: [
    {
      kind: 'strategy',
      meetingDate: '2026-01-08',
      attendance: [
        { agency: 'police', name: 'Pat Constable', attended: true },
        { agency: 'education', name: 'Hedda Teacher', attended: false },
      ],
      decisions: 'Police to investigate',
    },
  ],
};

describe('the allegations presenters', () => {
  it('find the quarter a day falls in, from January, April, July or October', () => {
    expect(quarterOf('2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterOf('2026-05-17')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(quarterOf('2026-09-30')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(quarterOf('2026-12-31')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });

  it('give a share as a whole percentage, and nothing for a share of nothing', () => {
    expect(share(4, 5)).toBe('80%');
    expect(share(2, 3)).toBe('67%');
    expect(share(0, 0)).toBe('');
  });

  it('say where an allegation stands', () => {
    expect(standing(allegation)).toEqual({ text: 'Open since 5 January 2026', tag: { text: 'Open', colour: 'blue' } });
    expect(standing({ ...allegation, outcome: 'unfounded', concludedDate: '2026-02-02' })).toEqual({
      text: 'Unfounded, concluded 2 February 2026',
      tag: { text: 'Concluded', colour: 'green' },
    });
  });

  it('list allegations with a link to each, the adult’s name escaped', () => {
    const [row] = allegationRows([allegation]);
    expect(String(row![0]!.html)).toBe('<a class="govuk-link" href="/allegations/a1">Tom &lt;Teacher&gt;</a>');
    expect(row!.slice(1, 5)).toEqual([
      { text: 'Teacher, Fictional Primary School (Education)' },
      { text: 'Harm' },
      { text: '5 January 2026' },
      { text: '2 on the record, 3 not on the record' },
    ]);
    expect(String(row![5]!.html)).toContain('Open since 5 January 2026');
  });

  it('give each figure its list, and the resolution figures their share of those concluded', () => {
    const view = listPage(
      { open: 2, 'this-quarter': 3, 'concluded-this-quarter': 5, 'within-1-month': 4, 'within-3-months': 5, 'within-12-months': 5 },
      'within-1-month',
      [],
      { start: '2026-04-01', end: '2026-06-30' },
    );
    expect(view.quarter).toBe('This quarter: 1 April 2026 to 30 June 2026');
    expect(view.figures.map((f) => [f.id, f.value, f.href])).toEqual([
      ['open', 2, '/allegations?list=open'],
      ['this-quarter', 3, '/allegations?list=this-quarter'],
      ['concluded-this-quarter', 5, '/allegations?list=concluded-this-quarter'],
    ]);
    expect(view.resolution.map((f) => f.label)).toEqual([
      'of those, resolved within 1 month of being made (80%)',
      'of those, resolved within 3 months of being made (100%)',
      'of those, resolved within 12 months of being made (100%)',
    ]);
    expect(view.listHeading).toBe('Concluded this quarter, within 1 month');
    const none = listPage(
      { open: 0, 'this-quarter': 0, 'concluded-this-quarter': 0, 'within-1-month': 0, 'within-3-months': 0, 'within-12-months': 0 },
      'open',
      [],
      { start: '2026-04-01', end: '2026-06-30' },
    );
    expect(none.resolution[0]!.label).toBe('of those, resolved within 1 month of being made');
  });

  it('show a linked child the viewer may not open as another child known to the service, with no link', () => {
    const view = allegationPage(allegation);
    expect(String(view.childRows[0]![0]!.html)).toBe('<a class="govuk-link" href="/children/c1">Ada Madeup</a>');
    expect(view.childRows[1]).toEqual([{ text: 'Another child known to the service' }, { text: 'Restricted record' }]);
    // named to the designated officer, who opens no record: no link that would be refused
    expect(view.childRows[2]).toEqual([{ text: 'Bo Madeup' }, { text: '1003' }]);
    expect(view.summary.rows).toContainEqual({ key: { text: 'Children not on the record' }, value: { text: '3: three pupils in year 4' } });
    expect(view.meetingRows).toEqual([
      [{ text: 'Strategy meeting' }, { text: '8 January 2026' }, { text: 'Pat Constable (Police)' }, { text: 'Police to investigate' }],
    ]);
    expect(view.linkChildren?.version).toBe('4');
    expect(view.outcome).toBeNull();
    expect(view.recordOutcome).toEqual({ text: 'Record the outcome', href: '/allegations/a1/outcome' });
  });

  it('show the outcome with its meaning and actions once concluded, and offer no more changes', () => {
    const view = allegationPage({
      ...allegation,
      outcome: 'malicious',
      concludedDate: '2026-02-20',
      outcomeActions: ['no_further_action'],
      outcomeNotes: null,
    });
    expect(view.outcome!.rows[0]!.value.text).toBe(
      'Malicious: There is enough evidence to disprove the allegation, and it was a deliberate act to deceive',
    );
    expect(view.outcome!.rows[2]).toEqual({ key: { text: 'Actions' }, value: { text: 'No further action' } });
    expect(view.linkChildren).toBeNull();
    expect(view.newMeeting).toBeNull();
    expect(view.recordOutcome).toBeNull();
  });

  it('name the field of each error, a date’s error linking to its day', () => {
    const view = newAllegationPage({
      values: { adultName: 'Tom' },
      errors: [
        { field: 'ladoInformedDate', message: 'Date the designated officer was informed cannot be before the employer was told' },
        { field: 'category', message: 'Select what is alleged' },
      ],
    });
    expect(view.errorList).toEqual([
      { text: 'Date the designated officer was informed cannot be before the employer was told', href: '#ladoInformedDate-day' },
      { text: 'Select what is alleged', href: '#category' },
    ]);
    expect(view.category.errorMessage).toEqual({ text: 'Select what is alleged' });
    expect(view.adultName.value).toBe('Tom');
  });

  it('start the meeting and outcome forms on today, at the allegation’s version', () => {
    const meeting = meetingPage(allegation, { today: '2026-01-09' });
    expect(meeting.version).toBe('4');
    expect(meeting.meetingDate.items.map((i) => i.value)).toEqual(['9', '1', '2026']);
    expect(meeting.attendance).toHaveLength(3);
    const outcome = outcomePage(allegation, { today: '2026-01-09' });
    expect(outcome.outcome.items.map((i) => i.value)).toEqual(['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded']);
    expect(outcome.caption).toEqual({ text: 'Allegation about Tom <Teacher>', href: '/allegations/a1' });
  });
});
