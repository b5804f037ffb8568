import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, child, episode, findings, flagged, type RowInput } from '../ssda903.test-kit.js';
import {
  oc3Rules,
  rule1000,
  rule1001,
  rule1002,
  rule1007,
  rule1010,
  rule1011,
  rule1012,
  rule1014,
  rule1016,
  rule131,
  rule132,
  rule133,
  rule134,
  rule153,
  rule215,
  rule3001,
  rule344,
  rule345,
  rule347,
  rule348,
  rule391,
} from './oc3.js';

/** The rules with a passing and a failing case in the first table below. */
const withCases = [rule131, rule132, rule133, rule134, rule153, rule215, rule344, rule345, rule347, rule348, rule391];

/** The rules on whether care leaver information belongs to the young person, with cases in the second table. */
const lateWithCases = [rule3001, rule1016, rule1014, rule1012, rule1011, rule1010, rule1007];

/** A young man of 19 who left care last year, with this OC3 row. */
const careLeaver = (o: RowInput = {}, dob = '01/06/2006') =>
  build903({ Header: [c1.header({ DOB: dob })], OC3: [{ CHILD: 'C1', DOB: dob, IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1', ...o }] });

describe('rules on OC3 (care leavers)', () => {
  checkRules(withCases, {
    '131': { why: 'in touch MAYBE', fails: careLeaver({ IN_TOUCH: 'MAYBE' }), flagged: ['OC3 1'], passes: careLeaver() },
    '132': {
      why: 'activity left blank',
      fails: careLeaver({ ACTIV: null }),
      flagged: ['OC3 1'],
      passes: careLeaver({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }),
    },
    '133': { why: 'accommodation Q1', fails: careLeaver({ ACCOM: 'Q1' }), flagged: ['OC3 1'], passes: careLeaver() },
    '134': {
      why: 'a care leaver with adoption details',
      fails: build903({
        OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }],
        AD1: [{ CHILD: 'C1', DATE_INT: '01/01/2020' }],
      }),
      flagged: ['AD1 1'],
      passes: build903({
        OC3: [
          { CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' },
          { CHILD: 'C2', IN_TOUCH: null, ACTIV: null, ACCOM: null },
        ],
        AD1: [
          { CHILD: 'C2', DATE_INT: '01/01/2020' },
          { CHILD: 'C1', DATE_INT: null },
        ],
      }),
    },
    '153': { why: 'accommodation left out', fails: careLeaver({ ACCOM: null }), flagged: ['OC3 1'], passes: careLeaver() },
    '215': {
      why: 'a care leaver with twelve-month health items',
      fails: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }], OC2: [c1.oc2()] }),
      flagged: ['OC3 1', 'OC2 1'],
      passes: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }], OC2: [c1.oc2({ CHILD: 'C2' })] }),
    },
    '344': {
      why: 'an activity for a young person who died',
      fails: careLeaver({ IN_TOUCH: 'DIED' }),
      flagged: ['OC3 1'],
      passes: careLeaver({ IN_TOUCH: 'DIED', ACTIV: null, ACCOM: null }),
    },
    '345': { why: 'in touch, activity 0', fails: careLeaver({ ACTIV: '0' }), flagged: ['OC3 1'], passes: careLeaver() },
    '347': {
      why: 'a foyer at 17',
      fails: careLeaver({ ACCOM: 'T1' }, '01/06/2008'),
      flagged: ['OC3 1'],
      passes: careLeaver({ ACCOM: 'T1' }),
    },
    '348': {
      why: 'a care leaver reported last year as having died',
      fails: build903(
        { OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }] },
        { previous: { OC3: [{ CHILD: 'C1', IN_TOUCH: 'DIED' }] } },
      ),
      flagged: ['OC3 1'],
      passes: build903(
        { OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }] },
        { previous: { OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES' }] } },
      ),
    },
    '391': {
      why: 'a young person of 22 all year',
      fails: careLeaver({}, '01/03/2003'),
      flagged: ['OC3 1'],
      passes: careLeaver({}, '31/03/2004'),
    },
  });
});

