import type { ClockContext, RuleSetting } from '../clock/index.js';

/**
 * How long each stage of dispute resolution has for its response: a local setting (the
 * authority's dispute resolution protocol), kept with the clock's local policy and its history.
 */
export const disputeSettings: readonly RuleSetting[] = [
  {
    key: 'disputes.responseWorkingDays',
    label: 'Dispute resolution: working days each stage has to respond',
    unit: 'working days',
    default: 5,
    standing: 'local practice',
    statutoryPosition: 'No statute sets it: it is the local dispute resolution protocol.',
    range: {
      min: 1,
      max: 20,
      why: 'no statute sets it: it is the local dispute resolution protocol; a concern about a child’s plan that waits past 20 working days at one stage leaves the plan unchallenged for a month',
    },
  },
];

export function responseWorkingDays(ctx: ClockContext, onDate: string): number {
  const v = ctx.policy.value('disputes.responseWorkingDays', onDate);
  return typeof v === 'number' && v > 0 ? v : 5;
}
