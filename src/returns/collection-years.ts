/**
 * One policy for a return of a collection year whose rules OpenCSC does not know, for
 * both returns: it is refused, naming the year and the years known, rather than checked
 * silently against another year's rules (or none). The refusal is a ReturnReadError, so
 * the command line exits with status 2 and the upload page shows the reason.
 */
import { ReturnReadError } from './findings.js';

export class UnsupportedYearError extends ReturnReadError {
  constructor(
    readonly returnName: 'SSDA903' | 'CIN census',
    readonly year: number,
    readonly supported: readonly number[],
  ) {
    super(
      '(collection year)',
      `the ${returnName} rules for collection year ${year} (${label(year)}) are not known; the years known are ${list(supported)}`,
    );
    this.name = 'UnsupportedYearError';
  }
}

/** `year` when `supported` has it; otherwise an UnsupportedYearError. */
export function knownYear(returnName: UnsupportedYearError['returnName'], year: number, supported: readonly number[]): number {
  if (!supported.includes(year)) throw new UnsupportedYearError(returnName, year, supported);
  return year;
}

/** 2026 → "2025/26", the way the returns name their years. */
const label = (year: number): string => `${year - 1}/${String(year).slice(-2)}`;

const list = (years: readonly number[]): string =>
  years.length < 2 ? years.join('') : `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`;
