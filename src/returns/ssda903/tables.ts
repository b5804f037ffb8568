/**
 * The 903 tables and their columns for each collection year: the DfE's 2017 column
 * schema with each later year's changes applied (facts from the DfE's published
 * schema files, SSDA903_schema_2017.yml and the *.diff.yml files).
 */
import type { TableName } from './model.js';

export type ColumnKind = 'text' | 'date' | 'code' | 'integer' | 'postcode';

export interface ColumnSpec {
  readonly kind: ColumnKind;
  /** The valid codes, for kind "code". */
  readonly codes?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** May be left blank. */
  readonly optional: boolean;
}

export type TableSpec = Readonly<Record<string, ColumnSpec>>;
export type Schema = Readonly<Partial<Record<TableName, TableSpec>>>;

export type SchemaChange =
  | { readonly addTable: TableName; readonly columns: TableSpec }
  | { readonly table: TableName; readonly column: string; readonly codes: readonly string[] };

const text = (): ColumnSpec => ({ kind: 'text', optional: false });
const postcode = (): ColumnSpec => ({ kind: 'postcode', optional: false });
const date = (): ColumnSpec => ({ kind: 'date', optional: false });
const code = (codes: readonly string[]): ColumnSpec => ({ kind: 'code', codes, optional: false });
const integer = (min?: number, max?: number): ColumnSpec => ({ kind: 'integer', min, max, optional: false });
const optional = (c: ColumnSpec): ColumnSpec => ({ ...c, optional: true });

