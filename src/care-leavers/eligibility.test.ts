import { describe, expect, it } from 'vitest';
import { eligibilityOn, eligibleOn } from './eligibility.js';

// born 1 June 2008: 14 on 1 June 2022, 16 on 1 June 2024, 18 on 1 June 2026
const dob = '2008-06-01';
const period = (startDate: string, endDate: string | null, shortBreaks = false, reasonCeased: string | null = null) => ({
  startDate,
  endDate,
  shortBreaks,
  reasonCeased,
});

describe('eligibility from the periods of care', () => {
  it('makes a child looked after since 15 eligible on the 16th birthday', () => {
    expect(eligibleOn(dob, [period('2023-06-01', null)])).toBe('2024-06-01');
    expect(eligibilityOn(dob, [period('2023-06-01', null)], '2024-07-01').category).toBe('eligible');
    expect(eligibilityOn(dob, [period('2023-06-01', null)], '2024-05-31').category).toBeNull();
  });

  it('counts 13 weeks from the start for a young person who came into care after 16', () => {
    // 91 days after 1 March 2025 is 31 May 2025
    expect(eligibleOn(dob, [period('2025-03-01', null)])).toBe('2025-05-31');
  });

  it('adds up periods since 14, and leaves short breaks out', () => {
    // 60 days at 14, then 31 more from 1 September 2024
    const periods = [period('2022-07-01', '2022-08-30'), period('2024-09-01', null)];
    expect(eligibleOn(dob, periods)).toBe('2024-10-02');
    expect(eligibleOn(dob, [period('2022-07-01', '2022-08-30', true), period('2024-09-01', null)])).toBe('2024-12-01');
  });

  it('is relevant after leaving care at 17, former relevant at 18, and no longer a care leaver at 25', () => {
    const periods = [period('2023-06-01', '2025-09-01')];
    expect(eligibilityOn(dob, periods, '2025-10-01').category).toBe('relevant');
    expect(eligibilityOn(dob, periods, '2026-06-01').category).toBe('former_relevant');
    expect(eligibilityOn(dob, periods, '2033-06-01').category).toBeNull();
  });

  it('is no care leaver here once adopted, or once another authority took over the care', () => {
    for (const reason of ['E11', 'E12', 'E3']) {
      const periods = [period('2023-06-01', '2025-09-01', false, reason)];
      expect(eligibleOn(dob, periods), reason).toBeNull();
      expect(eligibilityOn(dob, periods, '2025-10-01').category, reason).toBeNull();
      expect(eligibilityOn(dob, periods, '2026-06-01').category, reason).toBeNull();
      // looked after again afterwards: the care leaver of the later period
      const again = [...periods, period('2025-12-01', '2026-03-01')];
      expect(eligibilityOn(dob, again, '2026-06-01').category, reason).toBe('former_relevant');
    }
    // a young person who returned home (E13) stays one
    expect(eligibilityOn(dob, [period('2023-06-01', '2025-09-01', false, 'E13')], '2025-10-01').category).toBe('relevant');
    // and while still looked after in that period, the category is as ever
    expect(eligibilityOn(dob, [period('2023-06-01', '2025-09-01', false, 'E11')], '2024-07-01').category).toBe('eligible');
  });

  it('is qualifying after fewer than 13 weeks in care after 16, until 21', () => {
    const periods = [period('2025-01-01', '2025-02-01')];
    const e = eligibilityOn(dob, periods, '2025-06-01');
    expect(e).toMatchObject({ category: 'qualifying', eligibleOn: null, inCareAfter16: true });
    expect(eligibilityOn(dob, periods, '2029-06-01').category).toBeNull();
  });

  it('does not make a child who left care before 16 a care leaver', () => {
    expect(eligibilityOn(dob, [period('2022-07-01', '2024-01-01')], '2025-06-01')).toMatchObject({
      category: null,
      eligibleOn: null,
      inCareAfter16: false,
    });
  });
});
