import { describe, expect, it } from 'vitest';
import * as r from './care-leavers-b.js';
import { child, episode, flagged } from './b-test-kit.js';

const leaver = (child: string, dob: string) => ({ CHILD: child, DOB: dob, IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' });

describe('care leaver information belongs to care leavers', () => {
  it('1000: not for a young person who died in care, this year or last', () => {
    const tables = {
      OC3: [leaver('A', '01/06/2007'), leaver('B', '01/06/2007'), leaver('C', '01/06/2007')],
      Episodes: [episode('A', '01/01/2023', { DEC: '01/06/2025', REC: 'E2' }), episode('C', '01/01/2023', { DEC: '01/06/2025', REC: 'E4A' })],
    };
    const previous = { Episodes: [episode('B', '01/01/2023', { DEC: '01/06/2024', REC: 'E2' })] };
    expect(flagged(r.rule1000, tables, { previous })).toEqual(['OC3 1', 'OC3 2']);
  });
  it('1001: only for a young person looked after 13 weeks after 14 and beyond their 16th birthday', () => {
    const tables = {
      OC3: [leaver('A', '01/06/2009'), leaver('B', '01/06/2009'), leaver('C', '01/06/2009'), leaver('D', '01/06/2009')],
      Episodes: [
        episode('A', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' }),
        episode('B', '01/01/2023', { DEC: '01/06/2025', REC: 'E4A' }),
        episode('C', '01/04/2025', { DEC: '30/06/2025', REC: 'E4A' }),
      ],
    };
    // B left on their 16th birthday; C had 90 days; D was never looked after.
    expect(flagged(r.rule1001, tables)).toEqual(['OC3 2', 'OC3 3', 'OC3 4']);
  });
  it('1001: ages are counted from the Header’s date of birth when OC3 gives another', () => {
    const tables = {
      Header: [child('A', '01/06/2012'), child('B', '01/06/2009')],
      OC3: [leaver('A', '01/06/2009'), leaver('B', '01/06/2012')],
      Episodes: [episode('A', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' }), episode('B', '01/01/2023', { DEC: '02/06/2025', REC: 'E4A' })],
    };
    // A was 13 when care ended; B was past 16.
    expect(flagged(r.rule1001, tables)).toEqual(['OC3 1']);
  });
  it('1002: not for a young person with no episodes this year or last', () => {
    const previous = { Episodes: [episode('B', '01/01/2023', { DEC: '01/06/2024', REC: 'E4A' })] };
    expect(flagged(r.rule1002, { OC3: [leaver('A', '01/06/2007'), leaver('B', '01/06/2007')] }, { previous })).toEqual(['OC3 1']);
    expect(flagged(r.rule1002, { OC3: [leaver('A', '01/06/2007')] })).toEqual([]);
  });
});
