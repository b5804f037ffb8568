/**
 * Missing and absent episodes: recording one (with the return, when known), putting it right
 * or recording the return later, the return home interview, and the strategy meeting with the
 * child exploitation risk screening. Each write recomputes the child's obligations, so the
 * return home interview's 72 hours run from the return's time as soon as it is saved.
 *
 * Dates and times are entered in England; each is kept as an instant.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { normalTime, optionalTimeField, timeField } from '../casework/fields.js';
import { dateWithTime } from '../casework/format.js';
import { formatDate, fromLondonLocal, londonLocal } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { updateAtVersion } from '../core/db/versions.js';
import { choice, dateField, optionalChoice, optionalDateField, optionalText, version, yesNo } from '../core/http/forms.js';
import { isUuid } from '../core/ids.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { interviewOutcomes, missingCodes, missingEpisodes, screeningOutcomes } from './schema.js';

const THE_EPISODE = 'This missing episode';

/** A date and time of day in England, as the instant it names. */
export function instantIn(date: string, time: string): Date {
  const [h, m] = normalTime(time).split(':').map(Number) as [number, number];
  return new Date(fromLondonLocal(date, h, m));
}

/** An instant in words, in England: "3 March 2026 at 9:30pm". */
export function whenText(instant: Date): string {
  const local = londonLocal(instant.getTime());
  return dateWithTime(local.date, `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`);
}

// ── the episode ──────────────────────────────────────────────────────────────

function episodeFields(today: Today) {
  return {
    missingCode: choice('Missing or away without authorisation', missingCodes),
    startDate: dateField('Date the child went missing', { notInFuture: today }),
    startTime: timeField('Time the child went missing'),
    endDate: optionalDateField('Date the child returned or was found', { notInFuture: today }),
    endTime: optionalTimeField('Time the child returned or was found'),
    whereFound: optionalText('Where the child was found or returned to', { max: 500 }),
  };
}

export function missingEpisodeSchema(today: Today) {
  return z.object(episodeFields(today));
}
export type NewMissingEpisode = z.output<ReturnType<typeof missingEpisodeSchema>>;

export function correctMissingEpisodeSchema(today: Today) {
  return z.object({ ...episodeFields(today), version: version() });
}
export type MissingEpisodeCorrection = z.output<ReturnType<typeof correctMissingEpisodeSchema>>;

