import { describe } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { careLeaverRules } from './care-leavers.js';
import { checkRules, header, health } from './rule-cases.js';

/** A young man of 19 who left care last year, with this OC3 row. */
const leaver = (o: RowInput = {}, dob = '01/06/2006') =>
  build903({ Header: [header({ DOB: dob })], OC3: [{ CHILD: 'C1', DOB: dob, IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1', ...o }] });

describe('rules on OC3 (care leavers)', () => {
  checkRules(careLeaverRules, {
    '131': { why: 'in touch MAYBE', fails: leaver({ IN_TOUCH: 'MAYBE' }), flagged: ['OC3:1'], passes: leaver() },
    '132': { why: 'activity left blank', fails: leaver({ ACTIV: null }), flagged: ['OC3:1'], passes: leaver({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }) },
    '133': { why: 'accommodation Q1', fails: leaver({ ACCOM: 'Q1' }), flagged: ['OC3:1'], passes: leaver() },
    '134': {
      why: 'a care leaver with adoption details',
      fails: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }], AD1: [{ CHILD: 'C1', DATE_INT: '01/01/2020' }] }),
      flagged: ['AD1:1'],
      passes: build903({
        OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }, { CHILD: 'C2', IN_TOUCH: null, ACTIV: null, ACCOM: null }],
        AD1: [{ CHILD: 'C2', DATE_INT: '01/01/2020' }, { CHILD: 'C1', DATE_INT: null }],
      }),
    },
    '153': { why: 'accommodation left out', fails: leaver({ ACCOM: null }), flagged: ['OC3:1'], passes: leaver() },
    '215': {
      why: 'a care leaver with twelve-month health items',
      fails: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }], OC2: [health()] }),
      flagged: ['OC3:1', 'OC2:1'],
      passes: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }], OC2: [health({ CHILD: 'C2' })] }),
    },
    '344': { why: 'an activity for a young person who died', fails: leaver({ IN_TOUCH: 'DIED' }), flagged: ['OC3:1'], passes: leaver({ IN_TOUCH: 'DIED', ACTIV: null, ACCOM: null }) },
    '345': { why: 'in touch, activity 0', fails: leaver({ ACTIV: '0' }), flagged: ['OC3:1'], passes: leaver() },
    '347': { why: 'a foyer at 17', fails: leaver({ ACCOM: 'T1' }, '01/06/2008'), flagged: ['OC3:1'], passes: leaver({ ACCOM: 'T1' }) },
    '348': {
      why: 'a care leaver reported last year as having died',
      fails: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }] }, { previous: { OC3: [{ CHILD: 'C1', IN_TOUCH: 'DIED' }] } }),
      flagged: ['OC3:1'],
      passes: build903({ OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }] }, { previous: { OC3: [{ CHILD: 'C1', IN_TOUCH: 'YES' }] } }),
    },
    '391': { why: 'a young person of 22 all year', fails: leaver({}, '01/03/2003'), flagged: ['OC3:1'], passes: leaver({}, '31/03/2004') },
  });
});
