/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label and
 * every choice a page shows is decided here, table rows included. The codes are DfE's SSDA903
 * lists (schema.ts, from the returns module); the words beside them are DfE's descriptions,
 * shortened where long, and a code without words here is shown as the code.
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { primaryNeedCodes, reasonCeasedLabels } from '../children/codes.js';
import { formatDate as formatIsoDate } from '../core/calendar/index.js';
import type { RestrictedRecord } from '../children/queries.js';
import { childCell } from '../children/presenters.js';
import { labelOf } from '../core/codes.js';
import type { FieldError } from '../core/http/forms.js';
import { html, link } from '../core/views/html.js';
import { obligationRows } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import * as carePlanningPaths from '../care-planning/paths.js';
import { COUNTY_NOT_GIVEN, insideAuthority, milesApart, type PostcodeDirectory } from '../returns/postcode-directory.js';
import * as to from './paths.js';
import type { CarePeriodSummary, CarePeriodView, IroCaseload, IroChild, LookedAfterRecord, PlacementView } from './queries.js';
import {
  categoryOfNeedCodes,
  legalStatusCodes,
  participationCodes,
  placementChangeReasonCodes,
  placementProviderCodes,
  placementTypeCodes,
  placementTypesOn,
  reasonCeasedCodes,
  visitRegimes,
} from './schema.js';

// ── DfE's words for the SSDA903 codes ────────────────────────────────────────

export const legalStatusLabels: Record<string, string> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20',
  V3: 'Agreed series of short-term breaks, recording individual episodes of care',
  V4: 'Agreed series of short-term breaks, recording the agreements',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under a child assessment order and in local authority accommodation',
  J1: 'Remanded to local authority accommodation or to youth detention accommodation',
  J2: 'In local authority accommodation under the Police and Criminal Evidence Act 1984',
  J3: 'Sentenced to a youth rehabilitation order with a residence or intensive fostering requirement',
};

export const newEpisodeReasonLabels: Record<string, string> = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carers',
  T: 'Change of placement only, same carers',
  B: 'Change of legal status, placement and carers at the same time',
  U: 'Change of legal status and placement, same carers, at the same time',
};

export const placementTypeLabels: Record<string, string> = {
  A3: 'Placed for adoption with consent, with current foster carers',
  A4: 'Placed for adoption with consent, not with current foster carers',
  A5: 'Placed for adoption under a placement order, with current foster carers',
  A6: 'Placed for adoption under a placement order, not with current foster carers',
  K1: 'Secure children’s home',
  K2: 'Children’s home',
  K3: 'Supported accommodation',
  P1: 'Placed with own parents or other person with parental responsibility',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or health trust establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'Residential school, except where dual-registered as a children’s home',
  T0: 'Temporary move of any kind',
  T1: 'Temporary period in hospital',
  T2: 'Temporary absence on holiday',
  T3: 'Temporary accommodation while the usual foster carers are on holiday',
  T4: 'Temporary accommodation of seven days or less',
  U1: 'Foster placement with relatives or friends, long term',
  U2: 'Foster placement with relatives or friends who are approved adopters (fostering for adoption or concurrent)',
  U3: 'Foster placement with relatives or friends, not long term or fostering for adoption',
  U4: 'Foster placement with other foster carers, long term',
  U5: 'Foster placement with other foster carers who are approved adopters (fostering for adoption or concurrent)',
  U6: 'Foster placement with other foster carers, not long term or fostering for adoption',
  Z1: 'Other placement',
};

export const providerLabels: Record<string, string> = {
  PR0: 'Parents or other person with parental responsibility',
  PR1: 'The authority’s own provision',
  PR2: 'Another local authority’s provision',
  PR3: 'Other public provision',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
};

export const placementChangeReasonLabels: Record<string, string> = {
  CARPL: 'Change to, or carrying out of, the care plan',
  CLOSE: 'Resignation of the carers or closure of the provision',
  ALLEG: 'Allegation (section 47)',
  STAND: 'Concern about standards of care',
  APPRR: 'Approval removed',
  CREQB: 'Carers asked for the placement to end because of the child’s behaviour',
  CREQO: 'Carers asked for the placement to end for another reason',
  CHILD: 'The child asked for the placement to end',
  LAREQ: 'The responsible or area authority asked for the placement to end',
  PLACE: 'Change in the status of the placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Another reason',
};

