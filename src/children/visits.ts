import { z } from 'zod';
import type { Db } from '../core/db/database.js';
import { choice, dateField, optionalText, yesNo, evenWithOtherErrors } from '../core/http/forms.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { visits } from './schema.js';

export const visitPurposes = ['assessment', 'child_in_need', 'child_protection', 'looked_after', 'other'] as const;

export function visitSchema(today: () => string) {
  return z
    .object({
      visitDate: dateField('Date of the visit', { notInFuture: today }),
      purpose: choice('Purpose of the visit', visitPurposes),
      childSeen: yesNo('the child was seen'),
      seenAlone: yesNo('the child was seen alone').optional(),
      notes: optionalText('What happened', { max: 20000, multiline: true }),
    })
    .superRefine((v, ctx) => {
      if (v.childSeen === true && v.seenAlone === undefined) {
        ctx.addIssue({ code: 'custom', path: ['seenAlone'], message: 'Select whether the child was seen alone' });
      }
    }, evenWithOtherErrors);
}
export type NewVisit = z.output<ReturnType<typeof visitSchema>>;

export async function recordVisit(
  db: Db,
  childId: string,
  input: NewVisit,
  by: { userId: string; workerId: string | null },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(visits)
      .values({
        childId,
        visitDate: input.visitDate,
        purpose: input.purpose,
        childSeen: input.childSeen,
        seenAlone: input.childSeen ? (input.seenAlone ?? false) : false,
        notes: input.notes ?? null,
        workerId: by.workerId,
        recordedBy: by.userId,
      })
      .returning({ id: visits.id });
    await recomputeObligations(tx, [childId]);
    return row!.id;
  });
}
