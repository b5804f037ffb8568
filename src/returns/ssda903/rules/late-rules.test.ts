import { describe, expect, it } from 'vitest';
import type { Provider } from '../model.js';
import type { RowInput } from '../test-factory.js';
import { build903 } from '../test-factory.js';
import { lateRules } from './late-rules.js';
import { checkRules, episode, header } from './rule-cases.js';

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
  build903({ Header: [header({ DOB: SEVENTEEN })], Episodes: episodes, OC3: [leaver(o)] });

/** C1 looked after this year, and C2, a care leaver of 20 with no episodes, plus the given tables. */
const withCareLeaver = (more: Record<string, RowInput[]>, lastYear: RowInput[] = []) =>
  build903(
    {
      Header: [header(), header({ CHILD: 'C2', DOB: TWENTY })],
      Episodes: [episode()],
      OC3: [leaver({ CHILD: 'C2', DOB: TWENTY })],
      ...more,
    },
    { previous: { Episodes: [episode(), ...lastYear] } },
  );

const provider = (urn: string): Provider => ({
  urn,
  placeTypes: ['U4'],
  providerCodes: ['PR1'],
  postcode: 'TW10 6AA',
  laCode: 'E09000027',
  registered: null,
  closed: null,
});
const register = { providers: (urn: string) => (urn === '1234567' ? provider(urn) : undefined) };

describe('care leaver information and episodes (1000+, EPI)', () => {
  checkRules(lateRules, {
    '3001': {
      why: 'a 17-year-old care leaver living with former foster carers',
      fails: build903({ Header: [header({ DOB: SEVENTEEN })], OC3: [leaver({ ACCOM: 'Z1' })] }),
      flagged: ['OC3:1'],
      // At 20, staying with former foster carers is recorded as such.
      passes: build903({
        Header: [header({ DOB: SEVENTEEN }), header({ CHILD: 'C2', DOB: TWENTY })],
        OC3: [leaver(), leaver({ CHILD: 'C2', DOB: TWENTY, ACCOM: 'Z1' })],
      }),
    },
    EPI: {
      why: 'a child in the Header with no episodes who is not a care leaver',
      fails: build903({ Header: [header(), header({ CHILD: 'C2' })], Episodes: [episode()] }),
      flagged: ['Header:2'],
      passes: withCareLeaver({}),
    },
    '1016': {
      why: 'a 17-year-old who left care in January, after her October birthday, with care leaver information',
      fails: seventeenYearOld([episode({ DEC: '10/01/2026', REC: 'E4A' })]),
      flagged: ['OC3:1'],
      // Left care in September, before turning 17: the information is due.
      passes: seventeenYearOld([episode({ DEC: '01/09/2025', REC: 'E4A' })]),
    },
    '1014': {
      why: 'a care leaver with no episodes this year who has a UASC row',
      fails: withCareLeaver({ UASC: [{ CHILD: 'C2', SEX: 'M', DOB: TWENTY, DUC: '09/10/2023' }] }),
      flagged: ['UASC:1', 'OC3:1'],
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
      flagged: ['Reviews:2'],
      passes: withCareLeaver({ Reviews: [{ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' }] }),
    },
    '1011': {
      why: 'care leaver information for an 18-year-old whose care was taken over by another authority',
      fails: build903({
        Header: [header({ DOB: EIGHTEEN })],
        Episodes: [episode({ DEC: '01/09/2025', REC: 'E3' })],
        OC3: [leaver({ DOB: EIGHTEEN })],
      }),
      flagged: ['OC3:1'],
      passes: build903({
        Header: [header({ DOB: EIGHTEEN })],
        Episodes: [episode({ DEC: '01/09/2025', REC: 'E4A' })],
        OC3: [leaver({ DOB: EIGHTEEN })],
      }),
    },
    '1010': {
      why: 'a care leaver with no episodes this year though one was open at the end of last year',
      fails: withCareLeaver({}, [episode({ CHILD: 'C2', DECOM: '01/01/2022' })]),
      flagged: ['OC3:1'],
      passes: withCareLeaver({}, [episode({ CHILD: 'C2', DECOM: '01/01/2022', DEC: '10/10/2023', REC: 'E4A' })]),
    },
    '1008': {
      why: 'an episode whose URN is not on the register',
      fails: build903({ Header: [header()], Episodes: [episode({ URN: 'SC999999' })] }, { reference: register }),
      flagged: ['Episodes:1'],
      // Placements Ofsted does not register carry XXXXXXX.
      passes: build903(
        {
          Header: [header()],
          Episodes: [episode({ DEC: '01/09/2025', REC: 'X1' }), episode({ DECOM: '01/09/2025', PLACE: 'P1', URN: 'XXXXXXX' })],
        },
        { reference: register },
      ),
    },
    '1007': {
      why: 'care leaver information for a 17-year-old looked after on his birthday and still looked after',
      fails: seventeenYearOld([episode()]),
      flagged: ['OC3:1'],
      // Came back into care in December, after his birthday: he was a care leaver on it.
      passes: seventeenYearOld([episode({ DECOM: '01/12/2025' })]),
    },
  });
});

describe('1010 and 1012 at the edges', () => {
  const rule = (code: string) => lateRules.find((r) => r.code === code)!;
  const found = (code: string, ret: ReturnType<typeof build903>) => rule(code).validate(ret).map((f) => `${f.table}:${f.row}`);
  it('1010: an earlier episode last year with no end date, followed by one that ended, was not open at the year end', () => {
    const ret = withCareLeaver({}, [
      episode({ CHILD: 'C2', DECOM: '01/01/2022' }),
      episode({ CHILD: 'C2', DECOM: '01/06/2023', DEC: '10/10/2023', REC: 'E4A' }),
    ]);
    expect(found('1010', ret)).toEqual([]);
  });
  it('3001: the Header\'s date of birth is used when OC3 gives another', () => {
    const ret = build903({ Header: [header({ DOB: SEVENTEEN })], OC3: [leaver({ DOB: TWENTY, ACCOM: 'Z1' })] });
    expect(found('3001', ret)).toEqual(['OC3:1']);
    expect(found('3001', build903({ OC3: [leaver({ ACCOM: 'Z1' })] }))).toEqual(['OC3:1']);
  });
  it('1012: the rows of a child with no episodes who is not in OC3 either', () => {
    const ret = withCareLeaver({ Reviews: [{ CHILD: 'C3', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' }] });
    expect(found('1012', ret)).toEqual(['Reviews:1']);
  });
});