const SCHEMA_2017: Schema = {
  Header: {
    CHILD: text(),
    SEX: code(['1', '2']),
    DOB: date(),
    ETHNIC: code([
      'WBRI',
      'WIRI',
      'WOTH',
      'WIRT',
      'WROM',
      'MWBC',
      'MWBA',
      'MWAS',
      'MOTH',
      'AIND',
      'APKN',
      'ABAN',
      'AOTH',
      'BCRB',
      'BAFR',
      'BOTH',
      'CHNE',
      'OOTH',
      'REFU',
      'NOBT',
    ]),
    UPN: text(),
    MOTHER: optional(code(['0', '1'])),
    MC_DOB: optional(date()),
  },
  Episodes: {
    CHILD: text(),
    DECOM: date(),
    RNE: code(['S', 'L', 'P', 'T', 'B', 'U']),
    LS: code(['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']),
    CIN: code(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']),
    PLACE: code([
      'A3',
      'A4',
      'A5',
      'A6',
      'H5',
      'K1',
      'K2',
      'P1',
      'P2',
      'P3',
      'R1',
      'R2',
      'R3',
      'R5',
      'S1',
      'T0',
      'T1',
      'T2',
      'T3',
      'T4',
      'U1',
      'U2',
      'U3',
      'U4',
      'U5',
      'U6',
      'Z1',
    ]),
    PLACE_PROVIDER: optional(code(['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'])),
    DEC: optional(date()),
    REC: optional(
      code([
        'X1',
        'E11',
        'E12',
        'E2',
        'E3',
        'E4A',
        'E4B',
        'E13',
        'E41',
        'E43',
        'E44',
        'E5',
        'E6',
        'E7',
        'E9',
        'E14',
        'E15',
        'E16',
        'E17',
        'E8',
      ]),
    ),
    REASON_PLACE_CHANGE: optional(
      code(['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'OTHER']),
    ),
    HOME_POST: optional(postcode()),
    PL_POST: optional(postcode()),
    URN: optional(text()),
  },
  Reviews: {
    CHILD: text(),
    DOB: date(),
    REVIEW: date(),
    REVIEW_CODE: code(['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']),
  },
  UASC: {
    CHILD: text(),
    DOB: date(),
    SEX: code(['1', '2']),
    DUC: optional(date()),
  },
  OC2: {
    CHILD: text(),
    DOB: date(),
    SDQ_SCORE: optional(integer(0, 40)),
    SDQ_REASON: optional(code(['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'])),
    CONVICTED: optional(code(['0', '1'])),
    HEALTH_CHECK: optional(code(['0', '1'])),
    IMMUNISATIONS: optional(code(['0', '1'])),
    TEETH_CHECK: optional(code(['0', '1'])),
    HEALTH_ASSESSMENT: optional(code(['0', '1'])),
    SUBSTANCE_MISUSE: optional(code(['0', '1'])),
    INTERVENTION_RECEIVED: optional(code(['0', '1'])),
    INTERVENTION_OFFERED: optional(code(['0', '1'])),
  },
  OC3: {
    CHILD: text(),
    DOB: date(),
    IN_TOUCH: code(['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM']),
    ACTIV: code(['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'G4', 'G5', 'G6', '0']),
    ACCOM: code([
      'B1',
      'B2',
      'C1',
      'C2',
      'D1',
      'D2',
      'E1',
      'E2',
      'G1',
      'G2',
      'H1',
      'H2',
      'K1',
      'K2',
      'R1',
      'R2',
      'S1',
      'S2',
      'T1',
      'T2',
      'U1',
      'U2',
      'V1',
      'V2',
      'W1',
      'W2',
      'X1',
      'X2',
      'Y1',
      'Y2',
      'Z1',
      'Z2',
      '0',
    ]),
  },
  AD1: {
    CHILD: text(),
    DOB: date(),
    DATE_INT: date(),
    DATE_MATCH: date(),
    FOSTER_CARE: code(['0', '1']),
    NB_ADOPTR: integer(undefined, undefined),
    SEX_ADOPTR: code(['M1', 'F1', 'MM', 'FF', 'MF']),
    LS_ADOPTR: code(['L0', 'L11', 'L12', 'L2', 'L3', 'L4']),
  },
  PlacedAdoption: {
    CHILD: text(),
    DOB: date(),
    DATE_PLACED: date(),
    DATE_PLACED_CEASED: optional(date()),
    REASON_PLACED_CEASED: optional(code(['RD1', 'RD2', 'RD3', 'RD4'])),
  },
  PrevPerm: {
    CHILD: text(),
    DOB: date(),
    PREV_PERM: code(['P1', 'P2', 'P3', 'P4', 'Z1']),
    LA_PERM: optional(text()),
    DATE_PERM: optional(date()),
  },
  Missing: {
    CHILD: text(),
    DOB: date(),
    MISSING: code(['M', 'A']),
    MIS_START: date(),
    MIS_END: optional(date()),
  },
};

const SCHEMA_CHANGES: Readonly<Record<number, readonly SchemaChange[]>> = {
  2019: [
    {
      table: 'Episodes',
      column: 'REC',
      codes: [
        'X1',
        'E11',
        'E12',
        'E2',
        'E3',
        'E4A',
        'E4B',
        'E13',
        'E41',
        'E45',
        'E46',
        'E47',
        'E48',
        'E5',
        'E6',
        'E7',
        'E9',
        'E14',
        'E15',
        'E16',
        'E17',
        'E8',
      ],
    },
    {
      table: 'Episodes',
      column: 'REASON_PLACE_CHANGE',
      codes: ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER'],
    },
  ],
  2022: [{ table: 'OC3', column: 'ACTIV', codes: ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'] }],
  2024: [
    {
      addTable: 'SWEpisodes',
      columns: {
        CHILD: text(),
        DOB: date(),
        SW_ID: text(),
        SW_DECOM: date(),
        SW_DEC: optional(date()),
        SW_REASON: optional(code(['MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS'])),
      },
    },
  ],
  2025: [
    { table: 'Header', column: 'SEX', codes: ['M', 'F', 'U'] },
    { table: 'UASC', column: 'SEX', codes: ['M', 'F', 'U'] },
    {
      table: 'Episodes',
      column: 'PLACE',
      codes: [
        'A3',
        'A4',
        'A5',
        'A6',
        'K1',
        'K2',
        'K3',
        'P1',
        'P3',
        'R1',
        'R2',
        'R3',
        'R5',
        'S1',
        'T0',
        'T1',
        'T2',
        'T3',
        'T4',
        'U1',
        'U2',
        'U3',
        'U4',
        'U5',
        'U6',
        'Z1',
      ],
    },
  ],
  2026: [
    {
      table: 'Episodes',
      column: 'PLACE',
      codes: [
        'A3',
        'A4',
        'A5',
        'A6',
        'K1',
        'K2',
        'K3',
        'P1',
        'P3',
        'R1',
        'R2',
        'R3',
        'R5',
        'S1',
        'T0',
        'T1',
        'T2',
        'T3',
        'T4',
        'U1',
        'U2',
        'U3',
        'U4',
        'U5',
        'U6',
        'Z1',
        'Z11',
        'Z12',
        'Z13',
        'Z14',
      ],
    },
  ],
};

/**
 * Deprivation of liberty orders, a table first collected in 2026/27 (DfE 903 guidance
 * 2026/27); not in the schema files above.
 */
const DOLO_FROM = 2027;
const DOLO: TableSpec = {
  CHILD: text(),
  DOB: date(),
  DOLO_START: date(),
  DOLO_END: optional(date()),
};

/** First and last collection years (year the collection ends) this validator knows. */
export const FIRST_YEAR = 2023;
export const LATEST_YEAR = 2027;

/** The collection years whose rules OpenCSC knows, oldest first. */
export const KNOWN_YEARS: readonly number[] = Array.from({ length: LATEST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

const schemas = new Map<number, Schema>();

/** The tables and columns of the return ending 31 March `year`. */
export function schemaFor(year: number): Schema {
  let schema = schemas.get(year);
  if (schema) return schema;
  const tables: Partial<Record<TableName, Record<string, ColumnSpec>>> = {};
  for (const [name, spec] of Object.entries(SCHEMA_2017)) tables[name as TableName] = { ...spec };
  const changeYears = Object.keys(SCHEMA_CHANGES)
    .map(Number)
    .sort((a, b) => a - b);
  for (const y of changeYears) {
    if (y > year) break;
    for (const change of SCHEMA_CHANGES[y]!) {
      if ('addTable' in change) tables[change.addTable] = { ...change.columns };
      else {
        const t = tables[change.table]!;
        t[change.column] = { ...t[change.column]!, codes: change.codes };
      }
    }
  }
  if (year >= DOLO_FROM) tables.DoLo = { ...DOLO };
  schema = tables;
  schemas.set(year, schema);
  return schema;
}

/** Column names of a table in file order, or [] when the table is not collected that year. */
export function columnsFor(table: TableName, year: number): string[] {
  const spec = schemaFor(year)[table];
  return spec ? Object.keys(spec) : [];
}

/** The tables collected in the return ending 31 March `year`. */
export function tablesFor(year: number): TableName[] {
  return Object.keys(schemaFor(year)) as TableName[];
}

/** Valid codes of a coded column in a year (empty when the column is not coded). */
export function codesFor(table: TableName, column: string, year: number): readonly string[] {
  return schemaFor(year)[table]?.[column]?.codes ?? [];
}

/**
 * The table a file holds, told by its header: the table whose columns are exactly the
 * header's names (case and order aside). Tables from any known year count, so a file
 * from a year that had a table is still recognised. Null when none matches.
 */
export function tableForHeader(header: readonly string[]): TableName | null {
  const names = new Set(header.map((h) => h.trim().toUpperCase()).filter((h) => h !== ''));
  for (const [table, cols] of allTableColumns()) {
    if (cols.length === names.size && cols.every((c) => names.has(c))) return table;
  }
  return null;
}

let allColumns: [TableName, string[]][] | undefined;
function allTableColumns(): [TableName, string[]][] {
  if (!allColumns) {
    const spec = schemaFor(LATEST_YEAR);
    allColumns = (Object.keys(spec) as TableName[]).map((t) => [t, Object.keys(spec[t]!)]);
  }
  return allColumns;
}