export const participationLabels: Record<string, string> = {
  PN0: 'Child under 4 at the time of the review',
  PN1: 'Child attended and spoke for themselves',
  PN2: 'Child attended and an advocate spoke for them',
  PN3: 'Child attended and conveyed their views without words',
  PN4: 'Child attended but did not give their views',
  PN5: 'Child did not attend but briefed an advocate',
  PN6: 'Child did not attend but conveyed their views another way',
  PN7: 'Child did not attend and their views were not conveyed',
};

export const visitRegimeLabels: Record<(typeof visitRegimes)[number], string> = {
  standard: 'Placed with foster carers, in a home or elsewhere: within a week, then every 6 weeks (reg 28(2))',
  parent_pending_assessment: 'Placed with a parent before assessment: weekly until the first review (reg 28(3))',
  temporary_connected_person: 'With a temporarily approved relative or friend: weekly until the first review (reg 28(4))',
  interim_care_order_with_parent: 'With a parent under an interim care order: weekly until the first review (reg 28(4))',
  care_order_at_home: 'Living at home under a care order: within a week, then every 6 weeks (reg 28(5))',
};

/** "Full care order (C2)": the words, then the code the return carries. */
const coded = (labels: Record<string, string>, code: string | null | undefined) =>
  code ? (labels[code] ? `${labels[code]} (${code})` : code) : '';
const categoryOfNeed = (code: string) => `${labelOf(primaryNeedCodes, code)} (${code})`;

const codeOptions = (labels: Record<string, string>, codes: readonly string[]): Option[] =>
  codes.map((c) => ({ value: c, text: labels[c] ? `${c}: ${labels[c]}` : c }));

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d) : '');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const met = (o: ObligationView) => o.status === 'met_on_time' || o.status === 'met_late';

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

/** Where the child lives: the type, then who provides it and where. */
export function placementText(p: PlacementView): string {
  const where = [p.providerName, p.placementPostcode].filter(Boolean).join(', ');
  return `${coded(placementTypeLabels, p.placementType)}${where ? `: ${where}` : ''}`;
}

/** What the current placement is measured against: the postcode directory and the authority's ONS code, as configured. */
export interface PlacementPlaces {
  directory: PostcodeDirectory;
  authorityCode: string | undefined;
}

const authorityText = (inside: boolean | null) =>
  inside === null ? `Not known: ${COUNTY_NOT_GIVEN}` : inside ? 'Inside the authority' : 'Outside the authority';

/**
 * The placement's distance from home and whether it is inside the authority, computed from
 * the two postcodes in the directory (never typed), or "Not known" and why.
 */
export function whereFromHome(
  pl: Pick<PlacementView, 'placementPostcode' | 'homePostcode'>,
  places: PlacementPlaces,
): { distance: string; authority: string } {
  const { directory, authorityCode } = places;
  if (directory.state !== 'loaded') {
    const why = directory.reason.replace(/^Distance from home is not computed: /, '').replace(/\.$/, '');
    return { distance: `Not known: ${why}`, authority: `Not known: ${why}` };
  }
  const find = (postcode: string | null, what: string) =>
    postcode === null
      ? { why: `the ${what} postcode is not recorded` }
      : (directory.place(postcode) ?? { why: `the ${what} postcode is not in the postcode directory` });
  const at = find(pl.placementPostcode, 'placement');
  const home = find(pl.homePostcode, 'home');
  const distance =
    'easting' in at && 'easting' in home
      ? `${milesApart(at, home).toFixed(1)} miles`
      : `Not known: ${[at, home].flatMap((x) => ('why' in x ? [x.why] : [])).join('; ')}`;
  const authority = !authorityCode
    ? 'Not known: the authority’s ONS code is not configured (AUTHORITY_CODE)'
    : 'why' in at
      ? `Not known: ${at.why}`
      : authorityText(insideAuthority(at, authorityCode));
  return { distance, authority };
}

