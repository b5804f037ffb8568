/**
 * Missing episodes as GOV.UK macro parameters and plain data for the templates: every label,
 * every table row and every choice a page shows is decided here. Instants are shown in
 * England's time; an episode's length is worked out from its start and return, never typed.
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { formatDate, londonLocal } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { html, link, tag } from '../core/views/html.js';
import { deadlineInstant } from '../core/time.js';
import { obligationRows } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import * as to from './paths.js';
import type { MissingEpisodeView } from './queries.js';
import { type InterviewOutcome, interviewOutcomes, missingCodes, type ScreeningOutcome, screeningOutcomes } from './schema.js';
import { whenText } from './use-cases.js';

/** DfE's words for the SSDA903 MISSING codes. */
export const missingCodeLabels: Record<string, string> = {
  M: 'Missing',
  A: 'Away from placement without authorisation',
};

export const interviewOutcomeLabels: Record<InterviewOutcome, string> = {
  offered: 'Offered, not held yet',
  held: 'Held',
  declined: 'Declined by the child',
};

export const screeningOutcomeLabels: Record<ScreeningOutcome, string> = {
  no_concerns: 'No concerns',
  concerns: 'Concerns',
  referred_on: 'Referred on',
};

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const when = (iso: string) => whenText(new Date(iso));
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * How long the child was missing, from start to return, in words: days and hours over a day,
 * hours and minutes under it ("2 days 3 hours", "5 hours 20 minutes", "45 minutes").
 */
