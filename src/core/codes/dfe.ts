/**
 * DfE code lists used on the record: those of the current CIN census schema, as the returns
 * module extracts them from DfE's XSDs (src/returns/cin/schema), so each list is kept once.
 */
import { cinYearSchema } from '../../returns/cin/schema/index.js';
import type { Code } from '../../returns/cin/schema/types.js';

export type { Code };
export type CodeList = readonly Code[];

/** The schema year the record's lists follow. */
const RECORD_SCHEMA_YEAR = 2026;
const lists = cinYearSchema(RECORD_SCHEMA_YEAR).codes;

export const sexCodes: CodeList = lists.sex;
export const ethnicityCodes: CodeList = lists.ethnicity;
export const disabilityCodes: CodeList = lists.disability;
export const referralSourceCodes: CodeList = lists.referralSource;
export const categoryOfAbuseCodes: CodeList = lists.categoryOfAbuse;
export const primaryNeedCodes: CodeList = lists.primaryNeed;
export const reasonForClosureCodes: CodeList = lists.reasonForClosure;
export const assessmentFactorCodes: CodeList = lists.assessmentFactors;

export function labelOf(list: CodeList, code: string | null | undefined): string {
  if (!code) return '';
  return list.find((c) => c.code === code)?.label ?? code;
}

export function codesOf(list: CodeList): [string, ...string[]] {
  const codes = list.map((c) => c.code);
  if (codes.length === 0) throw new Error('empty code list');
  return codes as [string, ...string[]];
}
