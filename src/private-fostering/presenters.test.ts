import { describe, expect, it } from 'vitest';
import type { ObligationView } from '../obligations/queries.js';
import { arrangementPage, assessmentText, endForm, figuresPage, recordSection, visitRuleRows } from './presenters.js';
import { type ArrangementView, figures, firstVisitOf, type FigureRow } from './queries.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Juno', lastName: 'Fakename' };
const id = '00000000-0000-4000-8000-0000000000aa';

const arrangement = (over: Partial<ArrangementView> = {}): ArrangementView => ({
  id,
  childId: child.id,
  notifiedOn: '2026-03-02',
  notifiedBy: 'school',
  notifierDetail: 'Hill Primary School',
  arrangementStartedOn: '2026-02-20',
  carerName: 'Rowan Invented',
  carerPostcode: 'M60 2LA',
  carerRelationship: 'Family friend',
  parentsDetails: 'Mother: Sky Pretend',
  expectedDuration: 'Three months',
  assessmentStartedOn: null,
  assessmentCompletedOn: null,
  assessmentOutcome: null,
  endedOn: null,
  endReason: null,
  version: 1,
  ...over,
});

const visit = (over: Partial<ObligationView>): ObligationView => ({
  childId: child.id,
  key: `private-fostering-visit:${id}:pf-notified:${id}`,
  ruleId: 'private-fostering-visit',
  episode: id,
  ruleName: 'Private fostering visit',
  source: '',
  due: '2026-03-11',
  done: null,
  status: 'due',
  explanation: 'Visit the privately fostered child within 7 working days of the notification received 2 March 2026 (reg 4).',
  workingDays: 7,
  hours: null,
  ...over,
});

const texts = (row: { text?: string; html?: unknown }[]) => row.map((c) => c.text ?? String(c.html));

describe('the private fostering section of the child’s record', () => {
  it('while the arrangement continues: who cares for the child, the next visit due, and the page to record it', () => {
    const s = recordSection(child.id, [arrangement()], [visit({})]);
    expect(s.status).toBe('Privately fostered by Rowan Invented (Family friend) since 20 February 2026; notified 2 March 2026');
    expect(s.next).toMatchObject({ text: 'Private fostering visit', due: '11 March 2026', tag: { text: 'Due' } });
    expect(s.links.map((l) => l.href)).toEqual([
      `/children/${child.id}/private-fostering/${id}`,
      `/children/${child.id}/visits/new?purpose=private_fostering`,
    ]);
    expect(s.rows).toEqual([{ key: { text: 'Carer’s assessment' }, value: { text: 'Not started' } }]);
  });

  it('after it ended: when and why, nothing next, and a new notification offered', () => {
    const s = recordSection(child.id, [arrangement({ endedOn: '2026-03-09', endReason: 'returned_to_parents' })], [visit({})]);
    expect(s.status).toBe('Not privately fostered: the last arrangement ended on 9 March 2026 (the child returned to their parents)');
    expect(s.next).toBeNull();
    expect(s.links).toEqual([{ text: 'Record a private fostering notification', href: `/children/${child.id}/private-fostering/new` }]);
  });
});

describe('the carer’s assessment in words', () => {
  it('not started, under way, or completed with its outcome', () => {
    expect(assessmentText(arrangement())).toBe('Not started');
    expect(assessmentText(arrangement({ assessmentStartedOn: '2026-03-04' }))).toBe('Started 4 March 2026, not completed');
    expect(
      assessmentText(
        arrangement({ assessmentStartedOn: '2026-03-04', assessmentCompletedOn: '2026-03-20', assessmentOutcome: 'prohibited' }),
      ),
    ).toBe('Completed 20 March 2026: the carer is prohibited from privately fostering (Children Act 1989 s69)');
  });
});

describe('the visits against the rule', () => {
  it('names the first visit (7 working days) and the later ones, in due order, only this arrangement’s', () => {
    const rows = visitRuleRows(id, [
      visit({ key: `private-fostering-visit:${id}:visit:v1`, due: '2026-04-20', status: 'due' }),
      visit({ done: '2026-03-09', status: 'met_on_time', workingDays: 0 }),
      visit({ episode: 'another', key: 'private-fostering-visit:another:pf-notified:another', due: '2025-01-01' }),
    ]);
    expect(rows.map(texts).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['First visit: within 7 working days of the notification', '11 March 2026', '9 March 2026'],
      ['Later visit', '20 April 2026', 'Not yet'],
    ]);
    expect(String(rows[0]![3]!.html)).toContain('Met on time');
  });

  it('on the arrangement page, a visit where the child was not seen is said not to count, and an ended arrangement offers no visit', () => {
    const page = arrangementPage(
      child,
      arrangement({ endedOn: '2026-03-09', endReason: 'other' }),
      [
        { visitDate: '2026-03-05', childSeen: false, seenAlone: false, purpose: 'private_fostering', worker: 'Ana Fictional' },
        { visitDate: '2026-03-09', childSeen: true, seenAlone: true, purpose: 'private_fostering', worker: null },
      ],
      [],
    );
    expect(page.visitRows.map(texts)).toEqual([
      ['5 March 2026', 'Not seen: does not count as a visit', 'Private fostering', 'Ana Fictional'],
      ['9 March 2026', 'Seen alone', 'Private fostering', ''],
    ]);
    expect(page.links.map((l) => l.text)).toEqual(['Change the details', 'Record the carer’s assessment']);
    expect(page.notification.rows.at(-1)).toEqual({ key: { text: 'Ended' }, value: { text: '9 March 2026: Another reason' } });
  });
});

