/**
 * Writing a 903 return as the DfE's CSV files: one file per table, the DfE's column
 * order, dates as written in the rows (dd/mm/yyyy), blank cells empty.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from './csv.js';
import type { Table903, TableName, Tables903 } from './model.js';
import { TABLE_NAMES } from './model.js';
import { columnsFor, LATEST_YEAR } from './tables.js';

/** File names OpenCSC gives each table (the reader goes by the header, not the name). */
export const FILE_NAMES: Readonly<Record<TableName, string>> = {
  Header: 'header.csv',
  Episodes: 'episodes.csv',
  Reviews: 'reviews.csv',
  UASC: 'uasc.csv',
  OC2: 'oc2.csv',
  OC3: 'oc3.csv',
  AD1: 'ad1.csv',
  PlacedAdoption: 'placed_for_adoption.csv',
  PrevPerm: 'previous_permanence.csv',
  Missing: 'missing.csv',
  SWEpisodes: 'social_worker.csv',
  DoLo: 'dolo.csv',
};

/** A table as CSV text: header, then one line per row, each ending in CRLF. */
export function tableToCsv(table: Table903): string {
  const columns = columnsFor(table.name, LATEST_YEAR);
  const parts = [csvLine(columns)];
  for (const row of table.rows) parts.push(csvLine(columns.map((c) => row[c] ?? null)));
  return parts.join('\r\n') + '\r\n';
}

/** Writes every table to `dir` (created if need be); returns the paths written. */
export async function write903(tables: Tables903, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of TABLE_NAMES) {
    const table = tables[name];
    if (!table) continue;
    const path = join(dir, FILE_NAMES[name]);
    await writeFile(path, tableToCsv(table));
    written.push(path);
  }
  return written;
}
