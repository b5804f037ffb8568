import { describe, expect, it } from 'vitest';
import { candidateItems, changeReasonItems, historyRows, userRows, workerQuestions } from './presenters.js';

describe('the workforce presenters', () => {
  it('link each user to their page, named for a screen reader, escaping the name', () => {
    const [row] = userRows([
      { id: 'u1', username: 'o<b>', displayName: 'O B', role: 'team_manager', teamName: null, demo: true, disabled: true },
    ]);
    expect(row!.slice(0, 5)).toEqual([
      { text: 'o<b>' },
      { text: 'O B' },
      { text: 'Team manager' },
      { text: '' },
      { text: 'Demo Disabled' },
    ]);
    expect(String(row![5]!.html)).toBe(
      '<a class="govuk-link" href="/admin/users/u1">Change<span class="govuk-visually-hidden"> o&lt;b&gt;</span></a>',
    );
  });

  it('show each candidate’s caseload before a child is added to it', () => {
    const items = candidateItems(
      [{ id: 'w1', name: 'Ben', teamId: 't1', teamName: 'North 1', caseload: 0, newlyQualified: true, agency: false }],
      'w1',
    );
    expect(items).toEqual([{ value: 'w1', text: 'Ben (North 1)', hint: { text: '0 children, newly qualified' }, checked: true }]);
  });

  it('show the current allocation as running to now', () => {
    expect(historyRows([{ started: '2026-01-02', ended: null, team: 'North 1', worker: null, changeReason: null }])).toEqual([
      [{ text: '2 January 2026' }, { text: 'Now' }, { text: 'Not allocated' }, { text: 'North 1' }, { text: '' }],
    ]);
  });

  it('say why the social worker changed, and that it was not recorded before it was asked', () => {
    const rows = historyRows([
      { started: '2026-03-02', ended: null, team: 'North 1', worker: 'Ben', changeReason: 'LEFTRL' },
      { started: '2025-01-02', ended: '2026-03-02', team: 'North 1', worker: 'Ann', changeReason: null },
    ]);
    expect(rows.map((r) => r[4])).toEqual([{ text: 'The previous social worker left their role' }, { text: 'Not recorded' }]);
    expect(
      changeReasonItems('MANAGE')
        .filter((i) => i.checked)
        .map((i) => i.value),
    ).toEqual(['MANAGE']);
    expect(changeReasonItems(undefined).map((i) => i.value)).toHaveLength(10);
  });

  it('tick the answers given to a worker’s three questions', () => {
    const [qualified] = workerQuestions({ qualified: 'no' });
    expect(qualified!.items.map((i) => i.checked)).toEqual([false, true]);
  });
});
