/**
 * Seeding errors into a generated 903 return: each seeder changes one child's rows so
 * that one DfE rule fires, and says which row it changed.
 */
import type { Return903, Row, Table903, TableName } from '../model.js';
import type { Random } from './random.js';
import { addYears, ageOn, collectionEnd, collectionStart, type Day, formatDate, parseDate } from '../values.js';

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
  /** Children an earlier seeder changed: left alone, so that one error does not undo another. */
  used: ReadonlySet<string>;
  /** Each table's rows by child, for looking children up without scanning whole tables. */
  byChild: ChildRows;
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
    if (a.CHILD === b.CHILD && a.REC === 'X1' && a.DEC === b.DECOM && !ctx.used.has(a.CHILD ?? ''))
      return { i, j: i + 1, a: a as MutableRow, b: b as MutableRow };
  }
  return undefined;
}

const at = (table: TableName, index: number) => [{ table, index }];

/** A random row of the table among all rows that pass `where` (for rows too rare for `pick`). */
function choose(
  ctx: SeedContext,
  table: TableName,
  where: (row: Row, index: number) => boolean,
): { index: number; row: MutableRow } | undefined {
  const rows = ctx.ret.current[table]?.rows ?? [];
  const hits: number[] = [];
  rows.forEach((r, i) => !ctx.used.has(r.CHILD ?? '') && where(r, i) && hits.push(i));
  if (hits.length === 0) return undefined;
  const index = hits[ctx.rng.int(0, hits.length - 1)]!;
  return { index, row: rows[index] as MutableRow };
}

/** Appends a row to a table (this year's, or last year's with `last`); returns its index, or -1 when the table is absent. */
function addRow(ctx: SeedContext, table: TableName, row: MutableRow, last = false): number {
  const t = (last ? ctx.ret.previous : ctx.ret.current)[table];
  if (!t) return -1;
  t.rows.push(row);
  return t.rows.length - 1;
}

type ChildId = string | null | undefined;

/**
 * Row indexes of each table by child. Seeders look children up across whole tables, often
 * once for every row of another table, which scanning would make quadratic in the size of
 * the return. While seeding, rows are only appended and no row's CHILD changes, so an index
 * stays true by taking in the rows added since it was last read.
 */
class ChildRows {
  private readonly indexes = new Map<Table903, { seen: number; rows: Map<ChildId, number[]> }>();

  /** Row indexes of a child's rows in a table, in file order (a child's episodes are generated in date order). */
  of(t: Table903 | undefined, child: ChildId): readonly number[] {
    return (t ? this.index(t).get(child) : undefined) ?? [];
  }

  /** The child's first row in the table. */
  first(t: Table903 | undefined, child: ChildId): Row | undefined {
    const i = this.of(t, child)[0];
    return i === undefined ? undefined : t!.rows[i];
  }

  /** Whether the table has a row for the child, a missing CHILD counting as ''. */
  has(t: Table903 | undefined, child: string): boolean {
    if (!t) return false;
    const index = this.index(t);
    return index.has(child) || (child === '' && (index.has(null) || index.has(undefined)));
  }

  private index(t: Table903): Map<ChildId, number[]> {
    let entry = this.indexes.get(t);
    if (!entry) this.indexes.set(t, (entry = { seen: 0, rows: new Map() }));
    for (; entry.seen < t.rows.length; entry.seen++) {
      const child = t.rows[entry.seen]!.CHILD;
      const rows = entry.rows.get(child);
      if (rows) rows.push(entry.seen);
      else entry.rows.set(child, [entry.seen]);
    }
    return entry.rows;
  }
}

/** The children with a row in any of the tables (a missing CHILD counting as ''). */
const childrenIn = (ctx: SeedContext, ...tables: (Table903 | undefined)[]) => ({
  has: (child: string) => tables.some((t) => ctx.byChild.has(t, child)),
});

const rowsOf = (ctx: SeedContext, t: Table903 | undefined, child: ChildId) => ctx.byChild.of(t, child);

const dobOf = (ctx: SeedContext, child: ChildId): Day | null => parseDate(ctx.byChild.first(ctx.ret.current.Header, child)?.DOB);

const yearStart = (ctx: SeedContext) => collectionStart(ctx.ret.collectionYear);
const yearEnd = (ctx: SeedContext) => collectionEnd(ctx.ret.collectionYear);

/** Age on 31 March, or NaN when the Header has no readable date of birth. */
function ageAtEnd(ctx: SeedContext, child: ChildId): number {
  const dob = dobOf(ctx, child);
  return dob === null ? NaN : ageOn(dob, yearEnd(ctx));
}

