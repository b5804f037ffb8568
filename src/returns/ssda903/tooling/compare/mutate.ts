/**
 * Random damage to a generated 903 return, for comparing validators: where the error
 * seeders each make one chosen rule fire, this changes cells the way hand-kept records go
 * wrong (a code slipped to its neighbour, a date a year out, a blank, a row typed twice),
 * so that most rules fire somewhere and both validators can be compared on the result.
 */
import type { Row, Tables903, TableName } from '../../model.js';
import type { Random } from '../random.js';
import { schemaFor, type ColumnSpec } from '../../tables.js';
import { formatDate, parseDate } from '../../values.js';

type MutableRow = Record<string, string | null>;

const SHIFTS = [1, -1, 2, -2, 7, -7, 28, -28, 31, -31, 90, -90, 182, -182, 365, -365, 366, 730, -730, -1826, -3652, -5844, -6574];

function mutateDate(rng: Random, value: string | null, row: MutableRow, dateColumns: string[]): string | null {
  const day = parseDate(value);
  const r = rng.next();
  if (r < 0.12 || day === null) return r < 0.06 ? null : rng.pick(['31/02/2025', '2025/04/01', '1/4/25', '00/00/0000']);
  if (r < 0.3) {
    const other = rng.pick(dateColumns);
    if (row[other]) return row[other]!;
  }
  return formatDate(day + rng.pick(SHIFTS));
}

function mutateCell(
  rng: Random,
  spec: ColumnSpec,
  column: string,
  row: MutableRow,
  others: readonly Row[],
  dateColumns: string[],
): string | null {
  const value = row[column] ?? null;
  if (rng.chance(0.12)) return null;
  switch (spec.kind) {
    case 'code':
      return rng.chance(0.85) && spec.codes?.length ? rng.pick(spec.codes) : rng.pick(['X', '99', 'ZZZ', value?.toLowerCase() ?? '0']);
    case 'date':
      return mutateDate(rng, value, row, dateColumns);
    case 'integer':
      return rng.chance(0.7) ? String(rng.int((spec.min ?? 0) - 2, (spec.max ?? 40) + 2)) : rng.pick(['1.5', 'x', '-0']);
    default: {
      // Another row's value for the same column (another child's postcode, URN, UPN ...), or garbage.
      const from = others[rng.int(0, others.length - 1)]?.[column] ?? null;
      return rng.chance(0.8) ? from : rng.pick(['?', 'UN1', 'A1234567890123', 'XX9 9XX']);
    }
  }
}

/**
 * Changes about `rate` of the rows of each table (one cell each), copies a few rows
 * and drops a few (unless `copyAndDropRows` is false). Deterministic for the same `rng` seed. Returns how many changes it made.
 */
export function mutate903(tables: Tables903, year: number, rng: Random, rate: number, options: { copyAndDropRows?: boolean } = {}): number {
  const rowRate = options.copyAndDropRows === false ? 0 : rate / 8;
  const schema = schemaFor(year);
  let changes = 0;
  for (const [name, table] of Object.entries(tables) as [TableName, NonNullable<Tables903[TableName]>][]) {
    const spec = schema[name];
    if (!spec || table.rows.length === 0) continue;
    const columns = Object.keys(spec);
    const dateColumns = columns.filter((c) => spec[c]!.kind === 'date');
    const rows: Row[] = [];
    for (const original of table.rows) {
      if (rng.chance(rowRate)) {
        changes++;
        continue; // dropped
      }
      const row: MutableRow = { ...original };
      if (rng.chance(rate)) {
        const column = rng.chance(0.05) ? 'CHILD' : rng.pick(columns.filter((c) => c !== 'CHILD'));
        row[column] = mutateCell(rng, spec[column]!, column, row, table.rows, dateColumns);
        changes++;
      }
      rows.push(row);
      if (rng.chance(rowRate)) {
        rows.push({ ...row });
        changes++;
      }
    }
    table.rows = rows;
    delete table.lines;
  }
  return changes;
}
