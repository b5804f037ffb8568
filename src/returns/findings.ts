/**
 * What every statutory-return validator produces, whichever return it reads.
 * One finding per rule and row; the CLI, the upload page and the CSV/JSON
 * exports all speak this shape.
 */
export interface Finding {
  /** DfE rule code, as published (e.g. "101", "8640", "1103"). */
  rule: string;
  /** Table the row belongs to (903: "Header", "Episodes", ...; CIN: "Child", "Assessments", ...). */
  table: string;
  /**
   * 1-based data row in that table's file (header line not counted) for the 903;
   * 1-based position of the child in the message for the CIN census;
   * null when the finding is about the return as a whole.
   */
  row: number | null;
  /** The child's identifier in the return (903 CHILD, CIN LAchildID), when known. */
  childId: string | null;
  /** Fields the rule names as affected. */
  fields: string[];
  /** DfE's message for the rule. */
  message: string;
}

/**
 * A return that cannot be read at all. The message names the file and, where it
 * can, the line or element and what is wrong; it never carries a stack trace to
 * the user.
 */
export class ReturnReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly location?: string,
  ) {
    super(`${file}${location ? ` (${location})` : ''}: ${reason}`);
    this.name = 'ReturnReadError';
  }
}