function whereRows(pl: PlacementView, places: PlacementPlaces) {
  const where = whereFromHome(pl, places);
  return [row('Distance from home', where.distance), row('Inside or outside the authority', where.authority)];
}

// ── the child's record: the looked after section ─────────────────────────────

/** What the record shows: the period of care, the placement in force, the next review and what is due next. */
export function recordSection(childId: string, record: LookedAfterRecord, obligations: readonly ObligationView[], places: PlacementPlaces) {
  const open = record.periods.find((p) => !p.endDate);
  const last = record.periods[0];
  const rows = [];
  let status: string;
  const links: { text: string; href: string }[] = [];
  if (open) {
    status = open.shortBreaks
      ? `Looked after for an agreed series of short breaks (reg 48) since ${formatDate(open.startDate)}`
      : `Looked after since ${formatDate(open.startDate)}`;
    rows.push(row('Legal status', coded(legalStatusLabels, open.legalStatus)));
    if (open.placement) {
      rows.push(row('Placement', `${placementText(open.placement)}, since ${formatDate(open.placement.startDate)}`));
      rows.push(...whereRows(open.placement, places));
    }
    rows.push(row('Independent reviewing officer', open.iroName ?? 'Not appointed'));
    if (open.orderSince) rows.push(row('Deprivation of liberty order', `In force since ${formatDate(open.orderSince)}`));
    const review = obligations.find((o) => o.ruleId === 'looked-after-review' && outstanding(o));
    rows.push(
      row(
        'Next review',
        review ? `Due by ${formatDate(review.due.slice(0, 10))}` : open.shortBreaks ? 'Not clocked for short breaks' : 'None due',
      ),
    );
    links.push({ text: 'Open the period of care', href: to.carePeriodPath(childId, open.id) });
  } else if (last) {
    status = `Not looked after: the last period of care ended on ${formatDate(last.endDate)} (${coded(reasonCeasedLabels, last.reasonCeased)})`;
    links.push({ text: 'Record that the child became looked after', href: to.becomeLookedAfterPath(childId) });
  } else {
    status = 'Not looked after: no period of care recorded';
    links.push({ text: 'Record that the child became looked after', href: to.becomeLookedAfterPath(childId) });
  }
  return {
    status,
    rows,
    next: record.periods.length ? due(obligations.filter(outstanding)[0]) : null,
    links,
    overview: to.lookedAfterPath(childId),
  };
}

// ── the overview: every period of care ───────────────────────────────────────

export function overviewPage(child: ChildHeading, record: LookedAfterRecord, obligations: readonly ObligationView[]) {
  // the overview shows the status and links only: nothing measured
  const section = recordSection(child.id, record, obligations, {
    directory: { state: 'not_computed', reason: '' },
    authorityCode: undefined,
  });
  return {
    title: 'Looked after',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    status: section.status,
    links: section.links,
    periodRows: record.periods.map((p: CarePeriodSummary) => [
      { html: link(to.carePeriodPath(child.id, p.id), formatDate(p.startDate), 'period of care') },
      { text: p.endDate ? `${formatDate(p.endDate)}: ${coded(reasonCeasedLabels, p.reasonCeased)}` : 'Looked after now' },
      { text: coded(legalStatusLabels, p.legalStatus) },
      { text: String(p.placements), format: 'numeric' },
      { text: String(p.reviews), format: 'numeric' },
    ]),
    due: obligationRows(obligations.filter(outstanding)),
    done: obligationRows(obligations.filter(met)),
  };
}

// ── the period of care ───────────────────────────────────────────────────────

