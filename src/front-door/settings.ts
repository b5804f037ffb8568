import type { ClockContext, RuleSetting } from '../clock/index.js';

export const SIGN_OFF_KEY = 'frontDoor.contactDecisionSignOff';

/**
 * Whether a practitioner's decision on a contact needs a manager's sign-off before it stands:
 * a local setting, kept with the clock's local policy and its history (the policy page changes
 * it). Working Together 2023 leaves the front door's arrangements to the local safeguarding
 * partners, so no statute sets it; by default, as before the setting existed, it does not.
 */
export const frontDoorSettings: readonly RuleSetting[] = [
  {
    key: SIGN_OFF_KEY,
    label: 'A practitioner’s decision on a contact needs a manager’s sign-off before it stands',
    unit: 'choice',
    default: 'not_required',
    options: ['not_required', 'required'],
    standing: 'local practice',
    statutoryPosition:
      'Working Together 2023 leaves the front door’s arrangements, and who decides on a contact, to the local safeguarding partners.',
  },
];

/** Whether a decision made on `today` needs a manager's sign-off. */
export function contactDecisionNeedsSignOff(ctx: ClockContext, today: string): boolean {
  return ctx.policy.value(SIGN_OFF_KEY, today) === 'required';
}
