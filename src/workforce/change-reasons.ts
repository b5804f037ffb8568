/**
 * Why a child's social worker changed: DfE's reasons for a new social worker episode in the
 * SSDA903 (SW_REASON, from 2023/24), asked when a manager allocates the child to a worker.
 * The schema's check constraint holds the same codes.
 */
export const CHANGE_REASONS = {
  FCONTA: 'First social worker: the child’s first contact with this service',
  LEFTRL: 'The previous social worker left their role',
  ABSENC: 'The previous social worker is absent',
  SWDIED: 'The previous social worker died',
  MANAGE: 'A manager’s decision',
  ORGRST: 'The teams were reorganised',
  TSPROC: 'A transfer between teams at a stage of the work',
  CHCHAN: 'The child asked for a change',
  PCCHAN: 'The parent or carer asked for a change',
  OTHERS: 'Another reason',
} as const;

export type ChangeReason = keyof typeof CHANGE_REASONS;

export const CHANGE_REASON_CODES = Object.keys(CHANGE_REASONS) as [ChangeReason, ...ChangeReason[]];