export function periodPage(child: ChildHeading, p: CarePeriodView, obligations: readonly ObligationView[], places: PlacementPlaces) {
  const open = !p.endDate;
  const episodes = new Set([p.id, ...p.placementList.map((pl) => pl.id)]);
  const mine = obligations.filter((o) => {
    const episode = o.key.split(':')[1];
    return episode === '-' || (episode !== undefined && episodes.has(episode));
  });
  return {
    title: 'Period of care',
    caption: caption(child),
    backLink: to.lookedAfterPath(child.id),
    summary: {
      rows: [
        row('Became looked after', formatDate(p.startDate)),
        ...(p.shortBreaks ? [row('Short breaks', 'An agreed series of short breaks (reg 48)')] : []),
        row('Legal status', coded(legalStatusLabels, p.legalStatus)),
        row('Category of need', categoryOfNeed(p.categoryOfNeed)),
        ...(p.placement ? [row(open ? 'Placement' : 'Last placement', placementText(p.placement))] : []),
        ...(p.placement && open ? whereRows(p.placement, places) : []),
        row(
          'Independent reviewing officer',
          p.iroName ? `${p.iroName} (first appointed ${formatDate(p.iroAppointedDate)})` : 'Not appointed',
        ),
        row('Reviews held', String(p.reviewList.length)),
        row(
          'Ceased to be looked after',
          p.endDate ? `${formatDate(p.endDate)}: ${coded(reasonCeasedLabels, p.reasonCeased)}` : 'Looked after now',
        ),
      ],
    },
    links: open
      ? [
          { text: 'Open the care plan and placement plans', href: carePlanningPaths.carePlanPath(child.id, p.id) },
          { text: 'Record a looked after review', href: to.newLookedAfterReviewPath(child.id, p.id) },
          { text: 'Record a visit', href: to.newLookedAfterVisitPath(child.id) },
          { text: 'Record a move of placement', href: to.movePath(child.id, p.id) },
          { text: 'Record a change of legal status', href: to.legalStatusPath(child.id, p.id) },
          { text: 'Change the placement’s visits or intention', href: to.changePlacementPath(child.id, p.id) },
          {
            text: p.iroName ? 'Record a new independent reviewing officer' : 'Record the independent reviewing officer',
            href: to.iroPath(child.id, p.id),
          },
          { text: 'Record that the child ceased to be looked after', href: to.ceasePath(child.id, p.id) },
        ]
      : [],
    due: obligationRows(mine.filter(outstanding)),
    done: obligationRows(mine.filter(met)),
    episodeRows: p.episodes.map((e) => [
      { text: formatDate(e.startDate) },
      { text: e.endDate ? formatDate(e.endDate) : 'Continuing' },
      { text: coded(newEpisodeReasonLabels, e.reasonNew) },
      { text: e.legalStatus },
      { text: e.placementType },
      { text: e.categoryOfNeed },
      { html: link(to.correctEpisodePath(child.id, p.id, e.id), 'Correct', `the episode that began on ${formatDate(e.startDate)}`) },
    ]),
    placementRows: p.placementList.map((pl) => [
      { text: formatDate(pl.startDate) },
      {
        text: pl.endDate
          ? `${formatDate(pl.endDate)}${pl.reasonForChange ? `: ${coded(placementChangeReasonLabels, pl.reasonForChange)}` : ''}`
          : 'Continuing',
      },
      { text: placementText(pl) },
      {
        text:
          [pl.provider ? coded(providerLabels, pl.provider) : '', pl.urn ? `URN ${pl.urn}` : ''].filter(Boolean).join('; ') ||
          'Not recorded',
      },
      { text: pl.homePostcode ?? 'Not recorded' },
      { text: `${pl.intendedToAge18 ? 'Yes' : 'No'}${pl.changedDate ? ` (from ${formatDate(pl.changedDate)})` : ''}` },
      { text: visitRegimeLabels[pl.visitRegime as keyof typeof visitRegimeLabels] ?? pl.visitRegime },
    ]),
    orderRows: p.orderList.map((o) => [
      { text: formatDate(o.startDate) },
      { text: o.endDate ? formatDate(o.endDate) : 'In force' },
      {
        html: html`${link(to.deprivationOfLibertyPath(child.id, p.id, o.id), 'Correct', `the order that started on ${formatDate(o.startDate)}`)}${
          o.endDate
            ? ''
            : html` ${link(to.endDeprivationOfLibertyPath(child.id, p.id, o.id), 'Record its end', `of the order that started on ${formatDate(o.startDate)}`)}`
        }`,
      },
    ]),
    newOrder: { text: 'Record a deprivation of liberty order', href: to.newDeprivationOfLibertyPath(child.id, p.id) },
    reviewRows: p.reviewList.map((r) => [
      { html: link(to.lookedAfterReviewPath(child.id, p.id, r.id), formatDate(r.reviewDate), 'review') },
      { text: coded(participationLabels, r.participation) },
      { text: r.iroName },
      { text: r.decisionsCirculatedDate ? formatDate(r.decisionsCirculatedDate) : 'Not yet' },
      { text: r.recordCompletedDate ? formatDate(r.recordCompletedDate) : 'Not yet' },
    ]),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

type FormOpts = { values: FormValues; errors?: readonly FieldError[] };

/** The day a form's date field holds, whole (ISO, or the three boxes of a form posted back), else null. */
function dayIn(values: FormValues, name: string): string | null {
  const whole = values[name];
  if (typeof whole === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(whole)) return whole;
  const [d, m, y] = ['day', 'month', 'year'].map((p) => values[`${name}-${p}`]);
  if (typeof d !== 'string' || typeof m !== 'string' || typeof y !== 'string' || !/^\d{4}$/.test(y.trim())) return null;
  const iso = `${y.trim()}-${m.trim().padStart(2, '0')}-${d.trim().padStart(2, '0')}`;
  return /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(iso) ? iso : null;
}

/** The placement types offered: those of the return for the year of the day the form holds (all the record's without one). */
const placementTypesFor = (day: string | null) => (day ? placementTypesOn(day) : placementTypeCodes);

function placementForm(form: FormView, day: string | null) {
  return {
    placementType: form.select('placementType', 'Placement type', codeOptions(placementTypeLabels, placementTypesFor(day)), {
      blank: '',
    }),
    provider: form.select('provider', 'Placement provider', codeOptions(providerLabels, placementProviderCodes), { blank: 'Not recorded' }),
    providerName: form.input('providerName', 'Carer or provider', { hint: 'The foster carers, home or establishment' }),
    urn: form.input('urn', 'Ofsted URN', {
      hint: 'Ofsted’s unique reference number, where the provider is registered, such as SC123456',
      classes: 'govuk-input--width-10',
    }),
    placementPostcode: form.input('placementPostcode', 'Postcode of the placement', { classes: 'govuk-input--width-10' }),
    homePostcode: form.input('homePostcode', 'Postcode of the child’s home', {
      hint: 'Where the child lived before; distance from home is worked out from the two',
      classes: 'govuk-input--width-10',
    }),
    intendedToAge18: form.yesNo('intendedToAge18', 'Is the placement intended to last until the child is 18?'),
    visitRegime: form.radios(
      'visitRegime',
      'Visits',
      visitRegimes.map((v) => ({ value: v, text: visitRegimeLabels[v] })),
      { hint: 'How often the social worker visits (Care Planning, Placement and Case Review Regulations 2010, reg 28)' },
    ),
  };
}

const placementDefaults = { visitRegime: 'standard', intendedToAge18: 'no' };

export function becomeLookedAfterForm(child: ChildHeading, record: LookedAfterRecord, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['startDate']);
  const form = new FormView({ ...placementDefaults, ...opts.values }, errors);
  return {
    title: 'Record that the child became looked after',
    caption: caption(child),
    backLink: to.lookedAfterPath(child.id),
    action: to.becomeLookedAfterPath(child.id),
    errorList,
    alreadyLookedAfter: record.periods.some((p) => !p.endDate),
    startDate: form.date('startDate', 'Date the child became looked after'),
    legalStatus: form.select('legalStatus', 'Legal status', codeOptions(legalStatusLabels, legalStatusCodes), { blank: '' }),
    legalStatusHint: 'An agreed series of short breaks (V3 or V4) is recorded as short breaks under reg 48.',
    categoryOfNeed: form.select(
      'categoryOfNeed',
      'Category of need',
      codeOptions(Object.fromEntries(primaryNeedCodes.map((c) => [c.code, c.label])), categoryOfNeedCodes),
      { blank: '' },
    ),
    ...placementForm(form, dayIn({ ...placementDefaults, ...opts.values }, 'startDate')),
  };
}

export function legalStatusForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['changeDate']);
  const form = new FormView({ version: p.version, ...opts.values }, errors);
  return {
    title: 'Record a change of legal status',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.legalStatusPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: `The legal status now is ${coded(legalStatusLabels, p.legalStatus)}.`,
    changeDate: form.date('changeDate', 'Date the legal status changed'),
    legalStatus: form.select('legalStatus', 'New legal status', codeOptions(legalStatusLabels, legalStatusCodes), { blank: '' }),
    categoryOfNeed: form.select(
      'categoryOfNeed',
      'Category of need, if it changed',
      codeOptions(Object.fromEntries(primaryNeedCodes.map((c) => [c.code, c.label])), categoryOfNeedCodes),
      { blank: 'Unchanged' },
    ),
  };
}

