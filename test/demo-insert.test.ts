import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { bulkInsert } from '../src/demo/insert.js';

const probe = pgTable('bulk_insert_probe', {
  id: uuid('id').primaryKey(),
  note: text('note'),
  day: date('day'),
  at: timestamp('at', { withTimezone: true }),
  seen: boolean('seen'),
  count: integer('count'),
  detail: jsonb('detail'),
});

// every character the loaders escape, and some they need not
const awkward = [
  'plain',
  "it's quoted",
  'a "double" quote',
  'back\\slash and \\N',
  'tab\there',
  'line one\nline two',
  'carriage\r\nreturn',
  'comma, {brace} and NULL',
  'accents: Zoë, Siân, Łukasz – and an emoji 🙂',
  '',
];

for (const kind of await testDatabases()) {
  describe(`the demo's bulk loader, on ${kind.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await kind.open();
      await database.db.execute(
        sql`create table bulk_insert_probe (id uuid primary key, note text, day date, at timestamptz, seen boolean, count integer, detail jsonb)`,
      );
    });
    afterAll(() => database?.close());

    it('stores every value as given, inside a transaction, text of every kind and nulls included', async () => {
      const given = awkward.map((note, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        note,
        day: `2026-0${(i % 9) + 1}-1${i % 10}`,
        at: new Date(Date.UTC(2026, 2, 29, 0, 30 + i)),
        seen: i % 2 === 0,
        count: i * 7 - 20,
        detail: { note, list: [note, i], nested: { quote: '"', slash: '\\' } },
      }));
      const blanks = { id: '00000000-0000-4000-8000-999999999999', note: null, day: null, at: null, seen: null, count: null, detail: null };
      const n = await database.db.transaction((tx) => bulkInsert(tx, probe, [...given, blanks]));
      expect(n).toBe(given.length + 1);
      const back = await rows<Record<string, unknown>>(
        database.db,
        sql`select id, note, day::text as day, extract(epoch from at)::float8 * 1000 as at, seen, count, detail from bulk_insert_probe order by id`,
      );
      expect(back).toEqual(
        [...given, blanks].map((g) => ({ ...g, at: g.at === null ? null : g.at.getTime() })).sort((a, b) => a.id.localeCompare(b.id)),
      );
    });

    it('writes nothing when a row is refused', async () => {
      const before = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from bulk_insert_probe`);
      const dup = { id: '00000000-0000-4000-8000-000000000001', note: 'again' };
      await expect(
        database.db.transaction((tx) => bulkInsert(tx, probe, [{ id: '00000000-0000-4000-8000-777777777777', note: 'new' }, dup])),
      ).rejects.toThrow();
      expect(await rows<{ n: number }>(database.db, sql`select count(*)::int as n from bulk_insert_probe`)).toEqual(before);
    });
  });
}
