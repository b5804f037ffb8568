/**
 * The DfE code lists the record uses: those of the current CIN census schema, as the returns
 * module extracts them from DfE's XSDs (src/returns/cin/schema), so each list is kept once;
 * and the words for an SSDA903 code list that the pages of more than one area show.
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

/**
 * The SSDA903's reasons a period of care ended (REC), in words: shown by the looked after
 * pages, and by adoption's, whose adoption order ends a period of care with one of them.
 */
export const reasonCeasedLabels: Record<string, string> = {
  E11: 'Adopted: application unopposed',
  E12: 'Adopted: consent dispensed with by the court',
  E2: 'Died',
  E3: 'Care taken over by another local authority in the UK',
  E4A: 'Returned home to parents or others with parental responsibility, as part of the care plan',
  E4B: 'Returned home to parents or others with parental responsibility, not as part of the care plan',
  E13: 'Left care to live with parents, relatives or others with no parental responsibility',
  E41: 'Child arrangements order (with whom the child lives) granted',
  E45: 'Special guardianship order to former foster carers who are relatives or friends',
  E46: 'Special guardianship order to former foster carers, not relatives or friends',
  E47: 'Special guardianship order to other carers who are relatives or friends',
  E48: 'Special guardianship order to other carers, not relatives or friends',
  E5: 'Moved into independent living with formal advice and support',
  E6: 'Moved into independent living without formal advice and support',
  E7: 'Transferred to residential care funded by adult social care',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found the child to be 18 or over',
  E16: 'Child moved abroad',
  E17: 'Aged 18 or over and stayed with current carers (including staying put)',
  E8: 'Ceased for any other reason',
};