/** The form to correct a saved episode, or null when the period has no such episode. */
export function correctEpisodeForm(child: ChildHeading, p: CarePeriodView, episodeId: string, opts: FormOpts) {
  const episode = p.episodes.find((e) => e.id === episodeId);
  if (!episode) return null;
  const { errorList, errors } = errorsOf(opts.errors, []);
  const form = new FormView(
    {
      legalStatus: episode.legalStatus,
      categoryOfNeed: episode.categoryOfNeed,
      placementType: episode.placementType,
      version: p.version,
      ...opts.values,
    },
    errors,
  );
  return {
    title: 'Correct an episode',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.correctEpisodePath(child.id, p.id, episode.id),
    errorList,
    version: form.value('version'),
    intro: `The episode that began on ${formatDate(episode.startDate)} (${coded(newEpisodeReasonLabels, episode.reasonNew)}). Correct what was recorded wrongly: a change that happened later is recorded as a change of legal status or a move instead. A legal status or category of need carried into the episodes after it that began with a move is corrected there too; the placement type is corrected for the whole placement.`,
    legalStatus: form.select('legalStatus', 'Legal status', codeOptions(legalStatusLabels, legalStatusCodes)),
    categoryOfNeed: form.select(
      'categoryOfNeed',
      'Category of need',
      codeOptions(Object.fromEntries(primaryNeedCodes.map((c) => [c.code, c.label])), categoryOfNeedCodes),
    ),
    placementType: form.select(
      'placementType',
      'Placement type',
      codeOptions(placementTypeLabels, placementTypesFor(p.placementList.find((pl) => pl.id === episode.placementId)?.startDate ?? null)),
    ),
  };
}

