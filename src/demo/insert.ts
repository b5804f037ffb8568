/**
 * Many rows into one table quickly. Each chunk goes as one INSERT … SELECT FROM unnest()
 * with one array literal per column: PostgreSQL reads an array literal far faster than it
 * parses thousands of VALUES expressions, which matters on PGlite. Tables with an array
 * column (which unnest would flatten) take multi-row VALUES instead; a JSON column's value goes
 * as its JSON text. Only for values this
 * generator made itself; strings are escaped all the same.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../core/db/database.js';

type Scalar = string | number | boolean | Date | null | undefined;
/** A JSON column's value (an array or object) is written as its JSON text. */
type Value = Scalar | readonly string[] | object;

function scalarText(value: Exclude<Scalar, null | undefined>): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return String(value);
}

// standard_conforming_strings is on in every supported PostgreSQL: only the quote needs doubling.
const quote = (text: string) => (text.includes("'") ? `'${text.replaceAll("'", "''")}'` : `'${text}'`);

const isJson = (sqlType: string) => sqlType === 'jsonb' || sqlType === 'json';

function literal(value: Value, sqlType: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (isJson(sqlType)) return `${quote(JSON.stringify(value))}::${sqlType}`;
  if (typeof value === 'boolean' || typeof value === 'number') return scalarText(value);
  if (Array.isArray(value))
    return value.length === 0
      ? `'{}'::${sqlType}`
      : `ARRAY[${(value as unknown[]).map((v) => quote(scalarText(v as Exclude<Scalar, null | undefined>))).join(',')}]::${sqlType}`;
  return quote(scalarText(value as Exclude<Scalar, null | undefined>));
}

/** How one column's values are written as elements of an array literal. */
function elementWriter(sqlType: string): (value: Value) => string {
  if (isJson(sqlType)) return (value) => (value === null || value === undefined ? 'NULL' : escapeElement(JSON.stringify(value)));
  // Identifiers, dates, times, numbers and booleans never hold a quote, comma, brace or space.
  const plain = /^(uuid|date|integer|bigint|smallint|boolean|timestamp( with time zone)?)$/.test(sqlType);
  if (plain) {
    return (value) => (value === null || value === undefined ? 'NULL' : value instanceof Date ? value.toISOString() : String(value));
  }
  return (value) =>
    value === null || value === undefined ? 'NULL' : escapeElement(scalarText(value as Exclude<Scalar, null | undefined>));
}
const escapeElement = (text: string) =>
  NEEDS_ESCAPE.test(text) ? `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : `"${text}"`;
const NEEDS_ESCAPE = /["\\]/;
const COPY_CHUNK = 50_000;

/** What COPY's text format needs escaped in a field: its own escape, and the row and field separators. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const copyField = (text: string) =>
  COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;

function copyWriter(sqlType: string): (value: Value) => string {
  if (isJson(sqlType)) return (value) => (value === null || value === undefined ? '\\N' : copyField(JSON.stringify(value)));
  return (value) => (value === null || value === undefined ? '\\N' : copyField(scalarText(value as Exclude<Scalar, null | undefined>)));
}

/** The client that can read COPY data from a blob: PGlite's, behind a Drizzle database or transaction; none on a server. */
type BlobClient = { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };
function pgliteClientOf(db: Db): BlobClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as Record<string, unknown> | undefined;
  // PGlite and its transactions have `exec` and `query` and no `connect`; node-postgres' pools and clients have `connect`
  return client && typeof client.exec === 'function' && typeof client.query === 'function' && !('connect' in client)
    ? (client as unknown as BlobClient)
    : null;
}

/** Insert rows (keyed as Drizzle names the columns; a key missing from a row is NULL) in chunks. */
export async function bulkInsert<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][], chunk = 5000): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const present = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) present.add(k);
  const keys = [...present].filter((k) => k in columns);
  const types = keys.map((k) => columns[k]!.getSQLType());
  const columnList = `"${getTableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')})`;
  const head = `insert into ${columnList} `;
  const useValues = types.some((t) => t.endsWith('[]'));
  const pglite = useValues ? null : pgliteClientOf(db);
  if (pglite) {
    // PGlite takes a statement's text through JavaScript a character at a time; COPY's data goes
    // to the database as bytes: a sixth less CPU for the whole demo build
    const writers = types.map(copyWriter);
    for (let i = 0; i < rows.length; i += COPY_CHUNK) {
      const slice = rows.slice(i, i + COPY_CHUNK) as readonly Record<string, Value>[];
      const lines = new Array<string>(slice.length);
      for (let j = 0; j < slice.length; j++) {
        const row = slice[j]!;
        lines[j] = keys.map((k, c) => writers[c]!(row[k])).join('\t');
      }
      await pglite.query(`copy ${columnList} from '/dev/blob'`, [], { blob: new Blob([`${lines.join('\n')}\n`]) });
    }
    return rows.length;
  }
  const writers = types.map(elementWriter);
  const step = useValues ? Math.min(chunk, 1000) : chunk;
  for (let i = 0; i < rows.length; i += step) {
    const slice = rows.slice(i, i + step) as readonly Record<string, Value>[];
    let statement: string;
    if (useValues) {
      statement = `${head}values ${slice.map((row) => `(${keys.map((k, c) => literal(row[k], types[c]!)).join(',')})`).join(',\n')}`;
    } else {
      const arrays = keys.map((k, c) => {
        const write = writers[c]!;
        const elements = new Array<string>(slice.length);
        for (let j = 0; j < slice.length; j++) elements[j] = write(slice[j]![k]);
        return `${quote(`{${elements.join(',')}}`)}::${types[c]}[]`;
      });
      statement = `${head}select * from unnest(${arrays.join(',\n')})`;
    }
    await db.execute(sql.raw(statement));
  }
  return rows.length;
}
