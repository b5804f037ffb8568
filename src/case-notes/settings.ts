import type { ClockContext, RuleSetting } from '../clock/index.js';

/**
 * When a case note counts as recorded late: a local setting, kept with the clock's local
 * policy and its history (the policy page changes it). A note is late when it was recorded
 * more than this many working days after what it records.
 */
export const caseNoteSettings: readonly RuleSetting[] = [
  {
    key: 'caseNotes.lateAfterWorkingDays',
    label: 'Case notes count as recorded late when written more than this many working days after the event',
    unit: 'working days',
    default: 5,
    standing: 'local practice',
    statutoryPosition: 'No statute or statutory guidance sets when a note is late: it is the authority’s recording policy.',
    range: {
      min: 1,
      max: 20,
      why: 'no statute or statutory guidance sets it: it is the authority’s recording policy; past 20 working days (about four weeks) a note no longer records the event as it happened',
    },
  },
];

/** The number of working days after which a note recorded on `recordedDate` was late. */
export function lateAfterWorkingDays(ctx: ClockContext, recordedDate: string): number {
  const v = ctx.policy.value('caseNotes.lateAfterWorkingDays', recordedDate);
  return typeof v === 'number' && v > 0 ? v : 5;
}