/** Gives the child another date of birth in every table of this year's return. */
function setDob(ctx: SeedContext, child: ChildId, dob: Day): void {
  for (const t of Object.values(ctx.ret.current)) {
    for (const i of ctx.byChild.of(t, child)) if ('DOB' in t.rows[i]!) (t.rows[i] as MutableRow).DOB = formatDate(dob);
  }
}

/** Care leaver information for a young person, as a new OC3 row. */
function addCareLeaver(ctx: SeedContext, child: ChildId, accom = 'D1'): number {
  const dob = ctx.byChild.first(ctx.ret.current.Header, child)?.DOB ?? null;
  return addRow(ctx, 'OC3', { CHILD: child ?? null, DOB: dob, IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: accom });
}

/** A UASC row for a child (date status ceased: the day before the 18th birthday). */
function uascRow(ctx: SeedContext, child: ChildId, last = false, ducShift = 0): MutableRow {
  const h = ctx.byChild.first((last ? ctx.ret.previous : ctx.ret.current).Header, child);
  const dob = parseDate(h?.DOB);
  return {
    CHILD: child ?? null,
    DOB: h?.DOB ?? null,
    SEX: h?.SEX ?? null,
    DUC: dob === null ? null : formatDate(addYears(dob, 18) - 1 - ducShift),
  };
}

/** A 17-year-old (17th birthday in the year) with episodes this year, who has no care leaver row yet; with the birthday and episodes. */
function seventeen(ctx: SeedContext, where: (eps: MutableRow[], birthday: Day) => boolean) {
  const eps = ctx.ret.current.Episodes;
  const leavers = childrenIn(ctx, ctx.ret.current.OC3);
  const hit = choose(ctx, 'Header', (r) => {
    const dob = parseDate(r.DOB);
    if (dob === null || ageOn(dob, yearEnd(ctx)) !== 17 || leavers.has(r.CHILD ?? '')) return false;
    const mine = rowsOf(ctx, eps, r.CHILD).map((i) => eps!.rows[i] as MutableRow);
    return mine.length > 0 && where(mine, addYears(dob, 17));
  });
  return hit;
}

/** An episode that ended care (DEC given, REC not X1) of a child aged 15 or more on 31 March. */
function careEnded(ctx: SeedContext) {
  return choose(ctx, 'Episodes', (r) => {
    if (parseDate(r.DEC) === null || r.REC == null || r.REC === 'X1') return false;
    return ageAtEnd(ctx, r.CHILD) >= 15;
  });
}

/** An episode ending care for a reason the child's age rules out: at 18 or over (DOB moved back). */
function endedAtEighteen(ctx: SeedContext, rec: string, withHeader: boolean) {
  const hit = careEnded(ctx);
  if (!hit) return [];
  hit.row.REC = rec;
  setDob(ctx, hit.row.CHILD, addYears(parseDate(hit.row.DEC)!, -18) - 30);
  const out: { table: TableName; index: number }[] = [{ table: 'Episodes', index: hit.index }];
  if (withHeader) out.push(...rowsOf(ctx, ctx.ret.current.Header, hit.row.CHILD).map((index) => ({ table: 'Header' as const, index })));
  return out;
}

