/**
 * How a use case of an area of casework refuses: a rule of practice broken names the field to
 * put right (400), a record that is not the child's is not found (404). A stale version is
 * `StaleRecordError` (409), as everywhere.
 */

/** A rule of practice the input breaks, naming the field to put right. */
export class CaseworkRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaseworkRuleError';
  }
}

/** The record named is not one of this child's. */
export class CaseworkNotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found on this child's record`);
    this.name = 'CaseworkNotFound';
  }
}

/** Who is making the change, and when (to refuse a time later than now). */
export interface Actor {
  userId: string;
  workerId: string | null;
  now: Date;
}

/** Today in England, as YYYY-MM-DD: schemas take it to refuse a date in the future. */
export type Today = () => string;
