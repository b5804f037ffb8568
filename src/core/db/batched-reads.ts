import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './database.js';

interface Waiting {
  statement: SQL;
  resolve: (result: { rows: unknown[] }) => void;
  reject: (error: unknown) => void;
}

/**
 * A view of `db` whose raw reads (`execute` with a statement) issued together are sent together:
 * those a page asks for before it next waits on the database go as one statement, each read's
 * rows aggregated to JSON, and each caller gets its own rows back. A child's record asks some
 * sixty small questions of a dozen areas, and on a busy server each round trip cost more than
 * its answer; batched, the page makes as many round trips as its longest chain of reads that
 * depend on one another (a handful), however many areas it shows.
 *
 * Only for reads whose columns JSON carries as the driver would (text, dates, integers,
 * booleans, arrays of those): a timestamp would come back a string, not a Date, and a bigint or
 * numeric a number, not a string. The record page's statements are written so, and a test
 * compares every record page's reads both ways. A batch the database refuses is sent again one
 * statement at a time, so each caller gets its own answer or its own error. Everything else
 * (query builders, transactions, writes) goes to `db` as it is.
 */
export function batchedReads(db: Db): Db {
  let waiting: Waiting[] = [];
  const send = async (batch: Waiting[]): Promise<void> => {
    if (batch.length === 1) {
      const [only] = batch;
      return db.execute(only!.statement).then(
        (r) => only!.resolve(r as unknown as { rows: unknown[] }),
        (e: unknown) => only!.reject(e),
      );
    }
    const columns = batch.map((w, i) => sql`(select coalesce(json_agg(t), '[]') from (${w.statement}) t) as ${sql.identifier(`r${i}`)}`);
    try {
      const result = (await db.execute(sql`select ${sql.join(columns, sql`, `)}`)) as unknown as { rows: Record<string, unknown[]>[] };
      const row = result.rows[0]!;
      batch.forEach((w, i) => w.resolve({ rows: row[`r${i}`]! }));
    } catch {
      await Promise.all(batch.map((w) => send([w])));
    }
  };
  const execute = (query: unknown): Promise<{ rows: unknown[] }> => {
    if (typeof query === 'string') return db.execute(query) as unknown as Promise<{ rows: unknown[] }>;
    return new Promise((resolve, reject) => {
      if (waiting.length === 0)
        // after every read the page issues before it next waits: the reads of this turn of the event loop
        setImmediate(() => {
          const batch = waiting;
          waiting = [];
          void send(batch);
        });
      waiting.push({ statement: query as SQL, resolve, reject });
    });
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute') return execute;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