const oc3Row = (child: string, dob: string) => ({ CHILD: child, DOB: dob, IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' });

describe('care leaver information belongs to care leavers', () => {
  it('348: a young person reported last year as having died is reported as died again, not otherwise', () => {
    const tables = {
      OC3: [
        { CHILD: 'A', IN_TOUCH: 'DIED' },
        { CHILD: 'B', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' },
        { CHILD: null, IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' },
      ],
    };
    const previous = {
      OC3: [
        { CHILD: 'A', IN_TOUCH: 'DIED' },
        { CHILD: 'B', IN_TOUCH: 'DIED' },
        { CHILD: null, IN_TOUCH: 'DIED' },
      ],
    };
    expect(flagged(rule348, tables, { previous })).toEqual(['OC3 2']);
  });
  it('1000: not for a young person who died in care, this year or last', () => {
    const tables = {
      OC3: [oc3Row('A', '01/06/2007'), oc3Row('B', '01/06/2007'), oc3Row('C', '01/06/2007')],
      Episodes: [
        episode('A', '01/01/2023', { DEC: '01/06/2025', REC: 'E2' }),
        episode('C', '01/01/2023', { DEC: '01/06/2025', REC: 'E4A' }),
      ],
    };
    const previous = { Episodes: [episode('B', '01/01/2023', { DEC: '01/06/2024', REC: 'E2' })] };
    expect(flagged(rule1000, tables, { previous })).toEqual(['OC3 1', 'OC3 2']);
  });
  it('1001: only for a young person looked after 13 weeks after 14 and beyond their 16th birthday', () => {
    const tables = {
      OC3: [oc3Row('A', '01/06/2009'), oc3Row('B', '01/06/2009'), oc3Row('C', '01/06/2009'), oc3Row('D', '01/06/2009')],
      Episodes: [
        episode('A', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' }),
        episode('B', '01/01/2023', { DEC: '01/06/2025', REC: 'E4A' }),
        episode('C', '01/04/2025', { DEC: '30/06/2025', REC: 'E4A' }),
      ],
    };
    // B left on their 16th birthday; C had 90 days; D was never looked after.
    expect(flagged(rule1001, tables)).toEqual(['OC3 2', 'OC3 3', 'OC3 4']);
  });
  it('1001: ages are counted from the Header’s date of birth when OC3 gives another', () => {
    const tables = {
      Header: [child('A', '01/06/2012'), child('B', '01/06/2009')],
      OC3: [oc3Row('A', '01/06/2009'), oc3Row('B', '01/06/2012')],
      Episodes: [
        episode('A', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' }),
        episode('B', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' }),
      ],
    };
    // A was 13 when care ended; B was past 16.
    expect(flagged(rule1001, tables)).toEqual(['OC3 1']);
  });
  it('1002: not for a young person with no episodes this year or last', () => {
    const previous = { Episodes: [episode('B', '01/01/2023', { DEC: '01/06/2024', REC: 'E4A' })] };
    expect(flagged(rule1002, { OC3: [oc3Row('A', '01/06/2007'), oc3Row('B', '01/06/2007')] }, { previous })).toEqual(['OC3 1']);
    expect(flagged(rule1002, { OC3: [oc3Row('A', '01/06/2007')] })).toEqual([]);
  });
});

// The 2025/26 return: the year runs from 1 April 2025 to 31 March 2026.
/** Turned 17 on 10 October 2025. */
const SEVENTEEN = '10/10/2008';
/** Turned 18 on 10 October 2025. */
const EIGHTEEN = '10/10/2007';
/** Turned 20 on 10 October 2025. */
const TWENTY = '10/10/2005';

/** A care leaver's row: in touch, in education, in independent living. */
const leaver = (o: RowInput = {}): RowInput => ({ CHILD: 'C1', DOB: SEVENTEEN, IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'U1', ...o });

/** C1, aged 17, looked after from May 2024 in the episodes given, with care leaver information. */
const seventeenYearOld = (episodes: RowInput[], o: RowInput = {}) =>
  build903({ Header: [c1.header({ DOB: SEVENTEEN })], Episodes: episodes, OC3: [leaver(o)] });

/** C1 looked after this year, and C2, a care leaver of 20 with no episodes, plus the given tables. */
const withCareLeaver = (more: Record<string, RowInput[]>, lastYear: RowInput[] = []) =>
  build903(
    {
      Header: [c1.header(), c1.header({ CHILD: 'C2', DOB: TWENTY })],
      Episodes: [c1.episode()],
      OC3: [leaver({ CHILD: 'C2', DOB: TWENTY })],
      ...more,
    },
    { previous: { Episodes: [c1.episode(), ...lastYear] } },
  );

describe('care leaver information and the young person’s episodes', () => {
  checkRules(lateWithCases, {
    '3001': {
      why: 'a 17-year-old care leaver living with former foster carers',
      fails: build903({ Header: [c1.header({ DOB: SEVENTEEN })], OC3: [leaver({ ACCOM: 'Z1' })] }),
      flagged: ['OC3 1'],
      // At 20, staying with former foster carers is recorded as such.
      passes: build903({
        Header: [c1.header({ DOB: SEVENTEEN }), c1.header({ CHILD: 'C2', DOB: TWENTY })],
        OC3: [leaver(), leaver({ CHILD: 'C2', DOB: TWENTY, ACCOM: 'Z1' })],
      }),
    },
    '1016': {
      why: 'a 17-year-old who left care in January, after her October birthday, with care leaver information',
      fails: seventeenYearOld([c1.episode({ DEC: '10/01/2026', REC: 'E4A' })]),
      flagged: ['OC3 1'],
      // Left care in September, before turning 17: the information is due.
      passes: seventeenYearOld([c1.episode({ DEC: '01/09/2025', REC: 'E4A' })]),
    },
    '1014': {
      why: 'a care leaver with no episodes this year who has a UASC row',
      fails: withCareLeaver({ UASC: [{ CHILD: 'C2', SEX: 'M', DOB: TWENTY, DUC: '09/10/2023' }] }),
      flagged: ['UASC 1', 'OC3 1'],
      passes: withCareLeaver({ UASC: [{ CHILD: 'C1', SEX: 'M', DOB: '01/06/2012', DUC: '31/05/2030' }] }),
    },
    '1012': {
      why: 'a review recorded for a care leaver with no episodes this year',
      fails: withCareLeaver({
        Reviews: [
          { CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' },
          { CHILD: 'C2', DOB: TWENTY, REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' },
        ],
      }),
      flagged: ['Reviews 2'],
      passes: withCareLeaver({ Reviews: [{ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' }] }),
    },
    '1011': {
      why: 'care leaver information for an 18-year-old whose care was taken over by another authority',
      fails: build903({
        Header: [c1.header({ DOB: EIGHTEEN })],
        Episodes: [c1.episode({ DEC: '01/09/2025', REC: 'E3' })],
        OC3: [leaver({ DOB: EIGHTEEN })],
      }),
      flagged: ['OC3 1'],
      passes: build903({
        Header: [c1.header({ DOB: EIGHTEEN })],
        Episodes: [c1.episode({ DEC: '01/09/2025', REC: 'E4A' })],
        OC3: [leaver({ DOB: EIGHTEEN })],
      }),
    },
    '1010': {
      why: 'a care leaver with no episodes this year though one was open at the end of last year',
      fails: withCareLeaver({}, [c1.episode({ CHILD: 'C2', DECOM: '01/01/2022' })]),
      flagged: ['OC3 1'],
      passes: withCareLeaver({}, [c1.episode({ CHILD: 'C2', DECOM: '01/01/2022', DEC: '10/10/2023', REC: 'E4A' })]),
    },
    '1007': {
      why: 'care leaver information for a 17-year-old looked after on his birthday and still looked after',
      fails: seventeenYearOld([c1.episode()]),
      flagged: ['OC3 1'],
      // Came back into care in December, after his birthday: he was a care leaver on it.
      passes: seventeenYearOld([c1.episode({ DECOM: '01/12/2025' })]),
    },
  });
});

describe('1010 and 1012 at the edges', () => {
  const rule = (code: string) => oc3Rules.find((r) => r.code === code)!;
  const found = (code: string, ret: ReturnType<typeof build903>) => findings(rule(code), ret);
  it('1010: an earlier episode last year with no end date, followed by one that ended, was not open at the year end', () => {
    const ret = withCareLeaver({}, [
      c1.episode({ CHILD: 'C2', DECOM: '01/01/2022' }),
      c1.episode({ CHILD: 'C2', DECOM: '01/06/2023', DEC: '10/10/2023', REC: 'E4A' }),
    ]);
    expect(found('1010', ret)).toEqual([]);
  });
  it("3001: the Header's date of birth is used when OC3 gives another", () => {
    const ret = build903({ Header: [c1.header({ DOB: SEVENTEEN })], OC3: [leaver({ DOB: TWENTY, ACCOM: 'Z1' })] });
    expect(found('3001', ret)).toEqual(['OC3 1']);
    expect(found('3001', build903({ OC3: [leaver({ ACCOM: 'Z1' })] }))).toEqual(['OC3 1']);
  });
  it('1012: the rows of a child with no episodes who is not in OC3 either', () => {
    const ret = withCareLeaver({ Reviews: [{ CHILD: 'C3', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' }] });
    expect(found('1012', ret)).toEqual(['Reviews 1']);
  });
});
