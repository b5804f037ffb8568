/**
 * Whether a young person is a care leaver, and of which category, worked out from their date
 * of birth and periods of care (Children Act 1989 Sch 2 para 19B, s23A, s23C, s24; Care Leavers
 * (England) Regulations 2010 regs 3 and 4; CPPCR 2010 reg 40):
 *
 * - eligible: looked after now, aged 16 or 17, and looked after for 13 weeks in all since
 *   turning 14, some of it after turning 16;
 * - relevant: aged 16 or 17, no longer looked after, and eligible when they left care;
 * - former relevant: 18 or over (to 25) and eligible or relevant before 18;
 * - qualifying: looked after at some time after turning 16 without being eligible, under 21.
 *
 * Short breaks (CPPCR reg 48) are not counted, and a young person whose last period of care
 * ended by adoption or by another authority taking over their care is no care leaver here. The record cannot see what else the law asks
 * about (a relevant child who has lived at home for 6 months, a young person looked after
 * elsewhere), so the page says the category is worked out from the periods of care. The count
 * of 13 weeks is the clock's own (`eligibilityDate` in the clock's care leaver rules), so the
 * needs assessment's deadline and this page agree.
 */
import { type IsoDate, addDays, ageOn, birthday, daysBetween, maxDate } from '../core/calendar/index.js';

/** 13 weeks, in days. */
const THIRTEEN_WEEKS = 91;

export interface PeriodOfCare {
  startDate: IsoDate;
  /** The day care ended: not itself a day in care. */
  endDate: IsoDate | null;
  shortBreaks: boolean;
  /** DfE's reason the period ended (REC), where the record has it. */
  reasonCeased?: string | null;
}

/**
 * Ways out of care that leave the young person no care leaver of this authority: adopted (E11,
 * E12: an adopted child is the adopters' child, not a care leaver), or care taken over by
 * another authority (E3), whose care leaver they become. DfE's SSDA903 rules 134 and 1011
 * refuse care leaver information for either.
 */
const NOT_OUR_CARE_LEAVER = new Set(['E11', 'E12', 'E3']);

/** Whether the young person's last period of care (short breaks aside) ended in one of those ways, by `day` if given. */
function leftCareForGood(periods: readonly PeriodOfCare[], day?: IsoDate): boolean {
  const last = [...periods]
    .filter((q) => !q.shortBreaks)
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .at(-1);
  return Boolean(last?.endDate && (day === undefined || last.endDate <= day) && NOT_OUR_CARE_LEAVER.has(last.reasonCeased ?? ''));
}

export const careLeaverCategories = ['eligible', 'relevant', 'former_relevant', 'qualifying'] as const;
export type CareLeaverCategory = (typeof careLeaverCategories)[number];

export interface Eligibility {
  /** The category on the day asked about, or null when the young person is not a care leaver that day. */
  category: CareLeaverCategory | null;
  /** The day the young person became an eligible child, or null if they never did. */
  eligibleOn: IsoDate | null;
  /** Whether they were looked after at some time after turning 16 (so at least qualifying). */
  inCareAfter16: boolean;
  /** Looked after on the day asked about. */
  lookedAfter: boolean;
  age: number;
}

/** The day the 13 weeks since 14 were completed with some time after 16, before 18; null if never, or if care ended for good (by `asOf`, if given). */
export function eligibleOn(dateOfBirth: IsoDate, periods: readonly PeriodOfCare[], asOf?: IsoDate): IsoDate | null {
  const from14 = birthday(dateOfBirth, 14);
  const at16 = birthday(dateOfBirth, 16);
  const at18 = birthday(dateOfBirth, 18);
  let counted = 0;
  if (leftCareForGood(periods, asOf)) return null;
  for (const p of [...periods].filter((q) => !q.shortBreaks).sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const countFrom = maxDate(p.startDate, from14);
    const reached = addDays(countFrom, Math.max(0, THIRTEEN_WEEKS - counted));
    const eligible = maxDate(maxDate(reached, at16), p.startDate);
    if ((p.endDate === null || eligible < p.endDate) && eligible < at18) return eligible;
    if (p.endDate !== null && p.endDate > countFrom) counted += daysBetween(countFrom, p.endDate);
  }
  return null;
}

export function eligibilityOn(dateOfBirth: IsoDate, periods: readonly PeriodOfCare[], day: IsoDate): Eligibility {
  const counted = periods.filter((p) => !p.shortBreaks && p.startDate <= day);
  const age = ageOn(dateOfBirth, day);
  const at16 = birthday(dateOfBirth, 16);
  const at18 = birthday(dateOfBirth, 18);
  const lookedAfter = counted.some((p) => p.endDate === null || p.endDate > day);
  // a day in care on or after the 16th birthday and before the 18th
  const inCareAfter16 = counted.some((p) => (p.endDate === null || p.endDate > at16) && p.startDate < at18);
  const eligible = eligibleOn(dateOfBirth, counted, day);
  const becameEligible = eligible !== null && eligible <= day ? eligible : null;
  let category: CareLeaverCategory | null = null;
  if (leftCareForGood(counted, day)) category = null;
  else if (becameEligible && age < 18) category = lookedAfter ? 'eligible' : 'relevant';
  else if (becameEligible && age < 25) category = 'former_relevant';
  else if (!becameEligible && inCareAfter16 && !lookedAfter && age < 21) category = 'qualifying';
  return { category, eligibleOn: becameEligible, inCareAfter16, lookedAfter, age };
}
