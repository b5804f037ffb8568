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

/** An episode that is followed by another of the same child (the next one's index too). */
function episodePair(ctx: SeedContext): { i: number; j: number; a: MutableRow; b: MutableRow } | undefined {
  const eps = ctx.ret.current.Episodes;
  if (!eps) return undefined;
  for (let tries = 0; tries < 50; tries++) {
    const i = ctx.rng.int(0, eps.rows.length - 2);
    const a = eps.rows[i]!;
    const b = eps.rows[i + 1]!;
    if (a.CHILD === b.CHILD && a.REC === 'X1' && a.DEC === b.DECOM) return { i, j: i + 1, a: a as MutableRow, b: b as MutableRow };
  }
  return undefined;
}

const at = (table: TableName, index: number) => [{ table, index }];

/** Seeders by DfE rule code. */
export const SEEDERS: Readonly<Record<string, Seeder>> = {
  '101': (c) => one(c, 'Header', (r) => set(r, 'SEX', '9')),
  '102': (c) => one(c, 'Header', (r) => set(r, 'DOB', '31/02/2010')),
  '103': (c) => one(c, 'Header', (r) => set(r, 'ETHNIC', 'XXXX')),
  '114': (c) => one(c, 'AD1', (r) => set(r, 'FOSTER_CARE', '7')),
  '141': (c) => one(c, 'Episodes', (r) => set(r, 'DECOM', '2024/13/01')),
  '143': (c) => one(c, 'Episodes', (r) => set(r, 'RNE', 'Q')),
  '144': (c) => one(c, 'Episodes', (r) => set(r, 'LS', 'Z9')),
  '145': (c) => one(c, 'Episodes', (r) => set(r, 'CIN', 'N9')),
  '146': (c) => one(c, 'Episodes', (r) => set(r, 'PLACE', 'Q1')),
  '147': (c) => one(c, 'Episodes', (r) => set(r, 'DEC', '30/02/2025'), (r) => r.DEC != null),
  '148': (c) => one(c, 'Episodes', (r) => set(r, 'REC', null), (r) => r.DEC != null && r.REC !== 'X1'),
  '149': (c) => one(c, 'Episodes', (r) => set(r, 'REC', 'E99'), (r) => r.DEC != null && r.REC !== 'X1'),
  '166': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW', '32/01/2025')),
  '167': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW_CODE', 'PN9')),
  '168': (c) => one(c, 'Header', (r) => set(r, 'UPN', 'I12345678901A'), (r) => !/^UN/.test(r.UPN ?? '')),
  '171': (c) => one(c, 'Header', (r) => set(r, 'MC_DOB', '31/31/2020'), (r) => r.MOTHER === '1'),
  '174': (c) => one(c, 'Header', (r) => set(r, 'MC_DOB', '01/02/2025'), (r) => r.SEX === 'M' || r.SEX === '1'),
  '178': (c) => one(c, 'Episodes', (r) => set(r, 'PLACE_PROVIDER', 'PR9'), (r) => r.PLACE_PROVIDER != null),
  '180': (c) => one(c, 'OC2', (r) => set(r, 'SDQ_SCORE', '41'), (r) => r.SDQ_SCORE != null),
  '181': (c) => one(c, 'OC2', (r) => set(r, 'IMMUNISATIONS', '2')),
  '196': (c) => one(c, 'OC2', (r) => set(r, 'SDQ_REASON', 'SDQ9'), (r) => r.SDQ_SCORE == null && r.SDQ_REASON != null),
  '197a': (c) => one(c, 'OC2', (r) => set(r, 'SDQ_REASON', 'SDQ2'), (r) => r.SDQ_SCORE != null),
  '191': (c) => one(c, 'OC2', (r) => set(r, 'TEETH_CHECK', null)),
  '192': (c) => one(c, 'OC2', (r) => set(r, 'INTERVENTION_RECEIVED', null), (r) => r.SUBSTANCE_MISUSE === '1'),
  '193': (c) => one(c, 'OC2', (r) => set(r, 'INTERVENTION_OFFERED', '1'), (r) => r.SUBSTANCE_MISUSE === '0'),
  '131': (c) => one(c, 'OC3', (r) => set(r, 'IN_TOUCH', 'MAYBE')),
  '132': (c) => one(c, 'OC3', (r) => set(r, 'ACTIV', 'Q9'), (r) => r.IN_TOUCH === 'YES'),
  '153': (c) => one(c, 'OC3', (r) => set(r, 'ACCOM', null), (r) => r.IN_TOUCH === 'YES'),
  '345': (c) => one(c, 'OC3', (r) => set(r, 'ACTIV', '0'), (r) => r.IN_TOUCH === 'YES'),
  '151': (c) => one(c, 'AD1', (r) => set(r, 'SEX_ADOPTR', null)),
  '333': (c) => one(c, 'AD1', (r) => set(r, 'DATE_INT', '01/03/2026'), (r) => r.DATE_MATCH != null),
  '119': (c) => one(c, 'PlacedAdoption', (r) => set(r, 'REASON_PLACED_CEASED', 'RD1')),
  '120': (c) => one(c, 'PlacedAdoption', (r) => {
    set(r, 'REASON_PLACED_CEASED', 'RD9');
    set(r, 'DATE_PLACED_CEASED', r.DATE_PLACED ?? null);
  }),
  '184': (c) => one(c, 'PlacedAdoption', (r) => set(r, 'DATE_PLACED', '01/01/1990')),
  '301': (c) => one(c, 'Header', (r) => set(r, 'DOB', '01/05/2099')),
  '353': (c) => one(c, 'Episodes', (r) => set(r, 'DECOM', '01/01/1990')),
  '355': (c) => one(c, 'Episodes', (r) => set(r, 'DEC', r.DECOM ?? null), (r) => r.DEC != null && r.REC !== 'X1'),
  '378': (c) => one(c, 'Episodes', (r) => set(r, 'LS', 'V2'), (r) => r.PLACE === 'P1'),
  '392d': (c) => one(c, 'Episodes', (r) => set(r, 'PL_POST', r.HOME_POST ?? null), (r) => r.HOME_POST != null && r.PLACE !== 'P1'),
  '392b': (c) => one(c, 'Episodes', (r) => set(r, 'HOME_POST', null), (r) => r.HOME_POST != null),
  '393': (c) => one(c, 'Header', (r) => set(r, 'MOTHER', null), (r) => r.MOTHER === '0'),
  '226': (c) => one(c, 'Episodes', (r) => {
    set(r, 'PLACE', 'T2');
    set(r, 'REASON_PLACE_CHANGE', 'CHILD');
  }, (r) => r.REC === 'X1' && r.REASON_PLACE_CHANGE != null),
  '233': (c) => one(c, 'Episodes', (r) => set(r, 'REASON_PLACE_CHANGE', 'CHILD'), (r) => r.DEC == null),
  '218': (c) => one(c, 'Episodes', (r) => set(r, 'URN', null), (r) => r.URN != null),
  '222': (c) => one(c, 'Episodes', (r) => set(r, 'URN', '1234567'), (r) => r.PLACE === 'P1'),
  '213': (c) => one(c, 'Episodes', (r) => {
    set(r, 'PLACE', 'T1');
    set(r, 'REASON_PLACE_CHANGE', null);
  }, (r) => r.PLACE_PROVIDER != null && r.RNE === 'P'),
  '142': (c) => {
    const p = episodePair(c);
    if (!p) return [];
    p.a.DEC = null;
    p.a.REC = null;
    p.a.REASON_PLACE_CHANGE = null;
    return at('Episodes', p.i);
  },
  '225': (c) => {
    const p = episodePair(c);
    if (!p || !['P', 'B'].includes(p.b.RNE ?? '')) return [];
    p.a.REASON_PLACE_CHANGE = null;
    return at('Episodes', p.i);
  },
  '388': (c) => {
    const p = episodePair(c);
    if (!p) return [];
    p.b.DECOM = p.a.DECOM ?? null; // the next episode no longer starts when this one ends
    return at('Episodes', p.i);
  },
  '357': (c) => one(c, 'Episodes', (r) => set(r, 'RNE', 'P'), (r) => r.RNE === 'S'),
  '202': (c) => {
    const hit = c.pick('Header', (r) => r.CHILD != null && c.ret.previous.Header?.rows.some((q) => q.CHILD === r.CHILD) === true);
    if (!hit) return [];
    hit.row.SEX = hit.row.SEX === 'F' ? 'M' : hit.row.SEX === 'M' ? 'F' : hit.row.SEX === '1' ? '2' : '1';
    return at('Header', hit.index);
  },
  '203': (c) => {
    const hit = c.pick('Header', (r) => c.ret.previous.Header?.rows.some((q) => q.CHILD === r.CHILD) === true);
    if (!hit) return [];
    hit.row.DOB = hit.row.DOB === '01/01/2010' ? '02/01/2010' : '01/01/2010';
    return at('Header', hit.index);
  },
  '204': (c) => {
    const hit = c.pick('Header', (r) => c.ret.previous.Header?.rows.some((q) => q.CHILD === r.CHILD) === true);
    if (!hit) return [];
    hit.row.ETHNIC = hit.row.ETHNIC === 'WBRI' ? 'WIRI' : 'WBRI';
    return at('Header', hit.index);
  },
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
