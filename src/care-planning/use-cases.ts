/**
 * Care planning's use cases. Each write takes the transaction, checks the rules (refusing with
 * the field named), writes, and recomputes the child's obligations, so the clock never
 * disagrees with the record. Each input has one zod schema, the same for the page and the API.
 *
 * The care plan, the placement plan and the UASC status each carry a version. A save names
 * the version its page showed, or none when the page showed none recorded; it is refused
 * (StaleRecordError) if someone saved since, nothing written.
 */
import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkRuleError, type Today } from '../casework/errors.js';
import { addCalendarYears, formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { StaleRecordError, updateAtVersion } from '../core/db/versions.js';
import { isUuid } from '../core/ids.js';
import {
  dateField,
  evenWithOtherErrors,
  optionalChoice,
  optionalDateField,
  optionalText,
  text,
  version,
  yesNo,
} from '../core/http/forms.js';
import { children } from '../core/record/schema.js';
import { carePeriods, placements } from '../looked-after/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  carePlans,
  carePlanSectionLabels,
  carePlanSections,
  carePlanVersions,
  involvementLabel,
  permanenceOptions,
  placementPlans,
  uascStatuses,
} from './schema.js';

export type { Actor };

const section = (name: keyof typeof carePlanSectionLabels) => optionalText(carePlanSectionLabels[name], { max: 5000, multiline: true });

/** A version the page showed, or none when nothing was recorded yet. */
const versionSeen = () => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), version().optional());

// ── reads the rules need ─────────────────────────────────────────────────────

async function periodOf(tx: Db, childId: string, id: string) {
  // an id that is not a uuid names no period (and would fail in the database)
  if (!isUuid(id)) return null;
  const [p] = await tx
    .select()
    .from(carePeriods)
    .where(and(eq(carePeriods.id, id), eq(carePeriods.childId, childId)));
  return p ?? null;
}

async function placementOf(tx: Db, childId: string, id: string) {
  if (!isUuid(id)) return null;
  const [p] = await tx
    .select()
    .from(placements)
    .where(and(eq(placements.id, id), eq(placements.childId, childId)));
  return p ?? null;
}

/** The row at the version the page showed, or, when the page showed none, that there is still none. */
async function atVersionSeen<T extends { id: string; version: number }>(found: T | undefined, seen: number | undefined, what: string) {
  if (found === undefined) {
    if (seen !== undefined) throw new StaleRecordError(what);
    return null;
  }
  if (seen === undefined || seen !== found.version) throw new StaleRecordError(what);
  return found;
}

// ── the care plan ────────────────────────────────────────────────────────────

