import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { childVisibleTo } from './access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { choice, evenWithOtherErrors, optionalText, yesNo } from '../core/http/forms.js';
import { people, relationships, relationshipTypes } from './schema.js';

/**
 * A person in the child's life: either someone named here, or another child already on the
 * record (a sibling known to services), given by their reference number.
 */
export const relationshipSchema = z
  .object({
    relationship: choice('Relationship to the child', relationshipTypes),
    firstName: optionalText('First name', { max: 100 }),
    lastName: optionalText('Last name', { max: 100 }),
    childReference: optionalText('Reference of a child on the record', { max: 12 }).refine((v) => v === undefined || /^\d+$/.test(v), {
      message: 'Reference of a child on the record must be a number',
    }),
    parentalResponsibility: yesNo('they have parental responsibility'),
    livesWithChild: yesNo('they live with the child'),
  })
  .superRefine((v, ctx) => {
    if (!v.childReference && (!v.firstName || !v.lastName)) {
      ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'Enter the person’s first and last name, or the reference of a child on the record' });
    }
  }, evenWithOtherErrors);
export type NewRelationship = z.output<typeof relationshipSchema>;

/**
 * One answer for a reference nobody has and for a child the user may not open, so the
 * register cannot be read one reference at a time.
 */
export class UnknownChildReferenceError extends Error {
  constructor() {
    super('Reference of a child on the record: no child you have access to has that reference');
    this.name = 'UnknownChildReferenceError';
  }
}

/** Adds the person; a child on the record only if the user may open their record. Returns that child's id. */
export async function addRelationship(db: Db, childId: string, input: NewRelationship, by: SignedInUser): Promise<{ relatedChildId: string | null }> {
  return db.transaction(async (tx) => {
    let personId: string | null = null;
    let relatedChildId: string | null = null;
    if (input.childReference) {
      const [found] = await rows<{ id: string }>(
        tx,
        sql`select c.id from children c where c.reference = ${Number(input.childReference)} and c.id <> ${childId} and ${childVisibleTo(by)}`,
      );
      if (!found) throw new UnknownChildReferenceError();
      relatedChildId = found.id;
    } else {
      const [person] = await tx.insert(people).values({ firstName: input.firstName!, lastName: input.lastName! }).returning({ id: people.id });
      personId = person!.id;
    }
    await tx.insert(relationships).values({
      childId,
      personId,
      relatedChildId,
      relationship: input.relationship,
      parentalResponsibility: input.parentalResponsibility,
      livesWithChild: input.livesWithChild,
    });
    return { relatedChildId };
  });
}
