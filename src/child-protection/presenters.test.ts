import { describe, expect, it } from 'vitest';
import { categoryOfAbuseCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import type { ObligationView } from '../obligations/queries.js';
import { dateAndTime, newDiscussionValues, planPage, recordSection } from './presenters.js';
import type { ChildProtectionRecord, PlanView } from './queries.js';
import { categoryCodes } from './schema.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Kit', lastName: 'Invented' };

const due = (over: Partial<ObligationView>): ObligationView => ({
  childId: child.id,
  key: 'x',
  ruleId: 'first-core-group',
  episode: null,
  ruleName: 'First core group',
  source: '',
  due: '2026-04-07',
  done: null,
  status: 'due',
  explanation: 'Hold the first core group within 10 working days.',
  workingDays: 3,
  hours: null,
  ...over,
});

const plan: ChildProtectionRecord['plans'][number] = {
  id: '00000000-0000-4000-8000-0000000000aa',
  startDate: '2026-03-20',
  endDate: null,
  endReason: null,
  latestCategory: 'PHY',
  finalisedDate: null,
  hasContingency: false,
  coreGroups: 0,
  reviews: 0,
};

describe('the child protection section of the child’s record', () => {
  it('says when nothing is recorded, rather than that nothing is due', () => {
    const section = recordSection(child.id, { enquiries: [], plans: [], asked: [] }, []);
    expect(section.status).toBe('No child protection enquiry or plan recorded');
    expect(section.next).toBeNull();
  });

  it('shows the plan in force, its missing contingency, and the next obligation with its due date', () => {
    const section = recordSection(child.id, { enquiries: [], plans: [plan], asked: [] }, [
      due({ status: 'met_on_time', due: '2026-03-23' }),
      due({}),
    ]);
    expect(section.status).toBe('On a child protection plan since 20 March 2026');
    expect(section.rows.map((r) => [r.key.text, r.value.text])).toContainEqual(['Plan finalised', 'Not yet: no contingency plan']);
    expect(section.rows.map((r) => r.value.text)).toContain('Physical abuse (PHY)');
    expect(section.next).toMatchObject({ text: 'First core group', due: '7 April 2026', tag: { text: 'Due', classes: 'govuk-tag--blue' } });
    expect(section.links[0]).toEqual({
      text: 'Open the child protection plan',
      href: `/children/${child.id}/child-protection/plans/${plan.id}`,
    });
  });

  it('shows an overdue strategy discussion for a concern not yet discussed, with its time', () => {
    const section = recordSection(
      child.id,
      {
        enquiries: [
          {
            discussionId: '00000000-0000-4000-8000-0000000000bb',
            concernAt: '2026-03-02T09:00:00Z',
            heldAt: null,
            decisions: [],
            authorisedDate: null,
            s47EnquiryId: null,
            s47StartDate: null,
            s47EndDate: null,
            s47Outcome: null,
            conferenceRequired: null,
            s47AuthorisedDate: null,
            conferenceId: null,
            conferenceType: null,
            conferenceDate: null,
            conferenceDecision: null,
            planId: null,
          },
        ],
        plans: [],
        asked: [],
      },
      [due({ ruleName: 'Strategy discussion', due: '2026-03-03T09:00:00+00:00', status: 'overdue' })],
    );
    expect(section.status).toBe('Concern of significant harm raised 2 March 2026 at 9am');
    expect(section.next).toMatchObject({ due: '3 March 2026 at 9am', tag: { text: 'Overdue', classes: 'govuk-tag--red' } });
  });

  it('says when the last concern was, once no enquiry is under way', () => {
    const closed = {
      discussionId: '00000000-0000-4000-8000-0000000000ee',
      concernAt: '2026-02-20T16:10:00Z',
      heldAt: '2026-02-20T17:00:00Z',
      decisions: ['no_further_action'],
      authorisedDate: null,
      s47EnquiryId: null,
      s47StartDate: null,
      s47EndDate: null,
      s47Outcome: null,
      conferenceRequired: null,
      s47AuthorisedDate: null,
      conferenceId: null,
      conferenceType: null,
      conferenceDate: null,
      conferenceDecision: null,
      planId: null,
    };
    expect(recordSection(child.id, { enquiries: [closed], plans: [], asked: [] }, []).status).toBe(
      'No enquiry under way: the last concern was raised 20 February 2026 at 4:10pm',
    );
  });

  it('leads from a front door decision for a strategy discussion to the form, with its contact and referral', () => {
    const asked = {
      contactId: '00000000-0000-4000-8000-0000000000c1',
      referralId: '00000000-0000-4000-8000-0000000000f1',
      receivedAt: '2026-03-02T09:15:00Z',
    };
    const section = recordSection(child.id, { enquiries: [], plans: [], asked: [asked] }, []);
    const href = `/children/${child.id}/child-protection/strategy-discussions/new?contactId=${asked.contactId}&referralId=${asked.referralId}`;
    expect(section.status).toBe(
      'The front door decided on a strategy discussion for the contact received 2 March 2026 at 9:15am: not recorded yet',
    );
    expect(section.links[0]).toEqual({ text: 'Record the strategy discussion the front door decided on', href });
    expect(section.start.href).toBe(href);
    expect(newDiscussionValues('2026-03-04', { contactId: asked.contactId }, [asked])).toEqual({
      concernDate: '2026-03-02',
      concernTime: '09:15',
      referralId: asked.referralId,
      contactId: asked.contactId,
    });
  });

  it('writes a datetime in England’s time, summer or winter', () => {
    expect(dateAndTime('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 2:05pm');
    expect(dateAndTime('2026-01-05T13:05:00Z')).toBe('5 January 2026 at 1:05pm');
  });
});

describe('the plan page', () => {
  const view: PlanView = {
    id: plan.id,
    childId: child.id,
    initialConferenceId: '00000000-0000-4000-8000-0000000000cc',
    startDate: '2026-03-20',
    endDate: null,
    endReason: null,
    initialCategory: 'PHY',
    latestCategory: 'PHY',
    outcomes: ['Safe at home'],
    contingency: null,
    finalisedDate: null,
    version: 3,
    actions: [
      {
        id: '00000000-0000-4000-8000-0000000000dd',
        action: 'Safety plan',
        owner: 'Ana',
        dueDate: '2026-03-27',
        status: 'in_progress',
        version: 1,
      },
    ],
    coreGroups: [],
    reviews: [],
  };

  it('warns of a missing contingency, and shows a refused finalise against the contingency field', () => {
    const page = planPage(child, view, [], {
      today: '2026-03-20',
      form: 'finalise',
      values: { 'finalisedDate-day': '20', 'finalisedDate-month': '3', 'finalisedDate-year': '2026' },
      errors: [{ field: 'contingency', message: 'Write the contingency plan before the plan is finalised' }],
    });
    expect(page.noContingency).toBe(true);
    expect(page.errorList).toEqual([{ text: 'Write the contingency plan before the plan is finalised', href: '#contingency' }]);
    expect(page.edit!.contingency.errorMessage).toEqual({ text: 'Write the contingency plan before the plan is finalised' });
    expect(page.edit!.outcomes.map((o) => o.value)).toEqual(['Safe at home', '', '']);
    expect(String(page.actions.rows[0]![3]!.html)).toBe('<strong class="govuk-tag govuk-tag--blue">In progress</strong>');
  });

  it('offers no changes once the plan has ended', () => {
    const page = planPage(child, { ...view, endDate: '2026-06-22', endReason: 'reached_18', contingency: 'x' }, [], {
      today: '2026-06-22',
    });
    expect(page.edit).toBeNull();
    expect(page.finalise).toBeNull();
    expect(page.links).toEqual([]);
    expect(page.summary.rows.at(-1)!.value.text).toBe('22 June 2026: The child reached 18');
  });
});

describe('the tables’ codes', () => {
  it('hold the categories of abuse of the CIN census’s code list', () => {
    // the CHECK constraint writes the list out: drizzle-kit cannot load the census schema
    expect([...categoryCodes]).toEqual(codesOf(categoryOfAbuseCodes));
  });
});
