import { describe, expect, it } from 'vitest';
import { computeBankHolidays, easterSunday, tabledBankHolidays, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from './bank-holidays.js';

/** The one-off proclaimed days no standing rule predicts, and the days they displaced. */
const proclaimed: Record<number, { added: string[]; displaced: string[] }> = {
  2011: { added: ['2011-04-29'], displaced: [] },
  2012: { added: ['2012-06-04', '2012-06-05'], displaced: ['2012-05-28'] },
  2020: { added: ['2020-05-08'], displaced: ['2020-05-04'] },
  2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], displaced: ['2022-05-30'] },
  2023: { added: ['2023-05-08'], displaced: [] },
};

describe('England and Wales bank holidays', () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
  });

  it('ships a table for 2010–2030', () => {
    expect(TABLE_FIRST_YEAR).toBe(2010);
    expect(TABLE_LAST_YEAR).toBe(2030);
    expect(tabledBankHolidays(2031)).toBeUndefined();
  });

  for (let year = 2010; year <= 2030; year++) {
    it(`computes ${year} from the standing rules as the table has it, apart from one-off proclamations`, () => {
      const computed = computeBankHolidays(year).map((d) => d.date);
      const tabled = tabledBankHolidays(year)!.map((d) => d.date);
      const p = proclaimed[year] ?? { added: [], displaced: [] };
      const expected = [...tabled.filter((d) => !p.added.includes(d)), ...p.displaced].sort();
      expect(computed.sort()).toEqual(expected);
    });
  }

  it('puts the substitutes where they belong when Christmas falls at the weekend', () => {
    // Saturday (2032): Monday 27 and Tuesday 28. Sunday (2033): Monday 26 and Tuesday 27.
    expect(
      computeBankHolidays(2032)
        .slice(-2)
        .map((d) => d.date),
    ).toEqual(['2032-12-27', '2032-12-28']);
    expect(
      computeBankHolidays(2033)
        .slice(-2)
        .map((d) => d.date),
    ).toEqual(['2033-12-26', '2033-12-27']);
    // Friday (2037): Christmas Day and Monday 28 for Boxing Day.
    expect(
      computeBankHolidays(2037)
        .slice(-2)
        .map((d) => d.date),
    ).toEqual(['2037-12-25', '2037-12-28']);
  });

  it('agrees with the shipped table on every Christmas and Boxing Day substitute, so a year past the table loses none', () => {
    for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
      const december = (list: { date: string }[]) => list.filter((d) => d.date.slice(5, 7) === '12').map((d) => d.date);
      expect(december(computeBankHolidays(year)), String(year)).toEqual(december(tabledBankHolidays(year)!));
    }
  });

  it('moves New Year to Monday when it falls at the weekend', () => {
    expect(computeBankHolidays(2033)[0]!.date).toBe('2033-01-03'); // Saturday
    expect(computeBankHolidays(2034)[0]!.date).toBe('2034-01-02'); // Sunday
  });
});