/** Seeders by DfE rule code. */
/** Changes the placement of the episode a DoLO runs in (the order's row is the one reported). */
function doloPlacement(c: SeedContext, place: string): { table: TableName; index: number }[] {
  const eps = c.ret.current.Episodes;
  const hit = choose(c, 'DoLo', (r) => parseDate(r.DOLO_START) !== null);
  if (!hit || !eps) return [];
  const start = parseDate(hit.row.DOLO_START)!;
  const ep = eps.rows.find(
    (r) => r.CHILD === hit.row.CHILD && parseDate(r.DECOM)! <= start && (r.DEC == null || parseDate(r.DEC)! >= start),
  );
  if (!ep) return [];
  (ep as MutableRow).PLACE = place;
  return [{ table: 'DoLo', index: hit.index }];
}

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
  '147': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'DEC', '30/02/2025'),
      (r) => r.DEC != null,
    ),
  '148': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'REC', null),
      (r) => r.DEC != null && r.REC !== 'X1',
    ),
  '149': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'REC', 'E99'),
      (r) => r.DEC != null && r.REC !== 'X1',
    ),
  '166': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW', '32/01/2025')),
  '167': (c) => one(c, 'Reviews', (r) => set(r, 'REVIEW_CODE', 'PN9')),
  '168': (c) =>
    one(
      c,
      'Header',
      (r) => set(r, 'UPN', 'I12345678901A'),
      (r) => !/^UN/.test(r.UPN ?? ''),
    ),
  // Mothers are few: any girl (MOTHER given) becomes one, with a date that is not a date.
  '171': (c) => {
    const hit = choose(c, 'Header', (r) => r.MOTHER === '0' || r.MOTHER === '1');
    if (!hit) return [];
    hit.row.MOTHER = '1';
    hit.row.MC_DOB = '31/31/2020';
    return at('Header', hit.index);
  },
  '174': (c) =>
    one(
      c,
      'Header',
      (r) => set(r, 'MC_DOB', '01/02/2025'),
      (r) => r.SEX === 'M' || r.SEX === '1',
    ),
  '178': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'PLACE_PROVIDER', 'PR9'),
      (r) => r.PLACE_PROVIDER != null,
    ),
  '180': (c) =>
    one(
      c,
      'OC2',
      (r) => set(r, 'SDQ_SCORE', '41'),
      (r) => r.SDQ_SCORE != null,
    ),
  '181': (c) => one(c, 'OC2', (r) => set(r, 'IMMUNISATIONS', '2')),
  // Generated rows give a score, never a reason: the reason replaces the score.
  '196': (c) =>
    one(c, 'OC2', (r) => {
      set(r, 'SDQ_SCORE', null);
      set(r, 'SDQ_REASON', 'SDQ9');
    }),
  '197a': (c) =>
    one(
      c,
      'OC2',
      (r) => set(r, 'SDQ_REASON', 'SDQ2'),
      (r) => r.SDQ_SCORE != null,
    ),
  '191': (c) => one(c, 'OC2', (r) => set(r, 'TEETH_CHECK', null)),
  '192': (c) =>
    one(
      c,
      'OC2',
      (r) => set(r, 'INTERVENTION_RECEIVED', null),
      (r) => r.SUBSTANCE_MISUSE === '1',
    ),
  '193': (c) =>
    one(
      c,
      'OC2',
      (r) => set(r, 'INTERVENTION_OFFERED', '1'),
      (r) => r.SUBSTANCE_MISUSE === '0',
    ),
  '131': (c) => one(c, 'OC3', (r) => set(r, 'IN_TOUCH', 'MAYBE')),
  '132': (c) =>
    one(
      c,
      'OC3',
      (r) => set(r, 'ACTIV', 'Q9'),
      (r) => r.IN_TOUCH === 'YES',
    ),
  '153': (c) =>
    one(
      c,
      'OC3',
      (r) => set(r, 'ACCOM', null),
      (r) => r.IN_TOUCH === 'YES',
    ),
  '345': (c) =>
    one(
      c,
      'OC3',
      (r) => set(r, 'ACTIV', '0'),
      (r) => r.IN_TOUCH === 'YES',
    ),
  '151': (c) => one(c, 'AD1', (r) => set(r, 'SEX_ADOPTR', null)),
  '333': (c) =>
    one(
      c,
      'AD1',
      (r) => set(r, 'DATE_INT', formatDate(parseDate(r.DATE_MATCH)! + 30)),
      (r) => parseDate(r.DATE_MATCH) !== null,
    ),
  '119': (c) => one(c, 'PlacedAdoption', (r) => set(r, 'REASON_PLACED_CEASED', 'RD1')),
  '120': (c) =>
    one(c, 'PlacedAdoption', (r) => {
      set(r, 'REASON_PLACED_CEASED', 'RD9');
      set(r, 'DATE_PLACED_CEASED', r.DATE_PLACED ?? null);
    }),
  '184': (c) => one(c, 'PlacedAdoption', (r) => set(r, 'DATE_PLACED', '01/01/1990')),
  '301': (c) => one(c, 'Header', (r) => set(r, 'DOB', '01/05/2099')),
  '353': (c) => one(c, 'Episodes', (r) => set(r, 'DECOM', '01/01/1990')),
  '355': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'DEC', r.DECOM ?? null),
      (r) => r.DEC != null && r.REC !== 'X1',
    ),
  '378': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'LS', 'V2'),
      (r) => r.PLACE === 'P1',
    ),
  '392d': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'PL_POST', r.HOME_POST ?? null),
      (r) => r.HOME_POST != null && r.PLACE !== 'P1',
    ),
  '392b': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'HOME_POST', null),
      (r) => r.HOME_POST != null,
    ),
  '393': (c) =>
    one(
      c,
      'Header',
      (r) => set(r, 'MOTHER', null),
      (r) => r.MOTHER === '0',
    ),
  '226': (c) =>
    one(
      c,
      'Episodes',
      (r) => {
        set(r, 'PLACE', 'T2');
        set(r, 'REASON_PLACE_CHANGE', 'CHILD');
      },
      (r) => r.REC === 'X1' && r.REASON_PLACE_CHANGE != null,
    ),
  '233': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'REASON_PLACE_CHANGE', 'CHILD'),
      (r) => r.DEC == null,
    ),
  '218': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'URN', null),
      (r) => r.URN != null,
    ),
  '222': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'URN', '1234567'),
      (r) => r.PLACE === 'P1',
    ),
  '213': (c) =>
    one(
      c,
      'Episodes',
      (r) => {
        set(r, 'PLACE', 'T1');
        set(r, 'REASON_PLACE_CHANGE', null);
      },
      (r) => r.PLACE_PROVIDER != null && r.RNE === 'P',
    ),
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
  '357': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'RNE', 'P'),
      (r) => r.RNE === 'S',
    ),
  '202': (c) => {
    const hit = c.pick('Header', (r) => r.CHILD != null && c.byChild.of(c.ret.previous.Header, r.CHILD).length > 0);
    if (!hit) return [];
    hit.row.SEX = hit.row.SEX === 'F' ? 'M' : hit.row.SEX === 'M' ? 'F' : hit.row.SEX === '1' ? '2' : '1';
    return at('Header', hit.index);
  },
  '203': (c) => {
    const hit = c.pick('Header', (r) => c.byChild.of(c.ret.previous.Header, r.CHILD).length > 0);
    if (!hit) return [];
    hit.row.DOB = hit.row.DOB === '01/01/2010' ? '02/01/2010' : '01/01/2010';
    return at('Header', hit.index);
  },
  '204': (c) => {
    const hit = c.pick('Header', (r) => c.byChild.of(c.ret.previous.Header, r.CHILD).length > 0);
    if (!hit) return [];
    hit.row.ETHNIC = hit.row.ETHNIC === 'WBRI' ? 'WIRI' : 'WBRI';
    return at('Header', hit.index);
  },

  // XML returns only: the Header's UASC column and the episode's placement LA and location are not in the CSV files.
  '105': (c) => {
    const uasc = childrenIn(c, c.ret.current.UASC);
    const hit = choose(c, 'Header', (r) => !uasc.has(r.CHILD ?? ''));
    if (!hit) return [];
    hit.row.UASC = '2';
    return at('Header', hit.index);
  },
  '411': (c) =>
    one(c, 'Episodes', (r) => {
      set(r, 'PL_LA', 'E99999999');
      set(r, 'PL_LOCATION', 'IN');
    }),
  '112': (c) => one(c, 'AD1', (r) => set(r, 'DATE_INT', '31/02/2025')),
  '113': (c) => one(c, 'AD1', (r) => set(r, 'DATE_MATCH', '30/02/2025')),
  '176': (c) => one(c, 'AD1', (r) => set(r, 'SEX_ADOPTR', 'XX')),
  '177': (c) => one(c, 'AD1', (r) => set(r, 'LS_ADOPTR', 'L9')),
  '518': (c) => {
    const hit = choose(c, 'AD1', (r) => r.SEX_ADOPTR === 'MF');
    if (!hit) return [];
    hit.row.LS_ADOPTR = 'L4';
    return at('AD1', hit.index);
  },
  '519': (c) => {
    const hit = choose(c, 'AD1', (r) => r.SEX_ADOPTR === 'M1' || r.SEX_ADOPTR === 'F1');
    if (!hit) return [];
    hit.row.LS_ADOPTR = 'L2';
    return at('AD1', hit.index);
  },
  '117': (c) => {
    const hit = choose(c, 'PlacedAdoption', (r) => parseDate(r.DATE_PLACED) !== null);
    if (!hit) return [];
    hit.row.DATE_PLACED = formatDate(yearEnd(c) + 20); // after the year
    return at('PlacedAdoption', hit.index);
  },
  '522': (c) => {
    const hit = choose(c, 'PlacedAdoption', (r) => parseDate(r.DATE_PLACED) !== null && r.DATE_PLACED_CEASED == null);
    if (!hit) return [];
    hit.row.DATE_PLACED_CEASED = formatDate(parseDate(hit.row.DATE_PLACED)! - 10);
    hit.row.REASON_PLACED_CEASED = 'RD4';
    return at('PlacedAdoption', hit.index);
  },
  '563': (c) => {
    const hit = choose(c, 'PlacedAdoption', (r) => r.DATE_PLACED != null && r.DATE_PLACED_CEASED == null);
    if (!hit) return [];
    hit.row.DATE_PLACED_CEASED = hit.row.DATE_PLACED ?? null;
    hit.row.DATE_PLACED = null;
    hit.row.REASON_PLACED_CEASED = 'RD4';
    return at('PlacedAdoption', hit.index);
  },
  '582': (c) => {
    const eps = c.ret.current.Episodes;
    const adopted = childrenIn(c, c.ret.current.AD1);
    const hit = choose(c, 'Episodes', (r) => ['E11', 'E12'].includes(r.REC ?? '') && r.DEC != null && adopted.has(r.CHILD ?? ''));
    if (!hit || !eps) return [];
    for (const a of rowsOf(c, c.ret.current.AD1, hit.row.CHILD))
      (c.ret.current.AD1!.rows[a] as MutableRow).DATE_MATCH = hit.row.DEC ?? null;
    return at('Episodes', hit.index);
  },
  '134': (c) => {
    const leaver = choose(c, 'OC3', (r) => r.IN_TOUCH != null);
    const ad1 = c.pick('AD1');
    if (!leaver || !ad1) return [];
    const a = addRow(c, 'AD1', { ...ad1.row, CHILD: leaver.row.CHILD ?? null, DOB: leaver.row.DOB ?? null });
    return [{ table: 'AD1', index: a }];
  },
  '158': (c) =>
    one(
      c,
      'OC2',
      (r) => {
        set(r, 'SUBSTANCE_MISUSE', '1');
        set(r, 'INTERVENTION_RECEIVED', '1');
        set(r, 'INTERVENTION_OFFERED', '1');
      },
      (r) => r.SUBSTANCE_MISUSE === '0',
    ),
  '159': (c) =>
    one(
      c,
      'OC2',
      (r) => {
        set(r, 'SUBSTANCE_MISUSE', '1');
        set(r, 'INTERVENTION_RECEIVED', '0');
        set(r, 'INTERVENTION_OFFERED', null);
      },
      (r) => r.SUBSTANCE_MISUSE === '0',
    ),
  '544': (c) =>
    one(
      c,
      'OC2',
      (r) => {
        set(r, 'CONVICTED', '1');
        set(r, 'HEALTH_ASSESSMENT', null);
      },
      (r) => r.CONVICTED === '0',
    ),
  '197B': (c) => {
    // A child turning 4 or 17 during the year with neither a score nor a reason for none.
    const hit = choose(c, 'OC2', (r) => {
      const dob = parseDate(r.DOB);
      if (dob === null || r.SDQ_SCORE == null) return false;
      const a = ageOn(dob, yearStart(c));
      const b = ageOn(dob, yearEnd(c));
      return (a < 4 && b >= 4) || (a < 17 && b >= 17);
    });
    if (!hit) return [];
    hit.row.SDQ_SCORE = null;
    hit.row.SDQ_REASON = null;
    return at('OC2', hit.index);
  },
  '205A': (c) => {
    // UASC last year with a date status ceased in this year, but not UASC now.
    const last = childrenIn(c, c.ret.previous.Header);
    const uasc = childrenIn(c, c.ret.current.UASC, c.ret.previous.UASC);
    const hit = choose(c, 'Header', (r) => last.has(r.CHILD ?? '') && !uasc.has(r.CHILD ?? '') && parseDate(r.DOB) !== null);
    if (!hit || !c.ret.previous.UASC) return [];
    addRow(c, 'UASC', { ...uascRow(c, hit.row.CHILD, true), DUC: formatDate(yearStart(c) + 30) }, true);
    return at('Header', hit.index);
  },
  '205B': (c) => {
    // UASC in both years, the dates status ceased differing.
    const last = childrenIn(c, c.ret.previous.Header);
    const uasc = childrenIn(c, c.ret.current.UASC, c.ret.previous.UASC);
    const hit = choose(c, 'Header', (r) => {
      const dob = parseDate(r.DOB);
      return last.has(r.CHILD ?? '') && !uasc.has(r.CHILD ?? '') && dob !== null && ageOn(dob, yearEnd(c)) >= 15;
    });
    if (!hit || !c.ret.previous.UASC) return [];
    const u = addRow(c, 'UASC', uascRow(c, hit.row.CHILD));
    addRow(c, 'UASC', uascRow(c, hit.row.CHILD, true, 7), true);
    return [
      { table: 'Header', index: hit.index },
      { table: 'UASC', index: u },
    ];
  },
  '231': (c) => {
    const uasc = childrenIn(c, c.ret.current.UASC);
    const hit = choose(c, 'Header', (r) => {
      const dob = parseDate(r.DOB);
      return dob !== null && ageOn(dob, yearStart(c)) < 10 && !uasc.has(r.CHILD ?? '');
    });
    if (!hit) return [];
    addRow(c, 'UASC', uascRow(c, hit.row.CHILD));
    return at('Header', hit.index);
  },
  INT09: (c) => {
    const header = childrenIn(c, c.ret.current.Header);
    const h = c.pick('Header');
    if (!h) return [];
    let child: string;
    do child = String(9_000_000 + c.rng.int(0, 999_999));
    while (header.has(child));
    const u = addRow(c, 'UASC', { CHILD: child, DOB: h.row.DOB ?? null, SEX: h.row.SEX ?? null, DUC: null });
    return u < 0 ? [] : at('UASC', u);
  },
  '210': (c) => {
    const eps = c.ret.current.Episodes;
    const end = yearEnd(c);
    const hit = choose(c, 'Header', (r) =>
      rowsOf(c, eps, r.CHILD).some((e) => {
        const d = parseDate(eps!.rows[e]!.DECOM);
        return eps!.rows[e]!.DEC == null && d !== null && d < end - 7;
      }),
    );
    if (!hit) return [];
    hit.row.UPN = 'UN4';
    return at('Header', hit.index);
  },
  '215': (c) => {
    const leaver = choose(c, 'OC3', (r) => r.IN_TOUCH != null);
    const oc2 = c.pick('OC2');
    if (!leaver || !oc2) return [];
    const o = addRow(c, 'OC2', { ...oc2.row, CHILD: leaver.row.CHILD ?? null, DOB: leaver.row.DOB ?? null });
    return [
      { table: 'OC2', index: o },
      { table: 'OC3', index: leaver.index },
    ];
  },
  '347': (c) => {
    const hit = choose(c, 'OC3', (r) => r.IN_TOUCH === 'YES');
    if (!hit) return [];
    hit.row.ACCOM = 'T1';
    setDob(c, hit.row.CHILD, addYears(yearEnd(c), -17) - 100); // 17 on 31 March
    return at('OC3', hit.index);
  },
  '391': (c) => {
    const hit = choose(c, 'OC3', () => true);
    if (!hit) return [];
    setDob(c, hit.row.CHILD, addYears(yearEnd(c), -16) - 100); // 16 on 31 March
    return at('OC3', hit.index);
  },
  '348': (c) => {
    const hit = choose(c, 'OC3', (r) => r.IN_TOUCH !== 'DIED');
    if (!hit || !c.ret.previous.OC3) return [];
    addRow(c, 'OC3', { CHILD: hit.row.CHILD ?? null, DOB: hit.row.DOB ?? null, IN_TOUCH: 'DIED', ACTIV: null, ACCOM: null }, true);
    return at('OC3', hit.index);
  },
  '1000': (c) => {
    const last = c.ret.previous.Episodes;
    const hit = choose(c, 'OC3', (r) => rowsOf(c, last, r.CHILD).some((e) => last!.rows[e]!.REC != null));
    if (!hit) return [];
    const e = rowsOf(c, last, hit.row.CHILD)
      .filter((i) => last!.rows[i]!.REC != null)
      .pop()!;
    (last!.rows[e] as MutableRow).REC = 'E2'; // died
    return at('OC3', hit.index);
  },
  '1014': (c) => {
    const looked = childrenIn(c, c.ret.current.Episodes);
    const uasc = childrenIn(c, c.ret.current.UASC);
    const hit = choose(c, 'OC3', (r) => !looked.has(r.CHILD ?? '') && !uasc.has(r.CHILD ?? ''));
    if (!hit) return [];
    const u = addRow(c, 'UASC', uascRow(c, hit.row.CHILD));
    return [
      { table: 'UASC', index: u },
      { table: 'OC3', index: hit.index },
    ];
  },
  '1007': (c) => {
    // Looked after on the 17th birthday and still looked after.
    const hit = seventeen(c, (eps, b) => eps[eps.length - 1]!.DEC == null && eps.some((e) => (parseDate(e.DECOM) ?? Infinity) <= b));
    return hit ? at('OC3', addCareLeaver(c, hit.row.CHILD)) : [];
  },
  '1016': (c) => {
    // Left care after the 17th birthday.
    const hit = seventeen(c, (eps, b) => (parseDate(eps[eps.length - 1]!.DEC) ?? -Infinity) > b);
    return hit ? at('OC3', addCareLeaver(c, hit.row.CHILD)) : [];
  },
  '3001': (c) => {
    const hit = seventeen(c, () => true);
    return hit ? at('OC3', addCareLeaver(c, hit.row.CHILD, 'Z1')) : [];
  },
  '1011': (c) => {
    // Care transferred to another authority at the end of the latest episode.
    const eps = c.ret.current.Episodes;
    const leavers = childrenIn(c, c.ret.current.OC3);
    const hit = choose(c, 'Episodes', (r, i) => {
      if (parseDate(r.DEC) === null || r.REC == null || r.REC === 'X1' || leavers.has(r.CHILD ?? '')) return false;
      return eps!.rows[i + 1]?.CHILD !== r.CHILD && ageAtEnd(c, r.CHILD) >= 16;
    });
    if (!hit) return [];
    hit.row.REC = 'E3';
    return at('OC3', addCareLeaver(c, hit.row.CHILD));
  },
  '386': (c) => endedAtEighteen(c, 'E11', false),
  '407': (c) => endedAtEighteen(c, 'E45', true),
  '336': (c) => {
    // The placement before the placement for adoption is a children's home, not foster care.
    const eps = c.ret.current.Episodes;
    const hit = choose(c, 'Episodes', (r, i) => ['A3', 'A4'].includes(r.PLACE ?? '') && i > 0 && eps!.rows[i - 1]!.CHILD === r.CHILD);
    if (!hit) return [];
    (eps!.rows[hit.index - 1] as MutableRow).PLACE = 'R1';
    return at('Episodes', hit.index);
  },
  '373': (c) => {
    const hit = choose(c, 'Episodes', (r) => {
      const dob = dobOf(c, r.CHILD);
      const decom = parseDate(r.DECOM);
      return dob !== null && decom !== null && decom < addYears(dob, 4);
    });
    if (!hit) return [];
    hit.row.PLACE = 'S1';
    return at('Episodes', hit.index);
  },
  '377': (c) => {
    // Three temporary placements for the foster carers' holiday.
    const eps = c.ret.current.Episodes;
    const hit = choose(c, 'Episodes', (r, i) => eps!.rows[i + 2]?.CHILD === r.CHILD && eps!.rows[i + 1]!.CHILD === r.CHILD);
    if (!hit) return [];
    for (let k = 0; k < 3; k++) (eps!.rows[hit.index + k] as MutableRow).PLACE = 'T3';
    return [0, 1, 2].map((k) => ({ table: 'Episodes' as const, index: hit.index + k }));
  },
  '382': (c) =>
    one(c, 'Episodes', (r) => {
      set(r, 'LS', 'V3');
      set(r, 'PLACE', 'T4');
    }),
  '426': (c) => {
    const eps = c.ret.current.Episodes;
    const hit = choose(c, 'Episodes', (r, i) => eps!.rows[i + 1]?.CHILD === r.CHILD);
    if (!hit) return [];
    hit.row.LS = 'V3';
    (eps!.rows[hit.index + 1] as MutableRow).LS = 'V4';
    return [
      { table: 'Episodes', index: hit.index },
      { table: 'Episodes', index: hit.index + 1 },
    ];
  },
  '446': (c) =>
    one(
      c,
      'Episodes',
      (r) => {
        set(r, 'LS', 'E1');
        set(r, 'DECOM', '01/11/2005');
      },
      (r) => r.RNE === 'S',
    ),
  '528': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'PLACE_PROVIDER', 'PR2'),
      (r) => r.PLACE === 'P1',
    ),
  '531': (c) =>
    one(
      c,
      'Episodes',
      (r) => set(r, 'PLACE_PROVIDER', 'PR5'),
      (r) => r.PLACE === 'P1',
    ),
  '621': (c) => {
    const hit = choose(c, 'Header', (r) => r.MOTHER === '0' && parseDate(r.DOB) !== null);
    if (!hit) return [];
    hit.row.MOTHER = '1';
    hit.row.MC_DOB = formatDate(parseDate(hit.row.DOB)! - 365); // born before the mother
    return at('Header', hit.index);
  },
  '626': (c) => {
    // A mother whose child was born before the year, though last year's return said she was not a mother.
    const notMothers = new Set((c.ret.previous.Header?.rows ?? []).filter((r) => r.MOTHER === '0').map((r) => r.CHILD ?? ''));
    const hit = choose(c, 'Header', (r) => {
      const dob = parseDate(r.DOB);
      return r.MOTHER === '0' && notMothers.has(r.CHILD ?? '') && dob !== null && ageOn(dob, yearStart(c)) >= 15;
    });
    if (!hit) return [];
    hit.row.MOTHER = '1';
    hit.row.MC_DOB = formatDate(yearStart(c) - 60);
    return at('Header', hit.index);
  },
  // Deprivation of liberty orders (from 2026/27): the generator writes valid ones for some children in homes.
  '700': (c) => one(c, 'DoLo', (r) => set(r, 'DOLO_START', '31/02/2026')),
  '701': (c) => one(c, 'DoLo', (r) => set(r, 'DOLO_END', '2026/13/01')),
  '702': (c) =>
    one(
      c,
      'DoLo',
      (r) => set(r, 'DOLO_END', formatDate(parseDate(r.DOLO_START)! - 5)),
      (r) => parseDate(r.DOLO_START) !== null,
    ),
  '703': (c) =>
    one(
      c,
      'DoLo',
      (r) => set(r, 'DOLO_START', formatDate(collectionEnd(c.ret.collectionYear) + 10)),
      (r) => r.DOLO_END == null,
    ),
  '704': (c) => one(c, 'DoLo', (r) => set(r, 'DOLO_END', formatDate(collectionEnd(c.ret.collectionYear) + 20))),
  '705': (c) => {
    const hit = choose(c, 'DoLo', (r) => parseDate(r.DOLO_START) !== null);
    if (!hit) return [];
    const again = addRow(c, 'DoLo', { ...hit.row, DOLO_START: formatDate(parseDate(hit.row.DOLO_START)! + 1) });
    return again < 0 ? [] : [{ table: 'DoLo', index: again }];
  },
  '707': (c) => {
    // An order left open for a child whose care ended in the year.
    const eps = c.ret.current.Episodes;
    const ceased = new Set((eps?.rows ?? []).filter((r) => r.REC != null && r.REC !== 'X1').map((r) => r.CHILD ?? ''));
    return one(
      c,
      'DoLo',
      (r) => set(r, 'DOLO_END', null),
      (r) => ceased.has(r.CHILD ?? ''),
    );
  },
  '708': (c) =>
    one(
      c,
      'DoLo',
      (r) => set(r, 'DOB', formatDate(parseDate(r.DOLO_START)! + 10)),
      (r) => parseDate(r.DOLO_START) !== null,
    ),
  '709': (c) => doloPlacement(c, 'U4'),
  '710': (c) => doloPlacement(c, 'K1'),
  '460': (c) => {
    // Staying put (E17) given as the reason care ended for a child under 18.
    const hit = choose(c, 'Episodes', (r) => {
      const dob = dobOf(c, r.CHILD);
      const dec = parseDate(r.DEC);
      return r.REC != null && r.REC !== 'X1' && dob !== null && dec !== null && ageOn(dob, dec) < 17;
    });
    if (!hit) return [];
    hit.row.REC = 'E17';
    return [{ table: 'Episodes', index: hit.index }];
  },
  '517': (c) =>
    one(c, 'AD1', (r) => {
      set(r, 'LS_ADOPTR', 'L3');
      set(r, 'SEX_ADOPTR', 'MM');
      set(r, 'NB_ADOPTR', '2');
    }),
  INT31: (c) => {
    const hit = choose(c, 'AD1', () => true);
    if (!hit) return [];
    return [
      { table: 'AD1', index: hit.index },
      { table: 'AD1', index: addRow(c, 'AD1', { ...hit.row }) },
    ];
  },
  INT34: (c) => {
    const hit = choose(c, 'OC3', () => true);
    if (!hit) return [];
    return [
      { table: 'OC3', index: hit.index },
      { table: 'OC3', index: addRow(c, 'OC3', { ...hit.row }) },
    ];
  },
  SW09STG2: (c) =>
    one(
      c,
      'SWEpisodes',
      (r) => set(r, 'SW_DEC', r.SW_DECOM ?? null),
      (r) => r.SW_DEC != null && r.SW_DECOM != null,
    ),
};

