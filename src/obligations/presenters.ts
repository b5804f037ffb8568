import { type ClockRule, FACT_KINDS, type FactKind, type RuleFeed, type RuleSetting, unrecordedWork } from '../clock/index.js';
import { html, tag } from '../core/views/html.js';
import { formatDate } from '../core/views/nunjucks.js';
import { inForce, type ObligationView, type SettingChange, type SettingDefinition, statusLabels } from './queries.js';
import type { RebuildJob } from './rebuild-jobs.js';

type InForce = ReturnType<typeof inForce>;

/** How far off a deadline is, or how far past it: in hours for a deadline set in hours. */
export function daysText(o: Pick<ObligationView, 'hours' | 'status' | 'workingDays'>): string {
  if (o.hours !== null && o.status !== 'met_on_time') return `${Math.abs(o.hours)} hours ${o.status === 'due' ? 'left' : 'over'}`;
  if (o.status === 'due') return `${o.workingDays} working days left`;
  if (o.status === 'overdue' || o.status === 'met_late') return `${o.workingDays} working days over`;
  return '';
}

/** What is owed, and why: the rule's name over the clock's explanation. */
export function whatIsOwed(o: Pick<ObligationView, 'ruleName' | 'explanation'>) {
  return html`<strong>${o.ruleName}</strong><br><span class="govuk-body-s">${o.explanation}</span>`;
}

