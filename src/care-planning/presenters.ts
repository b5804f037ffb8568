/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label a
 * care planning page shows is decided here, table rows and summary lists included.
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { addCalendarYears, formatDate as formatIsoDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { link, tag } from '../core/views/html.js';
import { obligationRows } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import * as to from './paths.js';
import type {
  CarePlanningRecord,
  CarePlanSummary,
  CarePlanVersionView,
  PeriodCarePlan,
  PeriodPlans,
  PlacementWithPlan,
  UascView,
} from './queries.js';
import { carePlanSectionLabels, involvementLabel, type Permanence, permanenceOptions } from './schema.js';

export const permanenceLabels: Record<Permanence, string> = {
  return_home: 'Return home to parents or others with parental responsibility',
  family_and_friends: 'Living with relatives or friends (a child arrangements order)',
  special_guardianship: 'Special guardianship',
  adoption: 'Adoption',
  long_term_fostering: 'Long-term fostering',
  residential_care: 'Long-term residential care',
  independent_living: 'Moving on to independent living, with support',
};

/** The rules care planning's pages meet. */
export const carePlanningRuleIds = ['care-plan', 'placement-plan'] as const;
export const onlyCarePlanning = (obligations: readonly ObligationView[]) =>
  obligations.filter((o) => (carePlanningRuleIds as readonly string[]).includes(o.ruleId));

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d) : '');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const met = (o: ObligationView) => o.status === 'met_on_time' || o.status === 'met_late';

/** "2 March 2026 to 9 April 2026", or "since 2 March 2026" while it lasts. */
const span = (start: string, end: string | null) => (end ? `${formatDate(start)} to ${formatDate(end)}` : `since ${formatDate(start)}`);

/** A placement in a line: who provides it, its SSDA903 placement type and when it began. */
export function placementLine(p: Pick<PlacementWithPlan, 'providerName' | 'placementType' | 'startDate' | 'endDate'>): string {
  return `${p.providerName ? `${p.providerName} ` : ''}(${p.placementType}), ${span(p.startDate, p.endDate)}`;
}

/** Where a version of the plan stands: completed on a date, or a draft. */
export function versionStatus(v: Pick<CarePlanVersionView, 'number' | 'completedDate'>): string {
  return v.completedDate
    ? `Version ${v.number}, completed on ${formatDate(v.completedDate)}`
    : `Version ${v.number}, a draft not yet completed`;
}

/** The care plan in a line, for the record and the overview. */
export function carePlanLine(plan: CarePlanSummary | null): string {
  if (!plan) return 'Not recorded';
  const v = plan.current;
  const permanence = v.permanence ? `: plan for permanence, ${permanenceLabels[v.permanence].toLowerCase()}` : '';
  const earlier =
    !v.completedDate && plan.lastCompletedDate
      ? ` (the last completed version was completed on ${formatDate(plan.lastCompletedDate)})`
      : '';
  return `${versionStatus(v)}${permanence}${earlier}`;
}

/** The placement plan in a line. */
export function placementPlanLine(p: PlacementWithPlan): string {
  return p.plan ? `Completed on ${formatDate(p.plan.completedDate)}` : 'Not recorded';
}

/** Whether the child is, or was, an unaccompanied asylum-seeking child, in words. */
export function uascLine(u: UascView | null): string {
  if (!u) return 'Not recorded';
  if (!u.uasc) return 'No';
  return u.ceasedDate ? `Yes, until ${formatDate(u.ceasedDate)}` : 'Yes';
}

function due(next: ObligationView | undefined) {
  return next
    ? {
        text: next.ruleName,
        explanation: next.explanation,
        due: formatDate(next.due.slice(0, 10)),
        tag: { text: statusLabels[next.status].text, classes: `govuk-tag--${statusLabels[next.status].colour}` },
      }
    : null;
}

// ── the child's record: the care planning section ───────────────────────────

/**
 * What the record shows: the current care plan, the placement plan of the placement now (or
 * the last), whether the child is UASC, and what is due next. Nothing for a child never
 * looked after and with no UASC status recorded.
 */
