import { describe, expect, it } from 'vitest';
import { ruleById } from './clock/index.js';
import { obligationAction } from './obligations/sources.js';
import { obligationGroups } from './oversight/queries.js';
// the composition root: importing it gives the clock's edge every area's declarations
import './areas.js';

describe('the pages that meet obligations, as the areas declare them', () => {
  it('names only rules of the clock, each with the page that meets it declared by its area', () => {
    for (const rule of obligationGroups.flatMap((g) => g.rules)) {
      expect(ruleById.has(rule), rule).toBe(true);
      const action = obligationAction({ ruleId: rule, childId: 'c1', episode: 'p1' });
      expect(action, rule).not.toBeNull();
      expect(action!.href, rule).toMatch(/^\/children\/c1\//);
    }
    expect(obligationAction({ ruleId: 'core-group', childId: 'c1', episode: 'p1' })).toEqual({
      text: 'Record a core group meeting',
      href: '/children/c1/child-protection/plans/p1/core-groups/new',
    });
    expect(obligationAction({ ruleId: 'assessment-45-working-days', childId: 'c1', episode: 'r1' })).toEqual({
      text: 'Open the assessment',
      href: '/children/c1/assessments/for-referral/r1',
    });
    // a period of care's rules lead to the period's own pages
    expect(obligationAction({ ruleId: 'looked-after-review', childId: 'c1', episode: 'p1' })).toEqual({
      text: 'Record the looked after review',
      href: '/children/c1/looked-after/periods/p1/reviews/new',
    });
    // the care plan's episode is the period of care, the placement plan's the placement: each leads to its form
    expect(obligationAction({ ruleId: 'care-plan', childId: 'c1', episode: 'p1' })).toEqual({
      text: 'Record the care plan',
      href: '/children/c1/care-planning/care-plans?period=p1',
    });
    expect(obligationAction({ ruleId: 'placement-plan', childId: 'c1', episode: 'pl1' })).toEqual({
      text: 'Record the placement plan',
      href: '/children/c1/care-planning/placement-plans?placement=pl1',
    });
    // a care leaver's needs assessment leads to the leaving care record's form
    expect(obligationAction({ ruleId: 'eligible-needs-assessment', childId: 'c1', episode: null })).toEqual({
      text: 'Record the needs assessment',
      href: '/children/c1/care-leaver/plan',
    });
    // a rule no area meets yet (the police protection's 72 hours) has no page: the list links to the child's record instead
    expect(ruleById.has('police-protection-72-hours')).toBe(true);
    expect(obligationAction({ ruleId: 'police-protection-72-hours', childId: 'c1', episode: null })).toBeNull();
  });
});
