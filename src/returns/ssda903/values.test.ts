import { describe, expect, it } from 'vitest';
import { build903 } from './ssda903.test-kit.js';
import {
  addYears,
  ageOn,
  civil,
  collectionEnd,
  collectionStart,
  codeSet,
  dates,
  dayOf,
  episodesInOrder,
  firstRowByChild,
  formatDate,
  parseDate,
  rowsByChild,
} from './values.js';

describe('903 dates', () => {
  it('reads dd/mm/yyyy and refuses what is not a real date', () => {
    expect(parseDate('31/03/2024')).toBe(dayOf(2024, 3, 31));
    expect(parseDate('1/4/2024')).toBe(dayOf(2024, 4, 1));
    expect(parseDate('29/02/2024')).toBe(dayOf(2024, 2, 29));
    for (const bad of ['29/02/2023', '31/04/2024', '2024-03-31', '00/01/2024', '1/13/2024', '', null, 'unknown', '01/01/24'])
      expect(parseDate(bad)).toBeNull();
  });
  it('day numbers round-trip through the calendar', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    for (const d of [-800000, -1, 0, 59, 19_000, 20_544, 2_000_000]) expect(dayOf(civil(d).year, civil(d).month, civil(d).day)).toBe(d);
    expect(formatDate(dayOf(2025, 4, 1))).toBe('01/04/2025');
  });
  it('ages count a birthday on the day itself; 29 February ages to 28 February', () => {
    const dob = dayOf(2008, 2, 29);
    expect(addYears(dob, 18)).toBe(dayOf(2026, 2, 28));
    expect(ageOn(dayOf(2008, 3, 31), dayOf(2026, 3, 31))).toBe(18);
    expect(ageOn(dayOf(2008, 4, 1), dayOf(2026, 3, 31))).toBe(17);
  });
  it('the 2025/26 collection is 1 April 2025 to 31 March 2026', () => {
    expect(formatDate(collectionStart(2026))).toBe('01/04/2025');
    expect(formatDate(collectionEnd(2026))).toBe('31/03/2026');
  });
});

describe('903 code lists by year', () => {
  it("applies each year's changes to the 2017 schema", () => {
    expect(codeSet('Header', 'SEX', 2024).has('1')).toBe(true);
    expect(codeSet('Header', 'SEX', 2025).has('1')).toBe(false);
    expect(codeSet('Header', 'SEX', 2025).has('U')).toBe(true);
    expect(codeSet('Episodes', 'PLACE', 2026).has('Z11')).toBe(true);
    expect(codeSet('Episodes', 'PLACE', 2025).has('Z11')).toBe(false);
    expect(codeSet('Episodes', 'PLACE', 2024).has('P2')).toBe(true);
    expect(codeSet('Episodes', 'PLACE', 2025).has('P2')).toBe(false);
  });
});

describe('903 table indexes', () => {
  it("orders a child's episodes by start date, invalid dates last", () => {
    const ret = build903({
      Episodes: [
        { CHILD: 'A', DECOM: '01/05/2025' },
        { CHILD: 'A', DECOM: 'bad' },
        { CHILD: 'A', DECOM: '01/04/2025' },
        { CHILD: 'B', DECOM: '01/04/2025' },
      ],
    });
    const eps = ret.current.Episodes!;
    expect(episodesInOrder(eps).get('A')).toEqual([2, 0, 1]);
    expect(Number.isNaN(dates(eps, 'DECOM')[1])).toBe(true);
  });
  it("leaves out rows with no child identifier: they are no child's", () => {
    const eps = build903({
      Episodes: [
        { CHILD: null, DECOM: '01/05/2025' },
        { CHILD: 'A', DECOM: '01/05/2025' },
        { CHILD: ' ', DECOM: '01/06/2025' },
      ],
    }).current.Episodes!;
    expect([...rowsByChild(eps)]).toEqual([['A', [1]]]);
    expect([...firstRowByChild(eps)]).toEqual([['A', 1]]);
    expect([...episodesInOrder(eps).keys()]).toEqual(['A']);
  });
});
