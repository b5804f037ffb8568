import type { ClockContext, RuleSetting } from '../clock/index.js';

/** Local settings for oversight (not deadlines), kept with the clock's local policy and its history. */
export const oversightSettings: readonly RuleSetting[] = [
  {
    key: 'oversight.notSeenWorkingDays',
    label: 'Children not seen: alert after this many working days without a visit at which the child was seen',
    unit: 'working days',
    default: 20,
    standing: 'local practice',
    statutoryPosition:
      'No statute sets an alert; the Care Planning Regulations 2010 (reg 28) set how often a looked after child is visited, and local policy how often other children are seen.',
    range: {
      min: 1,
      max: 30,
      why: 'the Care Planning Regulations 2010 (reg 28) allow at most 6 weeks (about 30 working days) between visits to a looked after child in the first year of a placement; a later alert would come after a statutory visit was missed',
    },
  },
  {
    key: 'oversight.conferenceReportWorkingDays',
    label: 'Conference reports: shared with the family in time when shared at least this many working days before the conference',
    unit: 'working days',
    default: 1,
    standing: 'local practice',
    statutoryPosition:
      'Working Together to Safeguard Children 2023 (chapter 4): the report is shared with the child and family before the conference; no number of days is given.',
    range: {
      min: 1,
      max: 10,
      why: 'Working Together to Safeguard Children 2023 (chapter 4) says the social worker’s report is shared with the child and family before the conference, without saying how long before; 1 working day is that reading, and the authority may ask for more',
    },
  },
];

/** The working days before a conference held on the day by which its report is to reach the family. */
export function conferenceReportWorkingDays(ctx: ClockContext, onDate: string): number {
  const v = ctx.policy.value('oversight.conferenceReportWorkingDays', onDate);
  return typeof v === 'number' && v > 0 ? v : 1;
}

export function notSeenWorkingDays(ctx: ClockContext, today: string): number {
  const v = ctx.policy.value('oversight.notSeenWorkingDays', today);
  return typeof v === 'number' && v > 0 ? v : 20;
}
