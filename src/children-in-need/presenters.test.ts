import { describe, expect, it } from 'vitest';
import { reasonForClosureCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import type { ObligationView } from '../obligations/queries.js';
import { planPage, recordSection } from './presenters.js';
import type { ChildrenInNeedRecord, CinPlanView } from './queries.js';
import { closureReasonCodes } from './schema.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Wren', lastName: 'Madeup' };
const planId = '00000000-0000-4000-8000-0000000000aa';

const empty: ChildrenInNeedRecord = {
  plans: [],
  openReferrals: [],
  closures: [],
  transition: null,
  disabled: false,
  onChildProtectionPlan: false,
};

const due = (over: Partial<ObligationView>): ObligationView => ({
  childId: child.id,
  key: `child-in-need-visit:${planId}:cin-plan:${planId}`,
  ruleId: 'child-in-need-visit',
  episode: planId,
  ruleName: 'Child in need visit',
  source: '',
  due: '2026-04-13',
  done: null,
  status: 'due',
  explanation: 'See the child within 6 weeks of the plan starting.',
  workingDays: 3,
  hours: null,
  ...over,
});

describe('the children in need section of the child’s record', () => {
  it('says when nothing is recorded, and offers a plan only under an open referral', () => {
    const none = recordSection(child.id, empty, []);
    expect(none.status).toBe('No child in need plan recorded');
    expect(none.next).toBeNull();
    expect(none.links).toEqual([]);
    const open = recordSection(child.id, { ...empty, openReferrals: [{ id: 'r', referralDate: '2026-02-16' }] }, []);
    expect(open.links.map((l) => l.text)).toEqual(['Start a child in need plan', 'Close the case']);
    const onCp = recordSection(
      child.id,
      { ...empty, openReferrals: [{ id: 'r', referralDate: '2026-02-16' }], onChildProtectionPlan: true },
      [],
    );
    expect(onCp.links.map((l) => l.text)).toEqual(['Close the case']);
  });

  it('shows the plan in force and the next obligation, with its due date and why', () => {
    const section = recordSection(
      child.id,
      {
        ...empty,
        plans: [{ id: planId, startDate: '2026-03-02', endDate: null, endReason: null, reviews: 0, lastReview: null, actions: 0 }],
      },
      [due({ status: 'met_on_time' }), due({ status: 'overdue', due: '2026-04-13' })],
    );
    expect(section.status).toBe('On a child in need plan since 2 March 2026');
    expect(section.next).toEqual({
      text: 'Child in need visit',
      explanation: 'See the child within 6 weeks of the plan starting.',
      due: '13 April 2026',
      tag: { text: 'Overdue', classes: 'govuk-tag--red' },
    });
    expect(section.links[0]).toEqual({
      text: 'Open the child in need plan',
      href: `/children/${child.id}/children-in-need/plans/${planId}`,
    });
  });

  it('asks for transition planning only for a disabled child', () => {
    expect(recordSection(child.id, { ...empty, disabled: true }, []).rows).toContainEqual({
      key: { text: 'Transition planning' },
      value: { text: 'Not started' },
    });
    expect(recordSection(child.id, empty, []).rows).toEqual([]);
  });
});

describe('the plan page', () => {
  const plan: CinPlanView = {
    id: planId,
    childId: child.id,
    referralId: '00000000-0000-4000-8000-0000000000bb',
    referralDate: '2026-02-16',
    startDate: '2026-03-02',
    endDate: null,
    endReason: null,
    outcomes: ['At school every day'],
    contingency: null,
    version: 2,
    actions: [
      {
        id: '00000000-0000-4000-8000-0000000000dd',
        action: 'Attendance plan',
        owner: 'School',
        dueDate: '2026-03-20',
        status: 'in_progress',
        version: 1,
      },
    ],
    reviews: [],
  };

  it('gives the actions as data, and as table rows whose only HTML is the status tag', () => {
    const page = planPage(child, plan, [], {});
    expect(page.planActions.items).toEqual([
      {
        id: plan.actions[0]!.id,
        action: 'Attendance plan',
        owner: 'School',
        due: '20 March 2026',
        status: { text: 'In progress', colour: 'blue' },
      },
    ]);
    expect(page.planActions.rows.map((r) => r.map((c) => String('html' in c ? c.html : c.text)))).toEqual([
      ['Attendance plan', 'School', '20 March 2026', '<strong class="govuk-tag govuk-tag--blue">\n  In progress\n</strong>'],
    ]);
    expect(JSON.stringify({ ...page, planActions: { ...page.planActions, rows: [] } })).not.toMatch(/<[a-z]/);
    expect(page.planContent.edit!.outcomes.map((o) => o.value)).toEqual(['At school every day', '', '']);
  });

  it('links a refused progress form’s error to that action’s field', () => {
    const actionId = plan.actions[0]!.id;
    const page = planPage(child, plan, [], {
      form: `progress-${actionId}`,
      values: { status: 'completed' },
      errors: [{ field: 'status', message: 'x' }],
    });
    expect(page.errorList).toEqual([{ text: 'x', href: `#status-${actionId}` }]);
  });

  it('offers no changes once the plan has ended', () => {
    const page = planPage(child, { ...plan, endDate: '2026-05-11', endReason: 'case_closed' }, [], {});
    expect(page.planContent.edit).toBeNull();
    expect(page.planActions.add).toBeNull();
    expect(page.links).toEqual([]);
    expect(page.summary.rows.at(-1)!.value.text).toBe('11 May 2026: The case was closed');
  });
});

describe('the tables’ codes', () => {
  it('hold the reasons for closure of the CIN census’s code list', () => {
    expect([...closureReasonCodes]).toEqual(codesOf(reasonForClosureCodes));
  });
});