export function moveForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['moveDate']);
  const form = new FormView(
    { ...placementDefaults, homePostcode: p.placement?.homePostcode ?? '', version: p.version, ...opts.values },
    errors,
  );
  return {
    title: 'Record a move of placement',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.movePath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: p.placement ? `The placement now is ${placementText(p.placement)}, since ${formatDate(p.placement.startDate)}.` : '',
    moveDate: form.date('moveDate', 'Date of the move'),
    reasonForChange: form.select(
      'reasonForChange',
      'Reason for the change of placement',
      codeOptions(placementChangeReasonLabels, placementChangeReasonCodes),
      { blank: '' },
    ),
    sameCarers: form.yesNo('sameCarers', 'Do the carers stay the same?', { hint: 'For example, the same foster carers moving house' }),
    ...placementForm(form, dayIn(opts.values, 'moveDate')),
  };
}

export function ceaseForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['endDate']);
  const form = new FormView({ version: p.version, ...opts.values }, errors);
  return {
    title: 'Record that the child ceased to be looked after',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.ceasePath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: 'The placement in force ends on the same day.',
    endDate: form.date('endDate', 'Date the child ceased to be looked after'),
    reasonCeased: form.select(
      'reasonCeased',
      'Reason the child ceased to be looked after',
      codeOptions(reasonCeasedLabels, reasonCeasedCodes),
      { blank: '' },
    ),
  };
}

export function iroForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['appointedDate']);
  const form = new FormView({ iroName: p.iroName ?? '', version: p.version, ...opts.values }, errors);
  return {
    title: 'Independent reviewing officer',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.iroPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: p.iroName
      ? `${p.iroName} has been the independent reviewing officer since ${formatDate(p.iroAppointedDate)}.`
      : 'An independent reviewing officer is appointed within 5 working days of the child becoming looked after.',
    appointedDate: form.date('appointedDate', 'Date the IRO was appointed'),
    iroName: form.input('iroName', 'Independent reviewing officer'),
  };
}