/** Another episode of the child's, as the overlap rule reads it. */
export interface EpisodeSpan {
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * The episode's start and end as instants, or the rule it breaks: a start or return later
 * than now, a return without its date or time, a return not after the start, or a span that
 * overlaps another of the child's episodes (a child is missing once at a time).
 */
export function episodeSpan(input: NewMissingEpisode, now: Date, others: readonly EpisodeSpan[]): EpisodeSpan {
  const startedAt = instantIn(input.startDate, input.startTime);
  if (startedAt > now) throw new CaseworkRuleError('startTime', 'Time the child went missing must be now or in the past');
  if (input.endDate && !input.endTime) throw new CaseworkRuleError('endTime', 'Enter the time the child returned or was found');
  if (input.endTime && !input.endDate) throw new CaseworkRuleError('endDate', 'Enter the date the child returned or was found');
  const endedAt = input.endDate && input.endTime ? instantIn(input.endDate, input.endTime) : null;
  if (endedAt && endedAt > now) throw new CaseworkRuleError('endTime', 'Time the child returned or was found must be now or in the past');
  if (endedAt && endedAt <= startedAt) {
    throw new CaseworkRuleError('endDate', `The child returned or was found must be after they went missing (${whenText(startedAt)})`);
  }
  for (const other of others) {
    const overlaps = startedAt < (other.endedAt ?? new Date(8.64e15)) && other.startedAt < (endedAt ?? new Date(8.64e15));
    if (overlaps) {
      const until = other.endedAt ? `to ${whenText(other.endedAt)}` : 'with no return recorded';
      throw new CaseworkRuleError(
        'startDate',
        `This overlaps another episode recorded for the child, from ${whenText(other.startedAt)} ${until}: a child is missing once at a time`,
      );
    }
  }
  return { startedAt, endedAt };
}

/** The child's other episodes; the route holds the child's row lock, so two saved at once cannot both pass the overlap rule. */
async function othersOf(tx: Db, childId: string, except?: string): Promise<EpisodeSpan[]> {
  return tx
    .select({ startedAt: missingEpisodes.startedAt, endedAt: missingEpisodes.endedAt })
    .from(missingEpisodes)
    .where(and(eq(missingEpisodes.childId, childId), except ? ne(missingEpisodes.id, except) : undefined));
}

async function episodeOf(tx: Db, childId: string, id: string) {
  // an address that is not an id names no episode (and would fail in the database)
  if (!isUuid(id)) throw new CaseworkNotFound('The missing episode');
  const [e] = await tx
    .select()
    .from(missingEpisodes)
    .where(and(eq(missingEpisodes.id, id), eq(missingEpisodes.childId, childId)));
  if (!e) throw new CaseworkNotFound('The missing episode');
  return e;
}

export async function recordMissingEpisode(tx: Db, childId: string, input: NewMissingEpisode, by: Actor): Promise<string> {
  const span = episodeSpan(input, by.now, await othersOf(tx, childId));
  const [row] = await tx
    .insert(missingEpisodes)
    .values({
      childId,
      missingCode: input.missingCode,
      ...span,
      whereFound: input.whereFound ?? null,
      recordedBy: by.userId,
      createdAt: by.now,
      updatedAt: by.now,
    })
    .returning({ id: missingEpisodes.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

/** Records the return, or puts the episode right; an interview already recorded must still follow the return. */
export async function correctMissingEpisode(
  tx: Db,
  childId: string,
  id: string,
  input: MissingEpisodeCorrection,
  by: Actor,
): Promise<string> {
  const current = await episodeOf(tx, childId, id);
  const span = episodeSpan(input, by.now, await othersOf(tx, childId, id));
  if (current.interviewOfferedAt && (!span.endedAt || span.endedAt > current.interviewOfferedAt)) {
    throw new CaseworkRuleError(
      'endDate',
      `A return home interview was offered on ${whenText(current.interviewOfferedAt)}: the child returned or was found before it`,
    );
  }
  await updateAtVersion(
    tx,
    missingEpisodes,
    id,
    input.version,
    { missingCode: input.missingCode, ...span, whereFound: input.whereFound ?? null, updatedAt: by.now },
    THE_EPISODE,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the return home interview ────────────────────────────────────────────────

export function returnInterviewSchema(today: Today) {
  return z.object({
    offeredDate: dateField('Date the interview was offered', { notInFuture: today }),
    offeredTime: timeField('Time the interview was offered'),
    outcome: choice('Whether the interview was held', interviewOutcomes),
    outcomeDate: optionalDateField('Date it was held or declined', { notInFuture: today }),
    outcomeTime: optionalTimeField('Time it was held or declined'),
    heldBy: optionalText('Who held the interview', { max: 200 }),
    heldByIndependent: yesNo('the person who held it is independent of the child’s care').optional(),
    version: version(),
  });
}
export type ReturnInterview = z.output<ReturnType<typeof returnInterviewSchema>>;

/**
 * The interview as stored, or the rule it breaks: it follows the child's return (offered, and
 * held or declined, no earlier), is held or declined no earlier than it was offered and no later
 * than now, and an interview held says by whom and whether they are independent.
 */
export function interviewValues(input: ReturnInterview, returnedAt: Date | null, now: Date) {
  if (!returnedAt) {
    throw new CaseworkRuleError('offeredDate', 'Record when the child returned or was found first: the interview follows the return');
  }
  const offeredAt = instantIn(input.offeredDate, input.offeredTime);
  if (offeredAt > now) throw new CaseworkRuleError('offeredTime', 'Time the interview was offered must be now or in the past');
  if (offeredAt < returnedAt) {
    throw new CaseworkRuleError(
      'offeredDate',
      `The interview cannot be offered before the child returned or was found (${whenText(returnedAt)})`,
    );
  }
  if (input.outcome === 'offered') {
    return {
      interviewOfferedAt: offeredAt,
      interviewOutcome: input.outcome,
      interviewOutcomeAt: null,
      interviewHeldBy: null,
      interviewIndependent: null,
    };
  }
  const verb = input.outcome === 'held' ? 'held' : 'declined';
  if (!input.outcomeDate) throw new CaseworkRuleError('outcomeDate', `Enter the date the interview was ${verb}`);
  if (!input.outcomeTime) throw new CaseworkRuleError('outcomeTime', `Enter the time the interview was ${verb}`);
  const outcomeAt = instantIn(input.outcomeDate, input.outcomeTime);
  if (outcomeAt > now) throw new CaseworkRuleError('outcomeTime', `Time the interview was ${verb} must be now or in the past`);
  if (outcomeAt < returnedAt) {
    throw new CaseworkRuleError(
      'outcomeDate',
      `The interview cannot be ${verb} before the child returned or was found (${whenText(returnedAt)})`,
    );
  }
  if (outcomeAt < offeredAt) {
    throw new CaseworkRuleError('outcomeDate', `The interview cannot be ${verb} before it was offered (${whenText(offeredAt)})`);
  }
  if (input.outcome === 'declined') {
    return {
      interviewOfferedAt: offeredAt,
      interviewOutcome: input.outcome,
      interviewOutcomeAt: outcomeAt,
      interviewHeldBy: null,
      interviewIndependent: null,
    };
  }
  if (!input.heldBy) throw new CaseworkRuleError('heldBy', 'Enter who held the interview');
  if (input.heldByIndependent === undefined) {
    throw new CaseworkRuleError('heldByIndependent', 'Select whether the person who held it is independent of the child’s care');
  }
  return {
    interviewOfferedAt: offeredAt,
    interviewOutcome: input.outcome,
    interviewOutcomeAt: outcomeAt,
    interviewHeldBy: input.heldBy,
    interviewIndependent: input.heldByIndependent,
  };
}

export async function recordReturnInterview(tx: Db, childId: string, id: string, input: ReturnInterview, by: Actor): Promise<string> {
  const current = await episodeOf(tx, childId, id);
  const values = interviewValues(input, current.endedAt, by.now);
  await updateAtVersion(tx, missingEpisodes, id, input.version, { ...values, updatedAt: by.now }, THE_EPISODE);
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the strategy meeting and the exploitation risk screening ─────────────────

export function strategyMeetingSchema(today: Today) {
  return z.object({
    strategyMeetingDate: optionalDateField('Date of the strategy meeting', { notInFuture: today }),
    screeningDate: optionalDateField('Date the exploitation risk screening was completed', { notInFuture: today }),
    screeningOutcome: optionalChoice('Outcome of the screening', screeningOutcomes),
    version: version(),
  });
}
export type StrategyMeeting = z.output<ReturnType<typeof strategyMeetingSchema>>;

export async function recordStrategyMeeting(tx: Db, childId: string, id: string, input: StrategyMeeting, by: Actor): Promise<string> {
  const current = await episodeOf(tx, childId, id);
  const wentMissing = londonLocal(current.startedAt.getTime()).date;
  if (input.strategyMeetingDate && input.strategyMeetingDate < wentMissing) {
    throw new CaseworkRuleError(
      'strategyMeetingDate',
      `Date of the strategy meeting cannot be before the child went missing (${formatDate(wentMissing)})`,
    );
  }
  if (input.screeningOutcome && !input.screeningDate)
    throw new CaseworkRuleError('screeningDate', 'Enter the date the screening was completed');
  if (input.screeningDate && !input.screeningOutcome)
    throw new CaseworkRuleError('screeningOutcome', 'Select the outcome of the screening');
  if (input.screeningDate && input.screeningDate < wentMissing) {
    throw new CaseworkRuleError(
      'screeningDate',
      `Date the screening was completed cannot be before the child went missing (${formatDate(wentMissing)})`,
    );
  }
  await updateAtVersion(
    tx,
    missingEpisodes,
    id,
    input.version,
    {
      strategyMeetingDate: input.strategyMeetingDate ?? null,
      screeningDate: input.screeningDate ?? null,
      screeningOutcome: input.screeningOutcome ?? null,
      updatedAt: by.now,
    },
    THE_EPISODE,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}
