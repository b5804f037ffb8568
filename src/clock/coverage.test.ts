import { describe, expect, it } from 'vitest';
import { ruleById } from './catalogue.js';
import { ruleFeed, unrecordedWork } from './coverage.js';
import type { FactKind } from './facts.js';

const rule = (id: string) => ruleById.get(id)!;
const recorded = (...kinds: FactKind[]) => new Set<FactKind>(kinds);

describe('whether the record feeds a rule', () => {
  it('runs when everything the rule starts, meets and stops on is recorded', () => {
    expect(ruleFeed(rule('contact-decision'), recorded('contact_received', 'contact_decided'))).toEqual({
      state: 'recorded',
      missing: [],
    });
  });

  it('is not recorded when nothing opens the rule, even if visits (which meet it) are recorded', () => {
    const feed = ruleFeed(rule('looked-after-visit'), recorded('visit_made'));
    expect(feed.state).toBe('not_recorded');
    expect(feed.missing).toEqual(['placement_started', 'placement_ended', 'ceased_looked_after']);
  });

  it('runs in part when the rule starts but what meets or stops it is not recorded', () => {
    const feed = ruleFeed(rule('emergency-protection-order-limit'), recorded('epo_made'));
    expect(feed).toEqual({ state: 'partly', missing: ['epo_ended'] });
  });

  it('a rule anchored on the child (a birthday) is opened by the record itself', () => {
    expect(ruleFeed(rule('transition-planning'), recorded()).state).toBe('partly');
    expect(ruleFeed(rule('transition-planning'), recorded('transition_planning_started', 'case_closed')).state).toBe('recorded');
  });

  it('a chain whose triggers all meet it too (core groups after the first) is opened by any of them', () => {
    expect(ruleFeed(rule('core-group'), recorded('core_group_held', 'cp_plan_ended')).state).toBe('recorded');
    expect(ruleFeed(rule('core-group'), recorded('cp_plan_ended')).state).toBe('not_recorded');
  });
});

describe('the work the record does not hold', () => {
  it('names whole areas nothing feeds, and the rules left unfed in an area partly fed', () => {
    const rules = ['contact-decision', 'police-protection-72-hours', 'strategy-discussion', 'care-plan', 'iro-appointed'].map(rule);
    expect(unrecordedWork(rules, recorded('contact_received', 'contact_decided', 'significant_harm_concern'))).toEqual({
      areas: ['looked after'],
      rules: [{ area: 'child protection', names: ['Police protection ends within 72 hours'] }],
      // the concern starts the strategy discussion's clock, and nothing here records one held
      cannotBeMet: [{ area: 'child protection', names: [rule('strategy-discussion').name] }],
    });
  });

  it('names the rules the record starts but has nothing to meet', () => {
    expect(
      unrecordedWork([rule('care-plan'), rule('iro-appointed')], recorded('became_looked_after', 'ceased_looked_after', 'iro_appointed')),
    ).toEqual({
      areas: [],
      rules: [],
      cannotBeMet: [{ area: 'looked after', names: [rule('care-plan').name] }],
    });
  });

  it('is empty when the record feeds every rule', () => {
    expect(unrecordedWork([rule('contact-decision')], recorded('contact_received', 'contact_decided'))).toEqual({
      areas: [],
      rules: [],
      cannotBeMet: [],
    });
  });
});