export function reviewForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['reviewDate', 'decisionsCirculatedDate', 'recordCompletedDate']);
  const form = new FormView({ iroName: p.iroName ?? '', ...opts.values }, errors);
  return {
    title: 'Record a looked after review',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.newLookedAfterReviewPath(child.id, p.id),
    errorList,
    intro: `The child became looked after on ${formatDate(p.startDate)}; ${p.reviewList.length} review${p.reviewList.length === 1 ? '' : 's'} held since.`,
    reviewDate: form.date('reviewDate', 'Date of the review'),
    participation: form.radios('participation', 'How the child took part', codeOptions(participationLabels, participationCodes)),
    iroName: form.input('iroName', 'Independent reviewing officer who chaired the review'),
    decisionsCirculatedDate: form.date('decisionsCirculatedDate', 'Date the decisions were circulated', { hint: 'Leave blank if not yet' }),
    recordCompletedDate: form.date('recordCompletedDate', 'Date the review record was completed', { hint: 'Leave blank if not yet' }),
  };
}

export function reviewFollowUpForm(child: ChildHeading, p: CarePeriodView, reviewId: string, opts: FormOpts) {
  const review = p.reviewList.find((r) => r.id === reviewId);
  if (!review) return null;
  const { errorList, errors } = errorsOf(opts.errors, ['decisionsCirculatedDate', 'recordCompletedDate']);
  const form = new FormView(
    {
      decisionsCirculatedDate: review.decisionsCirculatedDate ?? '',
      recordCompletedDate: review.recordCompletedDate ?? '',
      version: p.version,
      ...opts.values,
    },
    errors,
  );
  return {
    title: 'Looked after review',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.lookedAfterReviewPath(child.id, p.id, review.id),
    errorList,
    version: form.value('version'),
    summary: {
      rows: [
        row('Date of the review', formatDate(review.reviewDate)),
        row('How the child took part', coded(participationLabels, review.participation)),
        row('Chaired by', review.iroName),
      ],
    },
    intro: 'The decisions are circulated within 5 working days of the review, and the full record completed within 20.',
    decisionsCirculatedDate: form.date('decisionsCirculatedDate', 'Date the decisions were circulated'),
    recordCompletedDate: form.date('recordCompletedDate', 'Date the review record was completed'),
  };
}

export function changePlacementForm(child: ChildHeading, p: CarePeriodView, opts: FormOpts) {
  const { errorList, errors } = errorsOf(opts.errors, ['changeDate']);
  const now = p.placement;
  const form = new FormView(
    {
      intendedToAge18: now?.intendedToAge18 ? 'yes' : 'no',
      visitRegime: now?.visitRegime ?? 'standard',
      version: p.version,
      ...opts.values,
    },
    errors,
  );
  return {
    title: 'Change the placement’s visits or intention',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.changePlacementPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: now ? `The placement now is ${placementText(now)}, since ${formatDate(now.startDate)}.` : '',
    changeDate: form.date('changeDate', 'Date of the change'),
    intendedToAge18: form.yesNo('intendedToAge18', 'Is the placement intended to last until the child is 18?', {
      hint: 'Once a placement meant to last until 18 is a year old, visits may be every 3 months (reg 28(2)(c))',
    }),
    visitRegime: form.radios(
      'visitRegime',
      'Visits',
      visitRegimes.map((v) => ({ value: v, text: visitRegimeLabels[v] })),
    ),
  };
}

// ── deprivation of liberty orders ────────────────────────────────────────────

const orderIntro =
  'A court’s order authorising the deprivation of the child’s liberty while looked after (the SSDA903’s DoLo table, collected from the 2026 to 2027 return). It lies within the period of care, and the child’s orders do not overlap.';

