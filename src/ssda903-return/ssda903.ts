/**
 * The SSDA903 return of a collection year, built from the record with the year before (so the
 * rules that compare years run), checked against the year's columns and validated with every
 * SSDA903 rule: what the command line, the Returns page and the child's record share.
 */
import type { Db } from '../core/db/database.js';
import { knownYear } from '../returns/collection-years.js';
import type { Finding } from '../returns/findings.js';
import type { Reference903, Return903, Tables903 } from '../returns/ssda903/model.js';
import { KNOWN_YEARS, LATEST_YEAR, schemaFor } from '../returns/ssda903/tables.js';
import { validate903 } from '../returns/ssda903/validate.js';
import { parseDate } from '../returns/ssda903/values.js';
import { type Built903, build903, GAPS, type LookedAfterRecord } from './build.js';
import { lookedAfterRecord } from './queries.js';

export interface Checked903 {
  current: Built903;
  /** The year before's return from the same record, which the rules that compare years read. */
  previous: Built903;
  /** Cells outside the year's columns (a blank where one is required, a code not in the year's list); empty when none. */
  columnProblems: string[];
  /** Every SSDA903 rule's findings for the year, in table, row and rule order. */
  findings: Finding[];
  /** What the return does not hold from the record yet, said wherever it is built. */
  notes: string[];
}

/** The year asked for, when OpenCSC knows its tables and rules; otherwise an UnsupportedYearError. */
export function returnYear(year: number): number {
  return knownYear('SSDA903', year, KNOWN_YEARS);
}

/** The collection year a day falls in: 1 April to 31 March, named by the year it ends. */
export function collectionYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return day.slice(5) <= '03-31' ? year : year + 1;
}

/** The return a child's record checks against today: this collection year's, or the latest whose rules are known. */
export function currentReturnYear(today: string): number {
  const year = collectionYearOf(today);
  return KNOWN_YEARS.includes(year) ? year : LATEST_YEAR;
}

/** "2025/26" for 2026. */
export const yearLabel = (year: number): string => `${year - 1}/${String(year).slice(-2)}`;

const INTEGER = /^-?\d+$/;

/**
 * Where the tables depart from the year's columns (returns/ssda903's tables.ts), as DfE's
 * schema would refuse them: each a table, row and column with what is wrong.
 */
export function columnProblems(tables: Tables903, year: number): string[] {
  const schema = schemaFor(year);
  const out: string[] = [];
  for (const table of Object.values(tables)) {
    const spec = schema[table.name];
    if (!spec) continue;
    table.rows.forEach((row, i) => {
      for (const [column, c] of Object.entries(spec)) {
        const v = row[column] ?? null;
        const at = `${table.name} row ${i + 1} ${column}`;
        if (v === null) {
          if (!c.optional) out.push(`${at}: blank, and it is required`);
        } else if (c.kind === 'code' && !c.codes!.includes(v)) out.push(`${at}: ${v} is not one of the year’s codes`);
        else if (c.kind === 'date' && parseDate(v) === null) out.push(`${at}: ${v} is not a date`);
        else if (c.kind === 'integer' && !INTEGER.test(v)) out.push(`${at}: ${v} is not a whole number`);
      }
    });
  }
  return out;
}

/** What the return does not hold from the record: the tables with no source, and the gaps in those it has. */
export function notesOf(built: Built903): string[] {
  const notes: string[] = [];
  if (built.notBuilt.length) notes.push(`not built from the record yet: ${built.notBuilt.join(', ')} (written with the header row only)`);
  for (const [table, gap] of Object.entries(GAPS)) if (built.tables[table as keyof Tables903]) notes.push(`${table}: ${gap}`);
  return notes;
}

/** Checks and validates a return already built, with its year before. */
export function check903(current: Built903, previous: Built903, reference: Reference903 = {}): Checked903 {
  const ret: Return903 = { collectionYear: current.year, current: current.tables, previous: previous.tables, reference };
  return {
    current,
    previous,
    columnProblems: columnProblems(current.tables, current.year),
    findings: validate903(ret),
    notes: notesOf(current),
  };
}

/** What the return of `year` and the year before are made from; one child's part of it when `childId` is given. */
export async function recordsFor(
  db: Db,
  year: number,
  childId?: string,
): Promise<{ current: LookedAfterRecord; previous: LookedAfterRecord }> {
  const [current, previous] = await Promise.all([lookedAfterRecord(db, year, childId), lookedAfterRecord(db, year - 1, childId)]);
  return { current, previous };
}

/** The return of `year` and the year before, built from what they are made from. */
export function buildBoth(
  year: number,
  records: { current: LookedAfterRecord; previous: LookedAfterRecord },
): { current: Built903; previous: Built903 } {
  return { current: build903(records.current, year), previous: build903(records.previous, year - 1) };
}

/** The return of `year` and the year before, from the record; one child's part of them when `childId` is given. */
export async function buildFromRecord(db: Db, year: number, childId?: string): Promise<{ current: Built903; previous: Built903 }> {
  return buildBoth(year, await recordsFor(db, year, childId));
}

/** The return of `year` from the record, with the year before, checked; one child's part of it when `childId` is given. */
export async function returnFromRecord(db: Db, year: number, reference: Reference903 = {}, childId?: string): Promise<Checked903> {
  const { current, previous } = await buildFromRecord(db, year, childId);
  return check903(current, previous, reference);
}
