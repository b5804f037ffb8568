/**
 * Seeding errors into a generated 903 return: each seeder changes one child's rows so
 * that one DfE rule fires, and says which row it changed.
 */
import type { Return903, Row, Table903, TableName } from './model.js';
import type { Random } from './random.js';

export interface SeededError {
  rule: string;
  table: string;
  /** 1-based row of the changed row in its table. */
  row: number;
  childId: string;
}

type MutableRow = Record<string, string | null>;

interface SeedContext {
  ret: Return903;
  rng: Random;
  /** A random row of a table that passes `where`, or undefined. */
  pick(table: TableName, where?: (row: Row) => boolean): { table: Table903; index: number; row: MutableRow } | undefined;
}

/** Changes rows so that the rule fires; returns the rows changed, or [] when no row suits. */
export type Seeder = (ctx: SeedContext) => { table: TableName; index: number }[];

const set = (row: MutableRow, column: string, value: string | null) => {
  row[column] = value;
};

function one(ctx: SeedContext, table: TableName, change: (row: MutableRow) => void, where?: (row: Row) => boolean) {
  const hit = ctx.pick(table, where);
  if (!hit) return [];
  change(hit.row);
  return [{ table, index: hit.index }];
}

/** Seeders by DfE rule code. */
export const SEEDERS: Readonly<Record<string, Seeder>> = {
  '101': (c) => one(c, 'Header', (r) => set(r, 'SEX', '9')),
  '102': (c) => one(c, 'Header', (r) => set(r, 'DOB', '31/02/2010')),
  '103': (c) => one(c, 'Header', (r) => set(r, 'ETHNIC', 'XXXX')),
  '141': (c) => one(c, 'Episodes', (r) => set(r, 'DECOM', '2024/13/01')),
  '143': (c) => one(c, 'Episodes', (r) => set(r, 'RNE', 'Q')),
  '144': (c) => one(c, 'Episodes', (r) => set(r, 'LS', 'Z9')),
  '145': (c) => one(c, 'Episodes', (r) => set(r, 'CIN', 'N9')),
  '146': (c) => one(c, 'Episodes', (r) => set(r, 'PLACE', 'Q1')),
  '166': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW', '32/01/2025')),
  '167': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW_CODE', 'PN9')),
};

export function seedErrors(ret: Return903, rng: Random, rate: number, rules?: readonly string[]): SeededError[] {
  const codes = (rules ?? Object.keys(SEEDERS)).filter((r) => SEEDERS[r]);
  if (codes.length === 0) return [];
  const header = ret.current.Header;
  const count = Math.round((header?.rows.length ?? 0) * rate);
  const ctx: SeedContext = {
    ret,
    rng,
    pick(table, where) {
      const t = ret.current[table];
      if (!t || t.rows.length === 0) return undefined;
      for (let tries = 0; tries < 50; tries++) {
        const index = rng.int(0, t.rows.length - 1);
        const row = t.rows[index]!;
        if (!where || where(row)) return { table: t, index, row: row as MutableRow };
      }
      return undefined;
    },
  };
  const out: SeededError[] = [];
  for (let k = 0; k < count; k++) {
    const rule = codes[k % codes.length]!;
    for (const { table, index } of SEEDERS[rule]!(ctx)) {
      out.push({ rule, table, row: index + 1, childId: ret.current[table]!.rows[index]!.CHILD ?? '' });
    }
  }
  return out;
}