export function recordSection(childId: string, record: CarePlanningRecord, obligations: readonly ObligationView[]) {
  const period = record.periods[0];
  if (!period && !record.uasc) return null;
  const rows = [];
  const links: { text: string; href: string }[] = [];
  if (period) {
    rows.push(row(period.endDate ? 'Care plan (last period of care)' : 'Care plan', carePlanLine(period.carePlan)));
    const placement = period.placements.at(-1);
    if (placement) rows.push(row('Placement plan', `${placementPlanLine(placement)}: ${placementLine(placement)}`));
    links.push({ text: 'Open the care plan', href: to.carePlanPath(childId, period.id) });
  }
  rows.push(row('Unaccompanied asylum-seeking child', uascLine(record.uasc)));
  return {
    rows,
    next: due(onlyCarePlanning(obligations).filter(outstanding)[0]),
    links,
    overview: to.carePlanningPath(childId),
  };
}

// ── the overview: every period's plans ──────────────────────────────────────

function placementRows(childId: string, placements: readonly PlacementWithPlan[]) {
  return placements.map((p) => [
    { text: placementLine(p) },
    { html: p.plan ? tag(placementPlanLine(p), 'green') : tag('Not recorded', 'grey') },
    { html: link(to.placementPlanPath(childId, p.id), p.plan ? 'Update' : 'Record', `the placement plan of ${placementLine(p)}`) },
  ]);
}

function periodBlock(childId: string, p: PeriodPlans) {
  return {
    heading: `Period of care ${span(p.startDate, p.endDate)}`,
    summary: {
      rows: [
        row('Care plan', carePlanLine(p.carePlan)),
        ...(p.carePlan ? [row('Versions', String(p.carePlan.versions))] : []),
        ...(p.shortBreaks ? [row('Short breaks', 'An agreed series of short breaks (reg 48): the plans are not clocked')] : []),
      ],
    },
    links: [
      ...(p.carePlan ? [{ text: 'Open the care plan and its versions', href: to.carePlanPath(childId, p.id) }] : []),
      ...(!p.endDate || !p.carePlan
        ? [{ text: p.carePlan ? 'Update the care plan (a new version)' : 'Record the care plan', href: to.newCarePlanPath(childId, p.id) }]
        : []),
    ],
    placementRows: placementRows(childId, p.placements),
  };
}

export function overviewPage(child: ChildHeading, record: CarePlanningRecord, obligations: readonly ObligationView[]) {
  const mine = onlyCarePlanning(obligations);
  return {
    title: 'Care and placement plans',
    caption: caption(child),
    backLink: `/children/${child.id}`,
    intro: record.periods.length
      ? 'A care plan for each period of care (Care Planning, Placement and Case Review Regulations 2010, reg 4), and a placement plan for each placement (reg 9).'
      : 'No period of care is recorded: care and placement plans are made once the child becomes looked after.',
    uasc: {
      rows: [row('Unaccompanied asylum-seeking child', uascLine(record.uasc))],
    },
    uascLink: {
      text: record.uasc
        ? 'Change the unaccompanied asylum-seeking child status'
        : 'Record whether the child is an unaccompanied asylum-seeking child',
      href: to.uascPath(child.id),
    },
    periods: record.periods.map((p) => periodBlock(child.id, p)),
    due: obligationRows(mine.filter(outstanding)),
    done: obligationRows(mine.filter(met)),
  };
}

// ── a period's care plan and its versions ───────────────────────────────────

/** Every section of one version, in the order a plan is read. */
function versionRows(v: CarePlanVersionView) {
  const notSet = 'Not set out in this version';
  return [
    row('Status', versionStatus(v)),
    row(carePlanSectionLabels.health, v.health ?? notSet),
    row(carePlanSectionLabels.education, v.education ?? notSet),
    row(carePlanSectionLabels.contact, v.contact ?? notSet),
    row(carePlanSectionLabels.wellbeing, v.wellbeing ?? notSet),
    row(carePlanSectionLabels.permanence, v.permanence ? permanenceLabels[v.permanence] : notSet),
    row(carePlanSectionLabels.permanenceDetail, v.permanenceDetail ?? notSet),
    row(carePlanSectionLabels.contingency, v.contingency ?? notSet),
    row(involvementLabel, v.involvement ?? 'Not recorded in this version'),
    row('Saved by', v.recordedBy ?? 'Not recorded'),
  ];
}