export function seedErrors(ret: Return903, rng: Random, rate: number, rules?: readonly string[]): SeededError[] {
  const codes = (rules ?? Object.keys(SEEDERS)).filter((r) => SEEDERS[r]);
  if (codes.length === 0) return [];
  const header = ret.current.Header;
  const count = Math.round((header?.rows.length ?? 0) * rate);
  const used = new Set<string>();
  const ctx: SeedContext = {
    ret,
    rng,
    used,
    byChild: new ChildRows(),
    pick(table, where) {
      const t = ret.current[table];
      if (!t || t.rows.length === 0) return undefined;
      for (let tries = 0; tries < 50; tries++) {
        const index = rng.int(0, t.rows.length - 1);
        const row = t.rows[index]!;
        if ((!where || where(row)) && !used.has(row.CHILD ?? '')) return { table: t, index, row: row as MutableRow };
      }
      return undefined;
    },
  };
  const out: SeededError[] = [];
  for (let k = 0; k < count; k++) {
    const rule = codes[k % codes.length]!;
    for (const { table, index } of SEEDERS[rule]!(ctx)) {
      const childId = ret.current[table]!.rows[index]!.CHILD ?? '';
      used.add(childId);
      out.push({ rule, table, row: index + 1, childId });
    }
  }
  return out;
}