export function carePlanSchema(today: Today) {
  return z
    .object({
      carePeriodId: z.preprocess(
        (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
        z.string({ error: 'Select the period of care the plan is for' }),
      ),
      health: section('health'),
      education: section('education'),
      contact: section('contact'),
      wellbeing: section('wellbeing'),
      permanence: optionalChoice('Plan for permanence', permanenceOptions),
      permanenceDetail: section('permanenceDetail'),
      contingency: section('contingency'),
      involvement: optionalText(involvementLabel, { max: 5000, multiline: true }),
      completedDate: optionalDateField('Date the care plan was completed', { notInFuture: today }),
      version: versionSeen(),
    })
    .superRefine((v, ctx) => {
      const missing = carePlanSections.filter((s) => v[s] === undefined);
      if (v.completedDate !== undefined) {
        // a completed plan sets out every section: name each one missing
        for (const s of missing) {
          ctx.addIssue({
            code: 'custom',
            path: [s],
            message:
              s === 'permanence'
                ? 'Select the plan for permanence: a care plan cannot be completed without it'
                : `Enter ${carePlanSectionLabels[s].charAt(0).toLowerCase()}${carePlanSectionLabels[s].slice(1)}: a care plan cannot be completed without it`,
          });
        }
      } else if (missing.length === carePlanSections.length) {
        ctx.addIssue({ code: 'custom', path: ['health'], message: 'Enter at least one section of the care plan to save a draft' });
      }
    }, evenWithOtherErrors);
}
export type CarePlanInput = z.output<ReturnType<typeof carePlanSchema>>;

/**
 * A new version of the period's care plan: a draft, or the plan completed on a date (which may
 * be before the period began, as a plan made before the first placement counts). Versions are
 * never changed: the newest is the plan now, the rest its history.
 */
export async function saveCarePlan(tx: Db, childId: string, input: CarePlanInput, by: Actor): Promise<{ id: string; periodId: string }> {
  const period = await periodOf(tx, childId, input.carePeriodId);
  if (!period) throw new CaseworkRuleError('carePeriodId', 'The period of care is not one of this child’s');
  const [plan] = await tx.select().from(carePlans).where(eq(carePlans.carePeriodId, period.id)).for('update');
  const current = await atVersionSeen(plan, input.version, 'This care plan');
  if (period.endDate) {
    if (input.completedDate === undefined) {
      throw new CaseworkRuleError(
        'completedDate',
        `The period of care ended on ${formatDate(period.endDate)}: only a plan completed by then can be recorded`,
      );
    }
    if (input.completedDate > period.endDate) {
      throw new CaseworkRuleError(
        'completedDate',
        `Date the care plan was completed cannot be after the period of care ended (${formatDate(period.endDate)})`,
      );
    }
  }
  let planId: string;
  let number = 1;
  if (current) {
    const [last] = await tx
      .select({ number: max(carePlanVersions.number), completed: max(carePlanVersions.completedDate) })
      .from(carePlanVersions)
      .where(eq(carePlanVersions.carePlanId, current.id));
    if (input.completedDate !== undefined && last?.completed && input.completedDate < last.completed) {
      throw new CaseworkRuleError(
        'completedDate',
        `Date the care plan was completed cannot be before the last completed version (${formatDate(last.completed)})`,
      );
    }
    number = (last?.number ?? 0) + 1;
    await updateAtVersion(tx, carePlans, current.id, current.version, { updatedAt: new Date() }, 'This care plan');
    planId = current.id;
  } else {
    const [made] = await tx
      .insert(carePlans)
      .values({ childId, carePeriodId: period.id, recordedBy: by.userId })
      .returning({ id: carePlans.id });
    planId = made!.id;
  }
  const [v] = await tx
    .insert(carePlanVersions)
    .values({
      childId,
      carePlanId: planId,
      number,
      health: input.health ?? null,
      education: input.education ?? null,
      contact: input.contact ?? null,
      wellbeing: input.wellbeing ?? null,
      permanence: input.permanence ?? null,
      permanenceDetail: input.permanenceDetail ?? null,
      contingency: input.contingency ?? null,
      involvement: input.involvement ?? null,
      completedDate: input.completedDate ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: carePlanVersions.id });
  await recomputeObligations(tx, [childId]);
  return { id: v!.id, periodId: period.id };
}

// ── the placement plan ───────────────────────────────────────────────────────

const arrangement = (label: string) => text(label, { max: 2000, multiline: true });

export function placementPlanSchema(today: Today) {
  return z.object({
    placementId: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string({ error: 'Select the placement the plan is for' }),
    ),
    completedDate: dateField('Date the placement plan was completed', { notInFuture: today }),
    needsMet: arrangement('How the placement will meet the child’s needs'),
    contact: arrangement('Contact'),
    health: arrangement('Health'),
    education: arrangement('Education'),
    delegatedAuthority: arrangement('Delegated authority to the carers'),
    version: versionSeen(),
  });
}
export type PlacementPlanInput = z.output<ReturnType<typeof placementPlanSchema>>;

/**
 * The placement's plan, recorded or brought up to date: one plan a placement, its date the
 * day it was last completed. A plan made before the placement began counts (reg 9(2)); one
 * dated after the placement ended does not belong to it.
 */