export function carePlanPage(child: ChildHeading, data: PeriodCarePlan, obligations: readonly ObligationView[]) {
  const { period } = data;
  const current = data.versions[0];
  const episodes = new Set([period.id, ...period.placements.map((p) => p.id)]);
  const mine = onlyCarePlanning(obligations).filter((o) => o.episode !== null && episodes.has(o.episode));
  return {
    title: 'Care plan',
    caption: caption(child),
    backLink: to.carePlanningPath(child.id),
    intro: `For the period of care ${span(period.startDate, period.endDate)}.`,
    current: current ? { rows: versionRows(current) } : null,
    links:
      !period.endDate || !data.plan
        ? [
            {
              text: data.plan ? 'Update the care plan (a new version)' : 'Record the care plan',
              href: to.newCarePlanPath(child.id, period.id),
            },
          ]
        : [],
    historyRows: data.versions.map((v) => [
      { html: link(to.carePlanVersionPath(child.id, period.id, v.id), `Version ${v.number}`, 'of the care plan') },
      { text: v.completedDate ? `Completed on ${formatDate(v.completedDate)}` : 'Draft' },
      { text: v.permanence ? permanenceLabels[v.permanence] : 'Not set out' },
      { text: v.recordedBy ?? 'Not recorded' },
    ]),
    placementRows: placementRows(child.id, period.placements),
    due: obligationRows(mine.filter(outstanding)),
    done: obligationRows(mine.filter(met)),
  };
}

export function versionPage(child: ChildHeading, data: PeriodCarePlan, versionId: string) {
  const v = data.versions.find((x) => x.id === versionId);
  if (!v) return null;
  const newest = data.versions[0]!.id === v.id;
  return {
    title: `Care plan, version ${v.number}`,
    caption: caption(child),
    backLink: to.carePlanPath(child.id, data.period.id),
    intro: newest
      ? 'This is the plan now.'
      : `A later version (version ${data.versions[0]!.number}) is the plan now; this one is kept as history.`,
    summary: { rows: versionRows(v) },
  };
}

// ── forms ───────────────────────────────────────────────────────────────────

interface FormOpts {
  values: FormValues;
  errors?: readonly FieldError[];
}

const permanenceItems: Option[] = permanenceOptions.map((p) => ({ value: p, text: permanenceLabels[p] }));

export function carePlanForm(child: ChildHeading, data: PeriodCarePlan, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['completedDate']);
  const current = data.versions[0];
  // a new version starts from the plan now, so only what changed is typed again
  const form = new FormView(
    {
      carePeriodId: data.period.id,
      ...(current
        ? {
            health: current.health ?? '',
            education: current.education ?? '',
            contact: current.contact ?? '',
            wellbeing: current.wellbeing ?? '',
            permanence: current.permanence ?? '',
            permanenceDetail: current.permanenceDetail ?? '',
            contingency: current.contingency ?? '',
            involvement: current.involvement ?? '',
          }
        : {}),
      ...(data.plan ? { version: data.plan.version } : {}),
      ...opts.values,
    },
    errors,
  );
  const long = { rows: 5 };
  return {
    title: current ? `Update the care plan (version ${current.number + 1})` : 'Record the care plan',
    caption: caption(child),
    backLink: data.plan ? to.carePlanPath(child.id, data.period.id) : to.carePlanningPath(child.id),
    action: to.newCarePlanPath(child.id),
    errorList,
    carePeriodId: form.value('carePeriodId'),
    version: form.value('version'),
    intro: `For the period of care ${span(data.period.startDate, data.period.endDate)}. Each section in plain words the child and their carers can read. Leave the date blank to save a draft; a plan is completed only with every section and a contingency.`,
    health: form.textarea('health', carePlanSectionLabels.health, { ...long, hint: 'Health needs and how they will be met' }),
    education: form.textarea('education', carePlanSectionLabels.education, {
      ...long,
      hint: 'School or college, and the personal education plan',
    }),
    contact: form.textarea('contact', carePlanSectionLabels.contact, { ...long, hint: 'Who the child sees, how often, and why' }),
    wellbeing: form.textarea('wellbeing', carePlanSectionLabels.wellbeing, {
      ...long,
      hint: 'Emotional and behavioural development; identity: religion, culture, language, heritage',
    }),
    permanence: form.radios('permanence', carePlanSectionLabels.permanence, permanenceItems),
    permanenceDetail: form.textarea('permanenceDetail', carePlanSectionLabels.permanenceDetail, {
      ...long,
      hint: 'What the plan is, by when, and what has to happen for it',
    }),
    contingency: form.textarea('contingency', carePlanSectionLabels.contingency, {
      ...long,
      hint: 'What happens if the plan is not working',
    }),
    involvement: form.textarea('involvement', involvementLabel, {
      rows: 3,
      hint: 'Whether the child and their carers were asked, what they said, and how the plan took it into account',
    }),
    completedDate: form.date('completedDate', 'Date the care plan was completed', {
      hint: 'A plan completed before the child became looked after counts. Leave blank to save a draft.',
    }),
  };
}