/** A child's obligations, as the rows of the table on their record. */
export function obligationRows(list: readonly ObligationView[]) {
  return list.map((o) => [
    { html: whatIsOwed(o) },
    { text: formatDate(o.due) },
    { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
    { text: daysText(o) },
    { html: html`<span class="govuk-body-s">${o.source}</span>` },
  ]);
}

const standing: Record<string, string> = {
  statute: 'Statute or regulation',
  'statutory guidance': 'Statutory guidance',
  'local practice': 'Local practice',
  measure: 'DfE or Ofsted measure',
};

/** A fact kind in words: its meaning's first sentence, without the notes on its data ("An emergency protection order was made (s44)"). */
function factInWords(kind: FactKind): string {
  return FACT_KINDS[kind].meaning.split(/\.(?:\s|$)|;\s*data\./)[0]!;
}

const feedTag: Record<RuleFeed['state'], { text: string; colour: string }> = {
  recorded: { text: 'Runs on the record', colour: 'green' },
  partly: { text: 'Partly recorded', colour: 'yellow' },
  not_recorded: { text: 'Not recorded', colour: 'grey' },
};

/** Whether the record feeds a rule, and what it lacks: a rule nothing feeds lists nothing, and must not read as on time. */
export function feedView(feed: RuleFeed) {
  const lacking = feed.missing.map(factInWords).join('; ');
  const text =
    feed.state === 'recorded'
      ? 'OpenCSC records everything this rule counts from, and what meets it.'
      : feed.state === 'partly'
        ? `OpenCSC does not record yet: ${lacking}. Until it does, what this rule lists may be incomplete.`
        : `OpenCSC does not record yet: ${lacking}. This rule lists nothing: no obligation shown means not recorded, not on time.`;
  return html`${tag(feedTag[feed.state].text, feedTag[feed.state].colour)}<br><span class="govuk-body-s">${text}</span>`;
}

/** How many rules the record feeds, for the top of the Timescales page. */
export function feedSummary(feeds: readonly RuleFeed[]): string {
  const count = (state: RuleFeed['state']) => feeds.filter((f) => f.state === state).length;
  const rules = (n: number) => `${n} ${n === 1 ? 'rule' : 'rules'}`;
  return `Of ${rules(feeds.length)}, ${count('recorded')} run on the record, ${count('partly')} in part, and ${count('not_recorded')} not at all yet: OpenCSC does not record the work they count.`;
}

/** The names work lists use for an area of practice the record does not hold. */
const areaNames: Record<string, string> = {
  'looked after': 'looked after children',
  allegations: 'allegations against adults',
  legal: 'care proceedings',
  missing: 'children missing from home or care',
};

function inWords(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * What the work lists and the record say they leave out, from the rules the record does not
 * feed, or null when it feeds them all.
 */
export function notRecordedText(work: ReturnType<typeof unrecordedWork>): string | null {
  const parts = [
    ...(work.areas.length > 0 ? [inWords(work.areas.map((a) => areaNames[a] ?? a))] : []),
    ...work.rules.map((r) => `in ${r.area}, the rules ${inWords(r.names.map((n) => `“${n}”`))}`),
  ];
  const unmet = work.cannotBeMet.map((r) => `in ${r.area}, ${inWords(r.names.map((n) => `“${n}”`))}`);
  const sentences = [
    ...(parts.length > 0 ? [`Work OpenCSC does not record yet is not shown here: ${parts.join('; ')}.`] : []),
    ...(unmet.length > 0 ? [`Shown as due, but OpenCSC cannot yet record it as done: ${unmet.join('; ')}.`] : []),
  ];
  return sentences.length > 0 ? sentences.join(' ') : null;
}

/**
 * Whose figure a setting is, in words: the authority's own local practice, or what law or
 * statutory guidance sets, with the statutory position either way.
 */
export function standingText(s: Pick<RuleSetting, 'standing' | 'statutoryPosition'>): string {
  return s.standing === 'local practice'
    ? `Local practice: the authority sets it; no statute or statutory guidance gives the figure. Statutory position: ${s.statutoryPosition}`
    : `Statutory: ${s.statutoryPosition}`;
}

/** A setting's value in force, and whose it is: OpenCSC's default stands for a local figure only until the authority sets its own. */
function valueText(s: Pick<RuleSetting, 'unit' | 'standing'>, now: { value: unknown; since: string | null }): string {
  const when = now.since
    ? `set by the authority from ${formatDate(now.since)}`
    : s.standing === 'local practice'
      ? 'OpenCSC’s default, until the authority sets its own'
      : 'default';
  return `${String(now.value)} ${s.unit} (${when})`;
}

/** A clock rule on the Timescales page: whether the record feeds it, its source, standing, the local setting in force and its id. */
export function timescaleRows(rule: ClockRule, settings: readonly (RuleSetting & InForce)[], feed: RuleFeed) {
  const local = settings.map(
    (s) => html`<p class="govuk-body">${s.label}: ${valueText(s, s)}<br><span class="govuk-body-s">${standingText(s)}</span></p>`,
  );
  return [
    { key: { text: 'On the record' }, value: { html: feedView(feed) } },
    { key: { text: 'Source' }, value: { text: `${rule.source.document}${rule.source.reference ? `, ${rule.source.reference}` : ''}` } },
    { key: { text: 'Standing' }, value: { text: standing[rule.source.status] ?? rule.source.status } },
    { key: { text: 'Local setting' }, value: local.length > 0 ? { html: html`${local}` } : { text: 'None' } },
    { key: { text: 'Rule' }, value: { html: html`<code>${rule.id}</code>` } },
  ];
}

/** What a setting may be set to, in words. */
export function allowedText(d: SettingDefinition): string {
  if (d.range) return `${d.range.min} to ${d.range.max} ${d.unit}`;
  if (d.options) return `One of: ${d.options.join(', ')}`;
  if (typeof d.default === 'boolean') return 'Yes or no';
  return d.unit === 'list' ? 'A list, comma separated' : '';
}

/** Every setting in force today, with what it may be and its history, as the policy page's table rows. */
export function settingRows(definitions: readonly SettingDefinition[], history: readonly SettingChange[], today: string) {
  return definitions.map((d) => {
    const now = inForce(d, history, today);
    const changes = history
      .filter((h) => h.key === d.key)
      .map((h) => `${h.value} from ${formatDate(h.effectiveFrom)}${h.setBy ? ` (set by ${h.setBy})` : ''}`)
      .join('; ');
    return [
      { html: html`${d.label}<br><span class="govuk-body-s">${standingText(d)}</span>` },
      { text: valueText(d, now) },
      { text: allowedText(d) },
      { text: changes || 'No changes' },
    ];
  });
}

/** The settings, as a select's items. */
export function settingItems(definitions: readonly SettingDefinition[], chosen: unknown) {
  return [
    { value: '', text: 'Select a setting' },
    ...definitions.map((d) => ({ value: d.key, text: d.label, selected: chosen === d.key })),
  ];
}

const stateText: Record<RebuildJob['state'], { text: string; colour: string }> = {
  queued: { text: 'Waiting to start', colour: 'grey' },
  running: { text: 'Running', colour: 'blue' },
  finished: { text: 'Finished', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
  superseded: { text: 'Replaced by a later change', colour: 'grey' },
};

/** What the policy page says about the newest recompute: its state, progress and outcome. */
export function rebuildView(job: RebuildJob | null) {
  if (!job) return null;
  const total = job.childrenTotal;
  const asked = `${job.reason.charAt(0).toUpperCase()}${job.reason.slice(1).toLowerCase()}, ${formatDate(job.requestedAt)}${job.requestedBy ? ` by ${job.requestedBy}` : ''}`;
  const finished = job.finishedAt
    ? `${formatDate(job.finishedAt)}${job.state === 'finished' ? `, ${job.obligations} obligations stored` : ''}`
    : 'Not yet';
  return {
    state: job.state,
    failure: job.failure,
    inProgress: job.state === 'queued' || job.state === 'running',
    rows: [
      { key: { text: 'State' }, value: { html: tag(stateText[job.state].text, stateText[job.state].colour) } },
      {
        key: { text: 'Children done' },
        value: {
          text:
            total === null
              ? 'Not started'
              : `${job.childrenDone} of ${total} children${total > 0 ? ` (${Math.floor((100 * job.childrenDone) / total)}%)` : ''}`,
        },
      },
      { key: { text: 'Asked for' }, value: { text: asked } },
      { key: { text: 'Finished' }, value: { text: finished } },
    ],
  };
}