describe('the end form', () => {
  it('shows the version it was opened at, today by default, and the reasons', () => {
    const f = endForm(child, arrangement({ version: 4 }), { today: '2026-03-09' });
    expect(f.version).toBe('4');
    expect(f.endedOn.items.map((i) => i.value)).toEqual(['9', '3', '2026']);
    expect(f.endReason.items.map((i) => i.value)).toContain('returned_to_parents');
  });
});

describe('the managers’ figures', () => {
  const now = new Date('2026-03-12T10:00:00Z');
  const row = (over: Partial<FigureRow>): FigureRow => ({
    childId: 'c',
    childName: 'A Child',
    arrangementId: 'a',
    notifiedOn: '2026-03-02',
    endedOn: null,
    due: '2026-03-11',
    done: null,
    dueBy: '2026-03-11T23:59:59.999Z',
    doneAt: null,
    lapsesOn: null,
    ...over,
  });

  it('the first visit: on time, late, not seen (overdue or missed before the end), still in time, or ended before it was due', () => {
    expect(firstVisitOf(row({ doneAt: '2026-03-09T00:00:00Z' }), now)).toBe('on_time');
    expect(firstVisitOf(row({ doneAt: '2026-03-12T00:00:00Z' }), now)).toBe('late');
    expect(firstVisitOf(row({}), now)).toBe('not_seen');
    expect(firstVisitOf(row({ lapsesOn: '2026-03-12' }), now)).toBe('not_seen');
    expect(firstVisitOf(row({ dueBy: '2026-03-20T23:59:59.999Z' }), now)).toBe('not_yet_due');
    expect(firstVisitOf(row({ dueBy: null, due: null }), now)).toBe('ended_before_due');
  });

  it('the share seen within 7 working days is of the first visits that have fallen due; older ended arrangements are left out', () => {
    const f = figures(
      [
        row({ childId: 'on', doneAt: '2026-03-09T00:00:00Z' }),
        row({ childId: 'late', doneAt: '2026-03-12T00:00:00Z' }),
        row({ childId: 'missed' }),
        row({ childId: 'soon', dueBy: '2026-03-20T23:59:59.999Z' }),
        row({ childId: 'brief', endedOn: '2026-03-04', dueBy: null, due: null }),
        // still privately fostered, notified over a year ago: counted now, not in the year's figures
        row({ childId: 'long', notifiedOn: '2025-01-06', doneAt: '2025-01-07T00:00:00Z' }),
      ],
      now,
      '2026-03-12',
      new Set(['missed']),
    );
    expect(Object.fromEntries(Object.entries(f.lists).map(([k, v]) => [k, v.map((c) => c.childId)]))).toEqual({
      current: ['on', 'late', 'missed', 'soon', 'long'],
      notified: ['on', 'late', 'missed', 'soon', 'brief'],
      on_time: ['on'],
      late: ['late'],
      not_seen: ['missed'],
      not_yet_due: ['soon'],
      ended_before_due: ['brief'],
    });
    expect(f.decided).toBe(3);
    expect(f.percentOnTime).toBe(33);
    const page = figuresPage(f, 'not_seen');
    expect(page.headline).toBe(
      '1 of 3 privately fostered children whose first visit fell due in the last 12 months were seen within 7 working days of the notification (33%).',
    );
    // a restricted record is counted, never named
    expect(page.chosen!.rows[0]![0]).toEqual({ text: 'Restricted record' });
    expect(String((page.rows[0]![1] as { html: unknown }).html)).toContain('href="/private-fostering?list=current"');
  });

  it('says so when no first visit has fallen due, rather than a percentage of nothing', () => {
    const page = figuresPage(figures([], now, '2026-03-12', new Set()), null);
    expect(page.headline).toBe('No first visit has fallen due in the last 12 months.');
    expect(page.chosen).toBeNull();
  });
});