export function placementPlanForm(child: ChildHeading, placement: PlacementWithPlan, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['completedDate']);
  const plan = placement.plan;
  const form = new FormView(
    {
      placementId: placement.id,
      ...(plan
        ? {
            completedDate: plan.completedDate,
            needsMet: plan.needsMet,
            contact: plan.contact,
            health: plan.health,
            education: plan.education,
            delegatedAuthority: plan.delegatedAuthority,
            version: plan.version,
          }
        : {}),
      ...opts.values,
    },
    errors,
  );
  return {
    title: plan ? 'Update the placement plan' : 'Record the placement plan',
    caption: caption(child),
    backLink: to.carePlanPath(child.id, placement.carePeriodId),
    action: to.placementPlanPath(child.id),
    errorList,
    placementId: form.value('placementId'),
    version: form.value('version'),
    intro: `For the placement ${placementLine(placement)}. Made before the placement or within 5 working days of it starting (reg 9).`,
    completedDate: form.date('completedDate', 'Date the placement plan was completed'),
    needsMet: form.textarea('needsMet', 'How the placement will meet the child’s needs', { rows: 4 }),
    contact: form.textarea('contact', 'Contact', { rows: 3, hint: 'Arrangements for contact with family and friends in this placement' }),
    health: form.textarea('health', 'Health', { rows: 3 }),
    education: form.textarea('education', 'Education', { rows: 3 }),
    delegatedAuthority: form.textarea('delegatedAuthority', 'Delegated authority to the carers', {
      rows: 3,
      hint: 'What the carers may decide for the child day to day without asking',
    }),
  };
}

export function uascForm(child: ChildHeading, record: Pick<CarePlanningRecord, 'uasc' | 'dateOfBirth'>, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['ceasedDate']);
  const u = record.uasc;
  const form = new FormView(
    { ...(u ? { uasc: u.uasc ? 'yes' : 'no', ceasedDate: u.ceasedDate ?? '', version: u.version } : {}), ...opts.values },
    errors,
  );
  return {
    title: 'Unaccompanied asylum-seeking child',
    caption: caption(child),
    backLink: to.carePlanningPath(child.id),
    action: to.uascPath(child.id),
    errorList,
    version: form.value('version'),
    intro: record.dateOfBirth
      ? `The status ends on the child’s 18th birthday (${formatDate(addCalendarYears(record.dateOfBirth, 18))}) at the latest.`
      : 'The status ends on the child’s 18th birthday at the latest.',
    uasc: form.yesNo('uasc', 'Is, or was, the child an unaccompanied asylum-seeking child?'),
    ceasedDate: form.date('ceasedDate', 'Date the child ceased to be an unaccompanied asylum-seeking child', {
      hint: 'Leave blank while they still are one',
    }),
  };
}