export async function savePlacementPlan(
  tx: Db,
  childId: string,
  input: PlacementPlanInput,
  by: Actor,
): Promise<{ id: string; periodId: string }> {
  const placement = await placementOf(tx, childId, input.placementId);
  if (!placement) throw new CaseworkRuleError('placementId', 'The placement is not one of this child’s');
  const [plan] = await tx.select().from(placementPlans).where(eq(placementPlans.placementId, placement.id)).for('update');
  const current = await atVersionSeen(plan, input.version, 'This placement plan');
  if (placement.endDate && input.completedDate > placement.endDate) {
    throw new CaseworkRuleError(
      'completedDate',
      `Date the placement plan was completed cannot be after the placement ended (${formatDate(placement.endDate)})`,
    );
  }
  const values = {
    completedDate: input.completedDate,
    needsMet: input.needsMet,
    contact: input.contact,
    health: input.health,
    education: input.education,
    delegatedAuthority: input.delegatedAuthority,
  };
  let id: string;
  if (current) {
    await updateAtVersion(tx, placementPlans, current.id, current.version, { ...values, updatedAt: new Date() }, 'This placement plan');
    id = current.id;
  } else {
    const [made] = await tx
      .insert(placementPlans)
      .values({ childId, placementId: placement.id, ...values, recordedBy: by.userId })
      .returning({ id: placementPlans.id });
    id = made!.id;
  }
  await recomputeObligations(tx, [childId]);
  return { id, periodId: placement.carePeriodId };
}

// ── unaccompanied asylum-seeking child ───────────────────────────────────────

export function uascSchema(today: Today) {
  return z
    .object({
      uasc: yesNo('the child is, or was, an unaccompanied asylum-seeking child'),
      ceasedDate: optionalDateField('Date the child ceased to be an unaccompanied asylum-seeking child', { notInFuture: today }),
      version: versionSeen(),
    })
    .superRefine((v, ctx) => {
      if (v.uasc === false && v.ceasedDate !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['ceasedDate'],
          message: 'Leave the date blank: a child who was never an unaccompanied asylum-seeking child did not cease to be one',
        });
      }
    }, evenWithOtherErrors);
}
export type UascInput = z.output<ReturnType<typeof uascSchema>>;

/** Whether the child is (or was) an unaccompanied asylum-seeking child, and when they ceased to be one. */
export async function recordUascStatus(tx: Db, childId: string, input: UascInput, by: Actor): Promise<string> {
  const [status] = await tx.select().from(uascStatuses).where(eq(uascStatuses.childId, childId)).for('update');
  const current = await atVersionSeen(status, input.version, 'The unaccompanied asylum-seeking child status');
  const [child] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  const dob = child?.dateOfBirth;
  if (input.ceasedDate !== undefined && dob) {
    if (input.ceasedDate < dob) {
      throw new CaseworkRuleError(
        'ceasedDate',
        `Date the child ceased to be an unaccompanied asylum-seeking child cannot be before they were born (${formatDate(dob)})`,
      );
    }
    // SSDA903 rule 304: the status ends at 18 at the latest
    const eighteenth = addCalendarYears(dob, 18);
    if (input.ceasedDate > eighteenth) {
      throw new CaseworkRuleError(
        'ceasedDate',
        `Date the child ceased to be an unaccompanied asylum-seeking child cannot be after their 18th birthday (${formatDate(eighteenth)})`,
      );
    }
  }
  const values = { uasc: input.uasc, ceasedDate: input.ceasedDate ?? null };
  let id: string;
  if (current) {
    await updateAtVersion(
      tx,
      uascStatuses,
      current.id,
      current.version,
      { ...values, updatedAt: new Date() },
      'The unaccompanied asylum-seeking child status',
    );
    id = current.id;
  } else {
    const [made] = await tx
      .insert(uascStatuses)
      .values({ childId, ...values, recordedBy: by.userId })
      .returning({ id: uascStatuses.id });
    id = made!.id;
  }
  // nothing on the clock turns on the status: no obligations to recompute
  return id;
}
