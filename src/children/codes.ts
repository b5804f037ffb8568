/**
 * The DfE code lists the record uses: those of the current CIN census schema, as the returns
 * module extracts them from DfE's XSDs (src/returns/cin/schema), so each list is kept once.
 */
import type { CodeList } from '../core/codes.js';
import { cinYearSchema } from '../returns/cin/schema/index.js';

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
