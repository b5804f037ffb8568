/**
 * What the CIN generator and the error seeding share: a seeded random source, synthetic
 * identifiers, and the year's dates and codes a generated child is made from.
 */
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import { type CinYear, censusPeriod } from '../model.js';
import { cinYearSchema } from '../schema/index.js';
import { day, isWeekend, workingDays } from '../dates.js';

/** A small, fast, seedable generator (sfc32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** k distinct items. */
  some<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
}

/** A synthetic UPN: check letter, LA number, '99', a 7-digit serial. */
export function syntheticUpn(la: string, serial: number): string {
  const tail = `${la}99${String(serial).padStart(7, '0')}`;
  return `${upnCheckLetter(tail)}${tail}`;
}

export function syntheticChildId(n: number): string {
  return `SYN${String(n).padStart(7, '0')}`;
}

/** Dates and counters the generator shares with the error seeding. */
export interface GenerationContext {
  year: CinYear;
  la: string;
  rng: Random;
  /** Census period as day numbers. */
  start: number;
  end: number;
  /** Codes usable in a valid return. */
  codes: {
    sexBorn: string[];
    unbornSex: string;
    ethnicity: string[];
    disability: string[];
    referralSource: string[];
    primaryNeed: string[];
    categoryOfAbuse: string[];
    factors: string[];
  };
  /** Open assessments start no earlier than this (within 45 working days of the end, either way of counting). */
  openAssessmentFrom: number;
  /** Open section 47 enquiries start no earlier than this. */
  openS47From: number;
  nextUpn: number;
}

export function generationContext(year: CinYear, la: string, rng: Random): GenerationContext {
  const schema = cinYearSchema(year);
  const period = censusPeriod(year);
  const end = day(period.end);
  const cal = workingDays();
  const codes = (list: readonly { code: string }[]) => list.map((c) => c.code);
  return {
    year,
    la,
    rng,
    start: day(period.start),
    end,
    codes: {
      sexBorn: schema.sexElement === 'Sex' ? ['M', 'F'] : ['1', '2'],
      unbornSex: schema.unbornSex,
      ethnicity: codes(schema.codes.ethnicity),
      disability: codes(schema.codes.disability).filter((c) => c !== 'NONE'),
      referralSource: codes(schema.codes.referralSource),
      primaryNeed: codes(schema.codes.primaryNeed),
      categoryOfAbuse: codes(schema.codes.categoryOfAbuse),
      // 21 ("no factors") is used on its own; 18A and 19A are superseded by B and C.
      factors: codes(schema.codes.assessmentFactors).filter((c) => !['21', '18A', '19A'].includes(c)),
    },
    openAssessmentFrom: day(cal.addWorkingDays(period.end, -40)),
    openS47From: day(cal.addWorkingDays(period.end, -12)),
    nextUpn: 1,
  };
}

/** The next weekday on or after a day. */
export function weekdayOnOrAfter(n: number): number {
  let x = n;
  while (isWeekend(x)) x++;
  return x;
}
