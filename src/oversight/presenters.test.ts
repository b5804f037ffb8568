import { describe, expect, it } from 'vitest';
import { caseloadRows, listRows, teamLists } from './presenters.js';

const restricted = { childId: 'c2', worker: 'Ana <F>', team: null, requested: false };

describe('the oversight presenters', () => {
  it('link a team’s figures to its lists, naming the team only for a service manager', () => {
    expect(teamLists(undefined).band('0-15')).toBe('/my-team/lists/open-assessments?band=0-15');
    expect(teamLists('t1').caseload('w1')).toBe('/my-team/lists/caseload?teamId=t1&workerId=w1');
    expect(teamLists('t1').overdue).toBe('/my-team/lists/overdue-assessments?teamId=t1');
  });

  it('show a list’s children by name, a restricted record without one, and its dates as dates', () => {
    const rows = listRows([
      { childId: 'c1', childName: 'Ann <Smith>', cells: ['2026-01-05', '3'] },
      { restricted, cells: ['2026-02-01', '4'] },
    ]);
    expect(String((rows[0]![0] as { html: unknown }).html)).toBe('<a class="govuk-link" href="/children/c1">Ann &lt;Smith&gt;</a>');
    expect(rows[0]!.slice(1)).toEqual([{ text: '5 January 2026' }, { text: '3' }]);
    const cell = String((rows[1]![0] as { html: unknown }).html);
    expect(cell).toContain('Restricted record');
    expect(cell).toContain('held by Ana &lt;F&gt;');
    expect(cell).toContain('href="/access-requests/new?child=c2"');
  });

  it('end a row with where the list’s work is done, blank for a restricted record, so every row has every column', () => {
    const rows = listRows(
      [
        {
          childId: 'c1',
          childName: 'Ann',
          cells: ['2026-03-02'],
          action: { href: '/children/c1/assessments/a1', text: 'Review', hidden: 'the assessment of Ann' },
        },
        { restricted, cells: ['2026-03-01'] },
      ],
      3,
    );
    expect(String((rows[0]![2] as { html: unknown }).html)).toBe(
      '<a class="govuk-link" href="/children/c1/assessments/a1">Review<span class="govuk-visually-hidden"> the assessment of Ann</span></a>',
    );
    expect(rows[1]!.slice(1)).toEqual([{ text: '1 March 2026' }, { text: '' }]);
  });

  it('bolds a caseload over 40 and says who the number is for', () => {
    const lists = teamLists(undefined);
    const [heavy] = caseloadRows(
      [{ workerId: 'w1', name: 'Ben', role: 'social_worker', newlyQualified: true, agency: true, children: 41 }],
      lists,
    );
    expect(heavy![2]).toEqual({ text: 'newly qualified, agency' });
    expect(heavy![3]!.classes).toBe('app-numeric govuk-!-font-weight-bold');
    expect(String(heavy![3]!.html)).toBe(
      '<a class="govuk-link" href="/my-team/lists/caseload?workerId=w1">41<span class="govuk-visually-hidden"> children allocated to Ben</span></a>',
    );
  });
});
