/**
 * The CIN census of a collection year, built from the record, written as DfE's XML message,
 * checked against the year's schema and validated with every CIN rule for the year: what the
 * command line, the Returns page and the child's record share.
 */
import type { Db } from '../core/db/database.js';
import { CIN_YEARS, type CinYear, cinSchema, isCinYear, schemaProblems, validateCin, writeCin } from '../returns/cin/index.js';
import { knownYear } from '../returns/collection-years.js';
import type { Finding } from '../returns/findings.js';
import { type BuiltCensus, type HeaderOptions, buildCensus } from './build.js';
import { censusRecord } from './queries.js';

export interface CheckedCensus extends BuiltCensus {
  xml: string;
  /** Where the message departs from DfE's schema for the year; empty when it conforms. */
  schemaProblems: string[];
  /** Every CIN rule's findings, rule by rule. */
  findings: Finding[];
}

/** The year asked for, when OpenCSC knows its schema and rules; otherwise an UnsupportedYearError. */
export function censusYear(year: number): CinYear {
  const known = knownYear('CIN census', year, CIN_YEARS);
  if (!isCinYear(known)) throw new RangeError(`No CIN census schema for ${year}`);
  return known;
}

/** The collection year a day falls in: 1 April to 31 March, named by the year it ends. */
export function collectionYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return day.slice(5) <= '03-31' ? year : year + 1;
}

/** The census a child's record checks against today: this collection year's, or the latest whose rules are known. */
export function currentCensusYear(today: string): CinYear {
  const year = collectionYearOf(today);
  return isCinYear(year) ? year : CIN_YEARS[CIN_YEARS.length - 1]!;
}

/** Writes, checks and validates a census already built. */
export function checkCensus(built: BuiltCensus): CheckedCensus {
  const xml = writeCin(built.census);
  return { ...built, xml, schemaProblems: schemaProblems(xml, cinSchema(built.census.year)), findings: validateCin(built.census) };
}

/** The census of `year` from the record, checked; one child's part of it when `childId` is given. */
export async function censusFromRecord(db: Db, year: CinYear, header: HeaderOptions = {}, childId?: string): Promise<CheckedCensus> {
  return checkCensus(buildCensus(await censusRecord(db, year, childId), year, header));
}

/** "2025/26" for 2026. */
export const yearLabel = (year: number): string => `${year - 1}/${String(year).slice(-2)}`;
