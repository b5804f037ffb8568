import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { dateField, optionalText, text } from '../core/http/forms.js';
import { normalisePostcode, postcodeProblem } from '../core/record/identifiers.js';
import { addresses } from './schema.js';

export function addressSchema(today: () => string) {
  return z.object({
    line1: text('Address line 1', { max: 200 }),
    line2: optionalText('Address line 2', { max: 200 }),
    town: optionalText('Town or city', { max: 100 }),
    postcode: text('Postcode', { max: 20 }).refine((v) => postcodeProblem(v) === null, { message: 'Postcode is not a UK postcode (for example M60 2LA)' }),
    fromDate: dateField('Date the child moved here', { notInFuture: today }),
  });
}

export class AddressDateError extends Error {
  constructor(readonly previousFrom: string) {
    super(`Date the child moved here must be after ${formatDate(previousFrom)}, when the child moved to the current address`);
    this.name = 'AddressDateError';
  }
}

/** A move: the current address ends the day before the new one starts, so the history has no gaps or overlaps. */
export async function recordMove(db: Db, childId: string, input: z.output<ReturnType<typeof addressSchema>>): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(addresses).where(and(eq(addresses.childId, childId), isNull(addresses.toDate)));
    if (current) {
      if (input.fromDate <= current.fromDate) throw new AddressDateError(current.fromDate);
      await tx.update(addresses).set({ toDate: sql`${input.fromDate}::date - 1` }).where(eq(addresses.id, current.id));
    }
    await tx.insert(addresses).values({
      childId,
      line1: input.line1,
      line2: input.line2 ?? null,
      town: input.town ?? null,
      postcode: normalisePostcode(input.postcode),
      fromDate: input.fromDate,
    });
  });
}