/** The form to record an order, or to correct one (null when the period has no such order). */
export function deprivationOfLibertyForm(child: ChildHeading, p: CarePeriodView, orderId: string | null, opts: FormOpts) {
  const order = orderId === null ? null : p.orderList.find((o) => o.id === orderId);
  if (order === undefined) return null;
  const { errorList, errors } = errorsOf(opts.errors, ['startDate', 'endDate']);
  const form = new FormView(
    { startDate: order?.startDate ?? '', endDate: order?.endDate ?? '', version: p.version, ...opts.values },
    errors,
  );
  return {
    title: order ? 'Correct a deprivation of liberty order' : 'Record a deprivation of liberty order',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: order ? to.deprivationOfLibertyPath(child.id, p.id, order.id) : to.newDeprivationOfLibertyPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    intro: order
      ? `The order that started on ${formatDate(order.startDate)}. Correct dates recorded wrongly; a blank end date means the order is still in force.`
      : orderIntro,
    startDate: form.date('startDate', 'Date the order started'),
    endDate: form.date('endDate', 'Date the order ended', {
      hint: p.endDate
        ? `On or before ${formatDate(p.endDate)}, when the child ceased to be looked after`
        : 'Leave blank if it is still in force',
    }),
  };
}

/** The form to record the day an open order ended, or null when the period has no such open order. */
export function endDeprivationOfLibertyForm(child: ChildHeading, p: CarePeriodView, orderId: string, opts: FormOpts) {
  const order = p.orderList.find((o) => o.id === orderId && o.endDate === null);
  if (!order) return null;
  const { errorList, errors } = errorsOf(opts.errors, ['endDate']);
  const form = new FormView({ version: p.version, ...opts.values }, errors);
  return {
    title: 'Record the end of a deprivation of liberty order',
    caption: caption(child),
    backLink: to.carePeriodPath(child.id, p.id),
    action: to.endDeprivationOfLibertyPath(child.id, p.id, order.id),
    errorList,
    version: form.value('version'),
    intro: `The order has been in force since ${formatDate(order.startDate)}.`,
    startDate: null,
    endDate: form.date('endDate', 'Date the order ended'),
  };
}

// ── independent reviewing officers' caseloads ────────────────────────────────

const childrenCount = (n: number) => `${n} ${n === 1 ? 'child' : 'children'}`;

/** Each IRO with the children looked after today they review, each number linking to those children. */
export function iroCaseloadsPage(found: { iros: readonly IroCaseload[]; notAppointed: number }) {
  const total = found.iros.reduce((s, i) => s + i.children, 0);
  const average = found.iros.length > 0 ? Math.round(total / found.iros.length) : 0;
  return {
    title: 'Independent reviewing officers’ caseloads',
    summary:
      found.iros.length === 0
        ? 'No child looked after today has an independent reviewing officer recorded.'
        : `${childrenCount(total)} looked after today, reviewed by ${found.iros.length} independent reviewing ${found.iros.length === 1 ? 'officer' : 'officers'}: ${average} each on average.`,
    rows: found.iros.map((i) => [
      { text: i.iroName },
      { html: link(to.iroChildrenPath(i.iroName), i.children, `looked after children reviewed by ${i.iroName}`), format: 'numeric' },
    ]),
    notAppointed:
      found.notAppointed > 0
        ? {
            text: `${childrenCount(found.notAppointed)} looked after today with no independent reviewing officer recorded`,
            href: to.iroChildrenPath(null),
          }
        : null,
  };
}

/** The children an IRO reviews; a child the viewer may not open is a restricted record, never named. */
export function iroChildrenPage(iroName: string | null, children: readonly IroChild[], restricted: ReadonlyMap<string, RestrictedRecord>) {
  return {
    title: iroName === null ? 'Looked after children with no independent reviewing officer recorded' : `Children reviewed by ${iroName}`,
    count: childrenCount(children.length),
    backLink: to.iroCaseloadsPath(),
    head: [{ text: 'Child' }, { text: 'Looked after since' }, { text: 'Placement' }, { text: 'Last review' }],
    rows: children.map((c) => {
      const r = restricted.get(c.childId);
      return [
        { html: childCell(r ? { restricted: r } : c) },
        { text: formatDate(c.startDate) },
        { text: r ? '' : coded(placementTypeLabels, c.placementType) },
        { text: c.lastReview ? formatDate(c.lastReview) : 'None yet' },
      ];
    }),
  };
}