export function lengthText(startedAt: string, endedAt: string | null): string {
  if (!endedAt) return 'Not returned yet';
  const minutes = Math.round((new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(mins, 'minute');
}

/** The return home interview's obligation for an episode, if the clock holds one. */
function interviewObligation(e: Pick<MissingEpisodeView, 'id'>, obligations: readonly ObligationView[]) {
  return obligations.find((o) => o.ruleId === 'return-home-interview' && o.episode === e.id);
}

const statusTag = (o: ObligationView) => ({ text: statusLabels[o.status].text, colour: statusLabels[o.status].colour });

/**
 * Where the return home interview stands, in words, with the clock's status where it runs:
 * not owed until the child is back; then held (by whom, independent or not), declined, or
 * offered or not recorded with its deadline.
 */
export function interviewStatus(e: MissingEpisodeView, obligations: readonly ObligationView[]) {
  const o = interviewObligation(e, obligations);
  const clock = o ? statusTag(o) : null;
  if (!e.endedAt) return { text: 'Owed once the child returns or is found', tag: null };
  if (e.interviewOutcome === 'held') {
    const by = `${e.interviewHeldBy}${e.interviewIndependent ? ', independent' : ', not independent'}`;
    return { text: `Held ${when(e.interviewOutcomeAt!)} by ${by}`, tag: clock };
  }
  if (e.interviewOutcome === 'declined') return { text: `Offered, and declined by the child ${when(e.interviewOutcomeAt!)}`, tag: clock };
  const due = o ? `, due by ${whenText(deadlineInstant(o.due))}` : '';
  if (e.interviewOutcome === 'offered') return { text: `Offered ${when(e.interviewOfferedAt!)}, not held yet${due}`, tag: clock };
  return { text: `Not recorded${due}`, tag: clock };
}

const tagHtml = (t: { text: string; colour: string } | null) => (t ? html` ${tag(t.text, t.colour)}` : '');

/** The episodes as table rows: when, kind, return, length and the interview. */
export function episodeRows(childId: string, episodes: readonly MissingEpisodeView[], obligations: readonly ObligationView[]) {
  return episodes.map((e) => {
    const rhi = interviewStatus(e, obligations);
    return [
      { html: link(to.missingEpisodePath(childId, e.id), when(e.startedAt), 'missing episode') },
      { text: missingCodeLabels[e.missingCode] ?? e.missingCode },
      { text: e.endedAt ? when(e.endedAt) : 'Not returned yet' },
      { text: lengthText(e.startedAt, e.endedAt) },
      { html: html`${rhi.text}${tagHtml(rhi.tag)}` },
    ];
  });
}

export const episodeHead = [
  { text: 'Went missing' },
  { text: 'Type' },
  { text: 'Returned or found' },
  { text: 'Length' },
  { text: 'Return home interview' },
];

const outstanding = (o: ObligationView) => !o.done && o.status !== 'lapsed';

/** The section on the child's record: the latest episodes, and the next interview owed. */
export function recordSection(childId: string, episodes: readonly MissingEpisodeView[], obligations: readonly ObligationView[]) {
  const next = obligations.filter(outstanding)[0];
  return {
    status:
      episodes.length === 0
        ? 'No missing or absent episodes recorded'
        : `${plural(episodes.length, 'episode')} recorded${episodes.some((e) => !e.endedAt) ? ': missing now' : ''}`,
    head: episodeHead,
    rows: episodeRows(childId, episodes.slice(0, 5), obligations),
    next: next
      ? {
          text: next.ruleName,
          explanation: next.explanation,
          due: whenText(deadlineInstant(next.due)),
          tag: { text: statusLabels[next.status].text, classes: `govuk-tag--${statusLabels[next.status].colour}` },
        }
      : null,
    links: [
      { text: 'Record a missing or absent episode', href: to.newMissingEpisodePath(childId) },
      ...(episodes.length ? [{ text: 'Every missing or absent episode', href: to.missingEpisodesPath(childId) }] : []),
    ],
  };
}

export function listPage(child: ChildHeading, episodes: readonly MissingEpisodeView[], obligations: readonly ObligationView[]) {
  return {
    title: 'Missing and absent episodes',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    newEpisode: { text: 'Record a missing or absent episode', href: to.newMissingEpisodePath(child.id) },
    head: episodeHead,
    rows: episodeRows(child.id, episodes, obligations),
    due: obligationRows(obligations.filter(outstanding)),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

const codeOptions: Option[] = missingCodes.map((c) => ({ value: c, text: `${missingCodeLabels[c] ?? c} (${c})` }));
const outcomeOptions: Option[] = interviewOutcomes.map((o) => ({
  value: o,
  text: interviewOutcomeLabels[o],
  ...(o === 'offered' ? { hint: 'The clock keeps running until it is held or declined' } : {}),
}));
const screeningOptions: Option[] = screeningOutcomes.map((o) => ({ value: o, text: screeningOutcomeLabels[o] }));

function formOf(values: FormValues, errors: readonly FieldError[] | undefined, dates: string[]) {
  const { errorList, errors: byField } = errorsOf(errors, dates);
  return { errorList, form: new FormView(values, byField) };
}

/** An instant's date and time in England, as a form's values. */
function dateAndTime(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const l = londonLocal(new Date(iso).getTime());
  return { date: l.date, time: `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}` };
}

type FormOpts = { values: FormValues; errors?: readonly FieldError[] };

/** The episode's form: new, or the return and corrections for one recorded. */
export function episodeForm(child: ChildHeading, opts: FormOpts & { episode?: MissingEpisodeView }) {
  const { errorList, form } = formOf(opts.values, opts.errors, ['startDate', 'endDate']);
  return {
    title: opts.episode ? 'Record the return, or correct the episode' : 'Record a missing or absent episode',
    caption: caption(child),
    backLink: opts.episode ? to.missingEpisodePath(child.id, opts.episode.id) : to.missingEpisodesPath(child.id),
    errorList,
    action: opts.episode ? to.missingEpisodeDetailsPath(child.id, opts.episode.id) : to.newMissingEpisodePath(child.id),
    version: opts.episode ? form.value('version') : null,
    missingCode: form.radios('missingCode', 'Missing or away without authorisation', codeOptions, {
      hint: 'Away without authorisation: the child’s whereabouts are known but they are not where they should be',
    }),
    startDate: form.date('startDate', 'Date the child went missing'),
    startTime: form.time('startTime', 'Time the child went missing'),
    endDate: form.date('endDate', 'Date the child returned or was found (if they have)', {
      hint: 'Leave blank while the child is still missing',
    }),
    endTime: form.time('endTime', 'Time the child returned or was found (if they have)'),
    whereFound: form.input('whereFound', 'Where the child was found or returned to (optional)'),
    submit: 'Save',
  };
}

export function episodeFormValues(e: MissingEpisodeView): FormValues {
  const start = dateAndTime(e.startedAt);
  const end = dateAndTime(e.endedAt);
  return {
    missingCode: e.missingCode,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    whereFound: e.whereFound ?? '',
    version: e.version,
  };
}

export function returnInterviewForm(child: ChildHeading, e: MissingEpisodeView, opts: FormOpts) {
  const { errorList, form } = formOf(opts.values, opts.errors, ['offeredDate', 'outcomeDate']);
  return {
    title: 'Return home interview',
    caption: caption(child),
    backLink: to.missingEpisodePath(child.id, e.id),
    errorList,
    returned: e.endedAt ? `The child returned or was found ${when(e.endedAt)}.` : 'No return is recorded yet: record it first.',
    action: to.returnInterviewPath(child.id, e.id),
    version: form.value('version'),
    offeredDate: form.date('offeredDate', 'Date the interview was offered'),
    offeredTime: form.time('offeredTime', 'Time the interview was offered'),
    outcome: form.radios('outcome', 'Whether the interview was held', outcomeOptions),
    outcomeDate: form.date('outcomeDate', 'Date it was held or declined', { hint: 'Leave blank if it has not been held yet' }),
    outcomeTime: form.time('outcomeTime', 'Time it was held or declined'),
    heldBy: form.input('heldBy', 'Who held the interview (if held)'),
    heldByIndependent: form.yesNo('heldByIndependent', 'Is the person who held it independent of the child’s care? (if held)'),
    submit: 'Save the interview',
  };
}

export function returnInterviewValues(e: MissingEpisodeView): FormValues {
  const offered = dateAndTime(e.interviewOfferedAt);
  const outcome = dateAndTime(e.interviewOutcomeAt);
  return {
    offeredDate: offered.date,
    offeredTime: offered.time,
    outcome: e.interviewOutcome ?? '',
    outcomeDate: outcome.date,
    outcomeTime: outcome.time,
    heldBy: e.interviewHeldBy ?? '',
    heldByIndependent: e.interviewIndependent === null ? '' : e.interviewIndependent ? 'yes' : 'no',
    version: e.version,
  };
}

export function strategyMeetingForm(child: ChildHeading, e: MissingEpisodeView, opts: FormOpts) {
  const { errorList, form } = formOf(opts.values, opts.errors, ['strategyMeetingDate', 'screeningDate']);
  return {
    title: 'Strategy meeting and exploitation risk screening',
    caption: caption(child),
    backLink: to.missingEpisodePath(child.id, e.id),
    errorList,
    action: to.missingStrategyMeetingPath(child.id, e.id),
    version: form.value('version'),
    strategyMeetingDate: form.date('strategyMeetingDate', 'Date of the strategy meeting (if one was held)'),
    screeningDate: form.date('screeningDate', 'Date the child exploitation risk screening was completed'),
    screeningOutcome: form.radios('screeningOutcome', 'Outcome of the screening', screeningOptions),
    submit: 'Save',
  };
}

export function strategyMeetingValues(e: MissingEpisodeView): FormValues {
  return {
    strategyMeetingDate: e.strategyMeetingDate ?? '',
    screeningDate: e.screeningDate ?? '',
    screeningOutcome: e.screeningOutcome ?? '',
    version: e.version,
  };
}

// ── the episode ──────────────────────────────────────────────────────────────

export function episodePage(child: ChildHeading, e: MissingEpisodeView, obligations: readonly ObligationView[]) {
  const rhi = interviewStatus(e, obligations);
  const mine = obligations.filter((o) => o.episode === e.id);
  return {
    title: `${missingCodeLabels[e.missingCode] ?? e.missingCode} from ${when(e.startedAt)}`,
    caption: caption(child),
    backLink: to.missingEpisodesPath(child.id),
    summary: {
      rows: [
        row('Type', `${missingCodeLabels[e.missingCode] ?? e.missingCode} (${e.missingCode})`),
        row('Went missing', when(e.startedAt)),
        row('Returned or found', e.endedAt ? when(e.endedAt) : 'Not returned yet'),
        row('Length', lengthText(e.startedAt, e.endedAt)),
        row('Where found or returned to', e.whereFound ?? 'Not recorded'),
        row('Return home interview', rhi.text),
        row('Strategy meeting', e.strategyMeetingDate ? formatDate(e.strategyMeetingDate) : 'None recorded'),
        row(
          'Exploitation risk screening',
          e.screeningDate && e.screeningOutcome
            ? `${screeningOutcomeLabels[e.screeningOutcome]}, completed ${formatDate(e.screeningDate)}`
            : 'Not recorded',
        ),
        ...(e.recordedByName ? [row('Recorded by', e.recordedByName)] : []),
      ],
    },
    interviewTag: rhi.tag ? { text: rhi.tag.text, classes: `govuk-tag--${rhi.tag.colour}` } : null,
    links: [
      { text: e.endedAt ? 'Correct the episode' : 'Record the return', href: to.missingEpisodeDetailsPath(child.id, e.id) },
      ...(e.endedAt ? [{ text: 'Record the return home interview', href: to.returnInterviewPath(child.id, e.id) }] : []),
      { text: 'Record the strategy meeting and exploitation risk screening', href: to.missingStrategyMeetingPath(child.id, e.id) },
    ],
    due: obligationRows(mine.filter(outstanding)),
    done: obligationRows(mine.filter((o) => o.done)),
  };
}
