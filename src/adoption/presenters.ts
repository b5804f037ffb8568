/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label and
 * every choice a page shows is decided here, table rows included; a link or a tag in a cell is
 * built with core's html builders, which escape every value. Forms are lists of fields, each
 * with the macro that draws it (views/form.njk).
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { reasonCeasedLabels } from '../children/codes.js';
import { formatDate as formatIsoDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { link, tag } from '../core/views/html.js';
import { daysText } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import * as to from './paths.js';
import {
  type AdopterStageDue,
  type adopterStages,
  ageBands,
  type HouseholdView,
  isWaitingAdopter,
  type LatestCarePeriod,
  type AmendmentView,
  type JourneyView,
  type PanelReportView,
  type PlacementEndingView,
  type PreviousPermanenceView,
  type ReviewView,
  type ScoreChild,
  type Scorecard,
} from './queries.js';
import {
  adoptionReasonsCeased,
  adopterEndReasons,
  adopterLegalStatuses,
  adopterSexes,
  authorityBases,
  earlyPermanenceKinds,
  ethnicGroups,
  placementEndReasons,
  planChangeReasons,
  previousPermanenceCodes,
} from './schema.js';
import { journeyOfEpisode } from './facts.js';

export const earlyPermanenceLabels: Record<string, string> = {
  foster_to_adopt: 'Foster to adopt (fostering for adoption)',
  concurrent_planning: 'Concurrent planning',
};
export const authorityBasisLabels: Record<string, string> = {
  placement_order: 'Placement order',
  consent: 'Parents’ consent to placement for adoption',
};
/** SSDA903 REASON_PLACED_CEASED. */
export const planChangeReasonLabels: Record<string, string> = {
  RD1: 'The child’s needs changed after the decision',
  RD2: 'The court did not make a placement order',
  RD3: 'Prospective adopters could not be found',
  RD4: 'Another reason',
};
/** SSDA903 SEX_ADOPTR. */
export const adopterSexLabels: Record<string, string> = {
  M1: 'One man',
  F1: 'One woman',
  MM: 'Two men',
  FF: 'Two women',
  MF: 'A man and a woman',
};
/** SSDA903 LS_ADOPTR. */
export const legalStatusLabels: Record<string, string> = {
  L0: 'A single adopter',
  L11: 'A married couple of different sexes',
  L12: 'A married couple of the same sex',
  L2: 'Civil partners',
  L3: 'An unmarried couple of different sexes',
  L4: 'An unmarried couple of the same sex',
};
export const ethnicGroupLabels: Record<string, string> = {
  white: 'White',
  mixed: 'Mixed or multiple ethnic groups',
  asian: 'Asian or Asian British',
  black: 'Black, African, Caribbean or Black British',
  other: 'Another ethnic group',
  not_known: 'Not known',
};
export const placementEndReasonLabels: Record<string, string> = {
  returned_by_adopters: 'The prospective adopters returned the child to the agency',
  removed_by_agency: 'The agency decided the child should leave the placement',
  other: 'Another reason',
};
export const adopterEndReasonLabels: Record<string, string> = {
  withdrew: 'The household withdrew',
  not_suitable: 'Found not suitable',
  approval_ended: 'The approval ended',
};
/** SSDA903 PREV_PERM. */
export const previousPermanenceLabels: Record<string, string> = {
  P1: 'Adopted',
  P2: 'A special guardianship order',
  P3: 'A child arrangements order (or a residence order)',
  P4: 'Permanence arranged, but which order is not known',
  Z1: 'No previous permanence',
};

/** What the child had before coming into care, in a sentence. */
export function previousPermanenceText(p: PreviousPermanenceView | null): string {
  if (!p) return 'Not recorded';
  const parts = [`${labelOf(previousPermanenceLabels, p.code)} (${p.code})`];
  if (p.arrangedBy) parts.push(`arranged by ${p.arrangedBy}`);
  if (p.madeOn) parts.push(`made ${formatDate(p.madeOn)}`);
  return parts.join(', ');
}

const ageBandLabels: Record<string, string> = { under_1: 'Under 1', '1_to_4': '1 to 4', '5_and_over': '5 and over' };

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d.slice(0, 10)) : '');
const labelOf = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : '');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const options = (labels: Record<string, string>, keys: readonly string[]): Option[] => keys.map((k) => ({ value: k, text: labels[k]! }));
const codeOptions = (labels: Record<string, string>, keys: readonly string[]): Option[] =>
  keys.map((k) => ({ value: k, text: `${labels[k]} (${k})` }));

/** Where a journey stands, in a sentence. */
export function stageText(j: JourneyView): string {
  if (j.adoptionOrderOn) return `Adopted: adoption order made ${formatDate(j.adoptionOrderOn)}`;
  if (j.planChangedOn)
    return `The plan changed away from adoption on ${formatDate(j.planChangedOn)}: ${lowerFirst(labelOf(planChangeReasonLabels, j.planChangeReason))}`;
  if (j.placedOn) return `Placed for adoption with ${j.adopterName ?? 'the adopters'} since ${formatDate(j.placedOn)}`;
  if (j.matchedOn) return `Matched with ${j.adopterName ?? 'adopters'} on ${formatDate(j.matchedOn)}, not yet placed`;
  if (j.authorityOn)
    return `Waiting for a match: ${lowerFirst(labelOf(authorityBasisLabels, j.authorityBasis))} ${formatDate(j.authorityOn)}`;
  return `Should be placed for adoption (decided ${formatDate(j.decidedOn)}); no authority to place yet`;
}

/** The next step of an open journey: its words and its page. */
function nextStep(childId: string, j: JourneyView): { text: string; href: string } | null {
  if (j.adoptionOrderOn || j.planChangedOn) return null;
  if (!j.authorityOn) return { text: 'Record the placement order or consent', href: to.authorityPath(childId, j.id) };
  if (!j.matchedOn) return { text: 'Record the match', href: to.matchPath(childId, j.id) };
  if (!j.placedOn) return { text: 'Record the placement for adoption', href: to.placementPath(childId, j.id) };
  return { text: 'Record the adoption order', href: to.orderPath(childId, j.id) };
}

function nextDue(obligations: readonly ObligationView[]) {
  const next = obligations.filter(outstanding)[0];
  return next
    ? {
        text: next.ruleName,
        explanation: next.explanation,
        due: formatDate(next.due),
        tag: { text: statusLabels[next.status].text, classes: `govuk-tag--${statusLabels[next.status].colour}` },
      }
    : null;
}

// ── the child's record: the adoption section ─────────────────────────────────

/** What the child's record shows about adoption, for a child who has had an adoption plan. */
export function recordSection(childId: string, journeys: readonly JourneyView[], obligations: readonly ObligationView[]) {
  const current = journeys.find((j) => !j.adoptionOrderOn && !j.planChangedOn);
  const shown = current ?? journeys[0];
  const links: { text: string; href: string }[] = [];
  if (current) {
    links.push({ text: 'Open the adoption journey', href: to.journeyPath(childId, current.id) });
    const step = nextStep(childId, current);
    if (step) links.push(step);
  } else links.push({ text: 'Record a decision that the child should be placed for adoption', href: to.newJourneyPath(childId) });
  return {
    status: shown ? stageText(shown) : 'No adoption plan recorded',
    next: current ? nextDue(obligations) : null,
    links,
    overview: to.adoptionPath(childId),
  };
}

// ── the child's adoption: every journey and review ───────────────────────────

export function overviewPage(
  child: ChildHeading,
  journeys: readonly JourneyView[],
  obligations: readonly ObligationView[],
  previous: PreviousPermanenceView | null,
) {
  const section = recordSection(child.id, journeys, obligations);
  return {
    previousPermanence: previousPermanenceText(previous),
    previousPermanenceLink: {
      text: previous ? 'Change the previous permanence' : 'Record the previous permanence',
      href: to.previousPermanencePath(child.id),
    },
    title: 'Adoption',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    status: section.status,
    links: section.links,
    journeyRows: journeys.map((j) => [
      { html: link(to.journeyPath(child.id, j.id), formatDate(j.decidedOn), 'adoption plan decided on') },
      { text: stageText(j) },
    ]),
  };
}

/** The reviews and visits the clock asks for under the journey's authority and placement. */
export function obligationRows(obligations: readonly ObligationView[]) {
  return [...obligations]
    .sort((x, y) => x.due.localeCompare(y.due))
    .map((o) => [
      { text: o.ruleName },
      { text: formatDate(o.due) },
      { text: o.done ? formatDate(o.done) : 'Not yet' },
      { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
      { text: daysText(o) },
    ]);
}

export function journeyPage(
  child: ChildHeading,
  j: JourneyView,
  reviews: readonly ReviewView[],
  obligations: readonly ObligationView[],
  endings: readonly PlacementEndingView[],
) {
  const isOpen = !j.adoptionOrderOn && !j.planChangedOn;
  const step = nextStep(child.id, j);
  return {
    title: 'Adoption journey',
    caption: caption(child),
    backLink: to.adoptionPath(child.id),
    status: stageText(j),
    summary: {
      rows: [
        row('Decision that the child should be placed for adoption', formatDate(j.decidedOn)),
        row('Early permanence', j.earlyPermanence ? labelOf(earlyPermanenceLabels, j.earlyPermanence) : 'None'),
        row('Brothers and sisters to be placed with the child', String(j.siblingsToPlaceWith)),
        row(
          'Authority to place',
          j.authorityOn ? `${labelOf(authorityBasisLabels, j.authorityBasis)}, ${formatDate(j.authorityOn)}` : 'Not yet',
        ),
        row('Panel recommended the match', j.matchPanelOn ? formatDate(j.matchPanelOn) : j.matchedOn ? 'Not taken to panel' : 'Not yet'),
        row('Match decided', j.matchedOn ? `${formatDate(j.matchedOn)}, with ${j.adopterName}` : 'Not yet'),
        row('Moved in with the adopters', j.movedInOn ? formatDate(j.movedInOn) : j.placedOn ? 'On the day of the placement' : 'Not yet'),
        row('Placed for adoption', j.placedOn ? formatDate(j.placedOn) : 'Not yet'),
        row('Adopted by their foster carers', j.placedOn ? (j.fosterCarerAdoption ? 'Yes' : 'No') : 'Not yet known'),
        row('Adoption order', j.adoptionOrderOn ? formatDate(j.adoptionOrderOn) : 'Not yet'),
        ...(j.adoptionOrderOn
          ? [
              row(
                'Period of care',
                j.careEndedReason
                  ? `Ended ${formatDate(j.adoptionOrderOn)}: ${labelOf(reasonCeasedLabels, j.careEndedReason)} (${j.careEndedReason})`
                  : 'No period of care is recorded as ending on the day of the order',
              ),
            ]
          : []),
        ...(j.planChangedOn
          ? [
              row(
                'Plan changed away from adoption',
                `${formatDate(j.planChangedOn)}: ${labelOf(planChangeReasonLabels, j.planChangeReason)}${j.planChangeDetail ? `. ${j.planChangeDetail}` : ''}`,
              ),
            ]
          : []),
      ],
    },
    links: [
      ...(step ? [step] : []),
      ...(isOpen && j.authorityOn ? [{ text: 'Record an adoption review', href: to.newReviewPath(child.id, j.id) }] : []),
      ...(isOpen && j.placedOn ? [{ text: 'Record a visit', href: to.newAdoptionVisitPath(child.id) }] : []),
      ...(isOpen && j.placedOn
        ? [{ text: 'Record that the placement ended without an adoption order', href: to.placementEndPath(child.id, j.id) }]
        : []),
      { text: 'Record a report to the adoption and permanence panel', href: to.journeyPanelPath(child.id, j.id) },
      ...(isOpen ? [{ text: 'Record that the plan changed away from adoption', href: to.planChangePath(child.id, j.id) }] : []),
    ],
    reviewRows: reviews
      .filter((r) => r.journeyId === j.id)
      .map((r) => [{ text: formatDate(r.heldOn) }, { text: r.visitIntervalWeeks ? `Every ${r.visitIntervalWeeks} weeks` : 'Not set' }]),
    obligationRows: obligationRows(obligations.filter((o) => o.episode === null || journeyOfEpisode(o.episode) === j.id)),
    endingRows: endings
      .filter((e) => e.journeyId === j.id)
      .map((e) => [
        { text: e.adopterName },
        { text: formatDate(e.placedOn) },
        { text: formatDate(e.endedOn) },
        { text: `${labelOf(placementEndReasonLabels, e.reason)}${e.detail ? `: ${e.detail}` : ''}` },
      ]),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

type Field = { kind: 'date' | 'radios' | 'input' | 'textarea' | 'select'; params: unknown };
const date = (form: FormView, name: string, legend: string, hint?: string): Field => ({
  kind: 'date',
  params: form.date(name, legend, hint ? { hint } : {}),
});
const radios = (form: FormView, name: string, legend: string, opts: readonly Option[], hint?: string): Field => ({
  kind: 'radios',
  params: form.radios(name, legend, opts, hint ? { hint } : {}),
});
const input = (form: FormView, name: string, label: string, hint?: string): Field => ({
  kind: 'input',
  params: form.input(name, label, { classes: 'govuk-input--width-4', ...(hint ? { hint } : {}) }),
});

interface FormOpts {
  values?: FormValues;
  errors?: readonly FieldError[];
  today: string;
}

function journeyForm(
  child: ChildHeading,
  opts: FormOpts,
  spec: { title: string; action: string; back: string; dates: string[]; submit: string; saved: FormValues; intro?: string },
  fields: (form: FormView) => Field[],
) {
  const { errorList, errors } = errorsOf(opts.errors, spec.dates);
  const form = new FormView({ ...spec.saved, ...(opts.values ?? {}) }, errors);
  return {
    title: spec.title,
    caption: caption(child),
    backLink: spec.back,
    action: spec.action,
    errorList,
    intro: spec.intro ?? null,
    version: form.value('version') || null,
    submit: spec.submit,
    fields: fields(form),
  };
}

export function decisionForm(child: ChildHeading, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record the decision that the child should be placed for adoption',
      action: to.newJourneyPath(child.id),
      back: to.adoptionPath(child.id),
      dates: ['decidedOn'],
      submit: 'Save the decision',
      saved: { decidedOn: opts.today, siblingsToPlaceWith: '0' },
    },
    (form) => [
      date(form, 'decidedOn', 'Date of the agency decision maker’s decision'),
      radios(form, 'earlyPermanence', 'Early permanence (optional)', options(earlyPermanenceLabels, earlyPermanenceKinds)),
      input(
        form,
        'siblingsToPlaceWith',
        'Number of brothers and sisters to be placed with the child',
        'Enter 0 if the child is to be placed alone',
      ),
    ],
  );
}

const journeyBack = (child: ChildHeading, j: JourneyView) => to.journeyPath(child.id, j.id);

export function authorityForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record the authority to place',
      action: to.authorityPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['authorityOn'],
      submit: 'Save',
      saved: { authorityOn: j.authorityOn ?? opts.today, authorityBasis: j.authorityBasis ?? 'placement_order', version: j.version },
      intro: `Adoption plan decided ${formatDate(j.decidedOn)}. The first adoption review is due within 3 months of the authority (AAR 2005 reg 36).`,
    },
    (form) => [
      date(form, 'authorityOn', 'Date the agency had authority to place', 'The day the placement order was made, or consent given'),
      radios(form, 'authorityBasis', 'How the agency has authority to place', options(authorityBasisLabels, authorityBases)),
    ],
  );
}

export function matchForm(child: ChildHeading, j: JourneyView, households: readonly HouseholdView[], opts: FormOpts) {
  const offered = households.filter((h) => isWaitingAdopter(h) || h.id === j.adopterId);
  return journeyForm(
    child,
    opts,
    {
      title: 'Record the match',
      action: to.matchPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['matchPanelOn', 'matchedOn'],
      submit: 'Save the match',
      saved: { matchPanelOn: j.matchPanelOn ?? '', matchedOn: j.matchedOn ?? opts.today, adopterId: j.adopterId ?? '', version: j.version },
    },
    (form) => [
      {
        kind: 'select',
        params: form.select(
          'adopterId',
          'The adopters',
          offered.map((h) => ({
            value: h.id,
            text: `${h.name}: approved ${formatDate(h.approvedOn)}, ${ethnicGroupLabels[h.ethnicGroup]}, ages ${h.ageFrom} to ${h.ageTo}, up to ${h.maxChildren} ${h.maxChildren === 1 ? 'child' : 'children'}`,
          })),
          { blank: 'Select approved adopters' },
        ),
      },
      date(form, 'matchPanelOn', 'Date the panel recommended the match (optional)'),
      date(form, 'matchedOn', 'Date the agency decision maker decided the match'),
    ],
  );
}

export function placementForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record the placement for adoption',
      action: to.placementPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['placedOn', 'movedInOn'],
      submit: 'Save the placement',
      saved: { placedOn: opts.today, fosterCarerAdoption: '', movedInOn: '', version: j.version },
      intro: `Matched with ${j.adopterName} on ${formatDate(j.matchedOn)}. The child is to be visited within a week, and the first review held within 4 weeks.`,
    },
    (form) => [
      date(form, 'placedOn', 'Date the child was placed for adoption'),
      { kind: 'radios', params: form.yesNo('fosterCarerAdoption', 'The adopters are the child’s foster carers') },
      date(
        form,
        'movedInOn',
        'Date the child moved in with the adopters (optional)',
        'Only when it was before the placement: foster carers who adopt, or foster to adopt. Scorecard measure A10 counts to this day',
      ),
    ],
  );
}

/** What recording the order does to the period of care, so the worker knows before saving. */
function orderEndsCare(period: LatestCarePeriod | null): string {
  if (!period)
    return 'No period of care is recorded for the child. The adoption order ends the period of care: record the period on the looked after record first.';
  if (period.endDate)
    return `The child’s last period of care ended on ${formatDate(period.endDate)} (${labelOf(reasonCeasedLabels, period.reasonCeased)}). The adoption order ends an open period of care, or one that ended by adoption on the day of the order.`;
  return `Saving the order also ends the child’s period of care, begun ${formatDate(period.startDate)}, on the day of the order, with the reason you choose below, and the placement in force with it.`;
}

export function orderForm(child: ChildHeading, j: JourneyView, period: LatestCarePeriod | null, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record the adoption order',
      action: to.orderPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['adoptionOrderOn'],
      submit: 'Save the adoption order',
      saved: { adoptionOrderOn: opts.today, version: j.version },
      intro: `Placed with ${j.adopterName} on ${formatDate(j.placedOn)}. ${orderEndsCare(period)}`,
    },
    (form) => [
      date(form, 'adoptionOrderOn', 'Date the adoption order was made'),
      radios(
        form,
        'reasonCeased',
        'Whether the application was unopposed or the parents’ consent dispensed with',
        codeOptions(reasonCeasedLabels, adoptionReasonsCeased),
        'The reason the child ceased to be looked after, as the SSDA903 records it',
      ),
    ],
  );
}

export function placementEndForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record that the placement ended without an adoption order',
      action: to.placementEndPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['placementEndedOn'],
      submit: 'Save the end of the placement',
      saved: { placementEndedOn: opts.today, version: j.version },
      intro: `Placed with ${j.adopterName} on ${formatDate(j.placedOn)}. The placement is kept on the journey with its end; the plan stays adoption and the child is counted as waiting again, to be matched anew. If the plan is no longer adoption, record the change of plan as well. Record the child’s new placement on the looked after record.`,
    },
    (form) => [
      date(form, 'placementEndedOn', 'Date the placement ended'),
      radios(form, 'placementEndReason', 'Why the placement ended', options(placementEndReasonLabels, placementEndReasons)),
      {
        kind: 'textarea',
        params: form.textarea('placementEndDetail', 'What happened', { rows: 3, hint: 'Required for another reason' }),
      },
    ],
  );
}

export function planChangeForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record that the plan changed away from adoption',
      action: to.planChangePath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['planChangedOn'],
      submit: 'Save the change of plan',
      saved: { planChangedOn: opts.today, version: j.version },
    },
    (form) => [
      date(form, 'planChangedOn', 'Date the decision to place for adoption was reversed'),
      radios(form, 'planChangeReason', 'Why the plan changed', codeOptions(planChangeReasonLabels, planChangeReasons)),
      {
        kind: 'textarea',
        params: form.textarea('planChangeDetail', 'What the plan is now', { rows: 3, hint: 'Required for another reason' }),
      },
    ],
  );
}

export function reviewForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record an adoption review',
      action: to.newReviewPath(child.id, j.id),
      back: journeyBack(child, j),
      dates: ['heldOn'],
      submit: 'Save the review',
      saved: { heldOn: opts.today },
    },
    (form) => [
      date(form, 'heldOn', 'Date the review was held'),
      input(
        form,
        'visitIntervalWeeks',
        'Weeks between visits the review set (optional)',
        'Once the child is placed: how often the child and adopters are to be visited',
      ),
    ],
  );
}

export function previousPermanenceForm(child: ChildHeading, previous: PreviousPermanenceView | null, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Permanence before coming into care',
      action: to.previousPermanencePath(child.id),
      back: to.adoptionPath(child.id),
      dates: ['madeOn'],
      submit: 'Save',
      saved: previous
        ? { code: previous.code, arrangedBy: previous.arrangedBy ?? '', madeOn: previous.madeOn ?? '', version: previous.version }
        : {},
      intro:
        'Whether the child was adopted, or under a special guardianship or child arrangements order, before coming into care (the SSDA903 PrevPerm table).',
    },
    (form) => [
      radios(
        form,
        'code',
        'The permanence the child had before coming into care',
        codeOptions(previousPermanenceLabels, previousPermanenceCodes),
      ),
      { kind: 'input', params: form.input('arrangedBy', 'The authority that arranged it (optional)') },
      date(form, 'madeOn', 'Date the order was made (optional)'),
    ],
  );
}

// ── adopters ─────────────────────────────────────────────────────────────────

/** Where a household stands in the approval process, in a few words. */
export function householdStage(h: HouseholdView): string {
  if (h.endedOn) return `${labelOf(adopterEndReasonLabels, h.endReason)} ${formatDate(h.endedOn)}`;
  if (h.matchedChildId) return 'Matched';
  if (h.approvedOn) return `Approved ${formatDate(h.approvedOn)}, waiting`;
  if (h.stageTwoStartedOn) return `Stage two since ${formatDate(h.stageTwoStartedOn)}`;
  if (h.stageOneCompletedOn) return `Stage one completed ${formatDate(h.stageOneCompletedOn)}`;
  if (h.registrationAcceptedOn) return `Stage one since ${formatDate(h.registrationAcceptedOn)}`;
  return `Enquiry ${formatDate(h.enquiryOn)}`;
}

const careFor = (h: HouseholdView) =>
  `Ages ${h.ageFrom} to ${h.ageTo}, up to ${h.maxChildren} ${h.maxChildren === 1 ? 'child' : 'children (brothers and sisters together)'}`;

export function adoptersPage(list: readonly HouseholdView[]) {
  return {
    title: 'Adopters',
    backLink: to.adoptionScorecardPath(),
    links: [{ text: 'Record an enquiry from prospective adopters', href: to.newAdopterPath() }],
    rows: list.map((h) => [
      { html: link(to.adopterPath(h.id), h.name) },
      { text: householdStage(h) },
      { text: labelOf(ethnicGroupLabels, h.ethnicGroup) },
      { text: careFor(h) },
    ]),
  };
}

const stageNames: Record<string, string> = {
  'adopter-stage-one': 'Stage one: within 2 months of the registration of interest',
  'adopter-stage-two': 'Stage two: the decision within 4 months of asking to start it',
};

export function adopterPage(h: HouseholdView, stages: ReturnType<typeof adopterStages>) {
  return {
    title: h.name,
    backLink: to.adoptersPath(),
    status: householdStage(h),
    summary: {
      rows: [
        row('Adopters', `${h.numberOfAdopters}: ${labelOf(adopterSexLabels, h.sexes)} (${h.sexes})`),
        row('Legal status', `${labelOf(legalStatusLabels, h.legalStatus)} (${h.legalStatus})`),
        row('Ethnic group', labelOf(ethnicGroupLabels, h.ethnicGroup)),
        row('Could care for', careFor(h)),
        row('Enquiry', formatDate(h.enquiryOn)),
        row('Registration of interest accepted', formatDate(h.registrationAcceptedOn) || 'Not yet'),
        row('Stage one completed', formatDate(h.stageOneCompletedOn) || 'Not yet'),
        row('Asked to start stage two', formatDate(h.stageTwoStartedOn) || 'Not yet'),
        row('Approved', formatDate(h.approvedOn) || 'Not yet'),
        ...(h.endedOn ? [row('Ended', `${formatDate(h.endedOn)}: ${labelOf(adopterEndReasonLabels, h.endReason)}`)] : []),
      ],
    },
    links: [
      { text: 'Record the stages', href: to.adopterStagesPath(h.id) },
      { text: 'Record a report to the adoption and permanence panel', href: to.adopterPanelPath(h.id) },
      ...(h.endedOn ? [] : [{ text: h.approvedOn ? 'End the approval' : 'End the approval process', href: to.adopterEndPath(h.id) }]),
    ],
    stageRows: stages.map((o) => [
      { text: stageNames[o.ruleId] ?? o.ruleId },
      { text: formatDate(o.dueAt.slice(0, 10)) },
      { text: o.doneAt ? formatDate(o.doneAt.slice(0, 10)) : 'Not yet' },
      { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
    ]),
  };
}

function adopterForm(
  opts: FormOpts,
  spec: { title: string; action: string; back: string; dates: string[]; submit: string; saved: FormValues },
  fields: (form: FormView) => Field[],
) {
  const { errorList, errors } = errorsOf(opts.errors, spec.dates);
  const form = new FormView({ ...spec.saved, ...(opts.values ?? {}) }, errors);
  return {
    title: spec.title,
    caption: null,
    backLink: spec.back,
    action: spec.action,
    errorList,
    intro: null,
    version: form.value('version') || null,
    submit: spec.submit,
    fields: fields(form),
  };
}

export function enquiryForm(opts: FormOpts) {
  return adopterForm(
    opts,
    {
      title: 'Record an enquiry from prospective adopters',
      action: to.newAdopterPath(),
      back: to.adoptersPath(),
      dates: ['enquiryOn'],
      submit: 'Save the enquiry',
      saved: { enquiryOn: opts.today, maxChildren: '1', ageFrom: '0', ageTo: '4' },
    },
    (form) => [
      { kind: 'input', params: form.input('name', 'The household’s name', { hint: 'How the agency names the household' }) },
      date(form, 'enquiryOn', 'Date of the enquiry'),
      radios(form, 'numberOfAdopters', 'Number of adopters', [
        { value: '1', text: 'One' },
        { value: '2', text: 'Two' },
      ]),
      radios(form, 'sexes', 'The adopters’ sexes', codeOptions(adopterSexLabels, adopterSexes)),
      radios(form, 'legalStatus', 'The adopters’ legal status', codeOptions(legalStatusLabels, adopterLegalStatuses)),
      radios(form, 'ethnicGroup', 'The household’s ethnic group', options(ethnicGroupLabels, ethnicGroups)),
      input(form, 'maxChildren', 'Most children the household could care for', 'More than 1: brothers and sisters together'),
      input(form, 'ageFrom', 'Youngest age, in years'),
      input(form, 'ageTo', 'Oldest age, in years'),
    ],
  );
}

export function stagesForm(h: HouseholdView, opts: FormOpts) {
  return adopterForm(
    opts,
    {
      title: `Approval stages: ${h.name}`,
      action: to.adopterStagesPath(h.id),
      back: to.adopterPath(h.id),
      dates: ['registrationAcceptedOn', 'stageOneCompletedOn', 'stageTwoStartedOn', 'approvedOn'],
      submit: 'Save the stages',
      saved: {
        registrationAcceptedOn: h.registrationAcceptedOn ?? '',
        stageOneCompletedOn: h.stageOneCompletedOn ?? '',
        stageTwoStartedOn: h.stageTwoStartedOn ?? '',
        approvedOn: h.approvedOn ?? '',
        version: h.version,
      },
    },
    (form) => [
      date(form, 'registrationAcceptedOn', 'Date the registration of interest was accepted', 'Stage one begins'),
      date(form, 'stageOneCompletedOn', 'Date stage one was completed'),
      date(form, 'stageTwoStartedOn', 'Date the household asked to start stage two'),
      date(form, 'approvedOn', 'Date of the decision to approve'),
    ],
  );
}

export function adopterEndForm(h: HouseholdView, opts: FormOpts) {
  return adopterForm(
    opts,
    {
      title: `End: ${h.name}`,
      action: to.adopterEndPath(h.id),
      back: to.adopterPath(h.id),
      dates: ['endedOn'],
      submit: 'Save',
      saved: { endedOn: opts.today, version: h.version },
    },
    (form) => [
      date(form, 'endedOn', 'Date the process or approval ended'),
      radios(form, 'endReason', 'Why it ended', options(adopterEndReasonLabels, adopterEndReasons)),
    ],
  );
}

// ── the scorecard ────────────────────────────────────────────────────────────

const listTitles: Record<string, string> = {
  adopted: 'Adopted in the last 3 years',
  waiting: 'Children waiting: authority to place, not yet placed',
  waiting_for_order: 'Adoption plan, no authority to place yet',
  plan_changed: 'Plans changed away from adoption in the last 12 months',
  decided: 'Adoption plans decided in the last 12 months',
  'waiting.siblings': 'Children waiting to be placed with brothers or sisters',
  special_guardianship: 'Left care on a special guardianship order in the last 12 months',
  child_arrangements: 'Left care on a child arrangements order in the last 12 months',
};

export function listTitle(key: string): string | null {
  if (listTitles[key]) return listTitles[key]!;
  const [, kind, value] = key.split('.');
  if (kind === 'ethnicity' && value && ethnicGroupLabels[value]) return `Children waiting: ${ethnicGroupLabels[value]}`;
  if (kind === 'age' && value && ageBandLabels[value]) return `Children waiting aged ${lowerFirst(ageBandLabels[value]!)}`;
  return null;
}

const childCell = (c: { restricted: boolean; childId: string; childName: string }, href: string) =>
  c.restricted ? { text: 'Restricted record' } : { html: link(href, c.childName) };
const daysCell = (d: number | null) => ({ text: d === null ? 'Not recorded' : String(d), format: 'numeric' });

/** The households' stage deadlines still owed, each linked to its household. */
export function adopterStageRows(due: readonly AdopterStageDue[]) {
  return due.map((d) => [
    { html: link(to.adopterPath(d.household.id), d.household.name) },
    { text: stageNames[d.ruleId] ?? d.ruleId },
    { text: formatDate(d.dueOn) },
    { html: tag(statusLabels[d.status].text, statusLabels[d.status].colour) },
  ]);
}

export function scorecardPage(s: Scorecard, chosen: string | null, stagesDue: readonly AdopterStageDue[]) {
  const count = (key: string, n: number) => ({ html: link(to.adoptionListPath(key), n, listTitle(key) ?? key), format: 'numeric' });
  const measure = (days: number | null, of: number, notCounted = 0) =>
    days === null
      ? 'No child adopted in the 3 years has the dates recorded'
      : `${days} days (average of ${of} ${of === 1 ? 'child' : 'children'}${notCounted ? `; ${notCounted} with no period of care recorded not counted` : ''})`;
  const waitingAdopters = s.waitingAdopters;
  const groups = [...ethnicGroups, 'not_known'] as const;
  const exits = (key: 'special_guardianship' | 'child_arrangements') => s.exits[key];
  let chosenList = null;
  if (chosen && (chosen === 'special_guardianship' || chosen === 'child_arrangements')) {
    chosenList = {
      caption: listTitles[chosen]!,
      head: [{ text: 'Child' }, { text: 'Left care' }, { text: 'Reason' }],
      rows: exits(chosen).map((e) => [
        childCell(e, to.childRecordPath(e.childId)),
        { text: formatDate(e.endDate) },
        { text: `${labelOf(reasonCeasedLabels, e.reasonCeased)} (${e.reasonCeased})` },
      ]),
    };
  } else if (chosen && s.lists[chosen]) {
    chosenList = {
      caption: listTitle(chosen) ?? chosen,
      head: [
        { text: 'Child' },
        { text: 'Entered care' },
        { text: 'Decision' },
        { text: 'Authority to place' },
        { text: 'Matched' },
        { text: 'Placed' },
        { text: 'Days waiting', format: 'numeric' },
        { text: 'A1 days', format: 'numeric' },
      ],
      rows: s.lists[chosen]!.map((c: ScoreChild) => [
        childCell(c, to.journeyPath(c.childId, c.id)),
        { text: formatDate(c.enteredCareOn) || 'Not recorded' },
        { text: formatDate(c.decidedOn) },
        { text: formatDate(c.authorityOn) || 'Not yet' },
        { text: formatDate(c.matchedOn) || 'Not yet' },
        { text: formatDate(c.placedOn) || 'Not yet' },
        c.waitingDays === null ? { text: '', format: 'numeric' } : daysCell(c.waitingDays),
        c.placedOn ? daysCell(c.a1) : { text: '', format: 'numeric' },
      ]),
    };
  }
  return {
    title: 'Adoption scorecard',
    intro: `Worked out from the record on ${formatDate(s.today)}. The adoption measures are averages over the children adopted in the 3 years from ${formatDate(s.threeYearsFrom)}, as DfE’s scorecard is.`,
    links: [
      { text: 'Adopters', href: to.adoptersPath() },
      { text: 'Reports to the adoption and permanence panel', href: to.panelPath() },
    ],
    measures: [
      [
        { text: 'A1' },
        {
          text: 'Average days from entering care to moving in with the adoptive family (the placement for adoption), for children adopted',
        },
        { text: measure(s.a1.days, s.a1.of, s.a1.notCounted) },
        count('adopted', s.lists.adopted!.length),
      ],
      [
        { text: 'A2' },
        {
          text: 'Average days from the authority to place (the placement order) to the agency’s decision on a match, for children adopted; 0 when matched before the order',
        },
        { text: measure(s.a2.days, s.a2.of) },
        count('adopted', s.lists.adopted!.length),
      ],
      [
        { text: 'A10' },
        {
          text: 'As A1, but for a child adopted by their foster carers, or placed early with the carers who adopt them, counted to the day the child moved in with those carers',
        },
        { text: measure(s.a10.days, s.a10.of, s.a10.notCounted) },
        count('adopted', s.lists.adopted!.length),
      ],
    ],
    figures: [
      [{ text: listTitles.waiting! }, count('waiting', s.lists.waiting!.length)],
      [
        { text: 'Approved adopters waiting: not matched with a child' },
        { html: link(to.adoptersPath(), waitingAdopters.length, 'approved adopters waiting'), format: 'numeric' },
      ],
      [{ text: listTitles.waiting_for_order! }, count('waiting_for_order', s.lists.waiting_for_order!.length)],
      [{ text: listTitles.decided! }, count('decided', s.lists.decided!.length)],
      [
        {
          text: `${listTitles.plan_changed!}${s.planChangedShare === null ? '' : ` (${s.planChangedShare}% of the plans decided in the last 12 months have changed)`}`,
        },
        count('plan_changed', s.lists.plan_changed!.length),
      ],
      [{ text: listTitles.special_guardianship! }, count('special_guardianship', s.exits.special_guardianship.length)],
      [{ text: listTitles.child_arrangements! }, count('child_arrangements', s.exits.child_arrangements.length)],
    ],
    byEthnicity: groups.map((g) => [
      { text: ethnicGroupLabels[g]! },
      count(`waiting.ethnicity.${g}`, s.lists[`waiting.ethnicity.${g}`]!.length),
      { text: g === 'not_known' ? '' : String(waitingAdopters.filter((h) => h.ethnicGroup === g).length), format: 'numeric' },
      { text: averageWait(s.lists[`waiting.ethnicity.${g}`]!), format: 'numeric' },
    ]),
    byAge: ageBands.map((b) => [
      { text: ageBandLabels[b.key]! },
      count(`waiting.age.${b.key}`, s.lists[`waiting.age.${b.key}`]!.length),
      { text: String(waitingAdopters.filter((h) => h.ageFrom <= b.to && h.ageTo >= b.from).length), format: 'numeric' },
    ]),
    siblings: [
      [
        { text: 'To be placed with brothers or sisters' },
        count('waiting.siblings', s.lists['waiting.siblings']!.length),
        { text: String(waitingAdopters.filter((h) => h.maxChildren > 1).length), format: 'numeric' },
      ],
    ],
    longest: s.lists
      .waiting!.slice(0, 10)
      .map((c) => [
        childCell(c, to.journeyPath(c.childId, c.id)),
        { text: labelOf(ethnicGroupLabels, c.ethnicGroup ?? 'not_known') },
        { text: formatDate(c.authorityOn) },
        daysCell(c.waitingDays),
      ]),
    chosen: chosenList,
    adopterStages: adopterStageRows(stagesDue),
  };
}

function averageWait(children: readonly ScoreChild[]): string {
  const d = children.flatMap((c) => (c.waitingDays === null ? [] : [c.waitingDays]));
  return d.length ? String(Math.round(d.reduce((a, b) => a + b, 0) / d.length)) : '';
}

// ── reports to the adoption and permanence panel ─────────────────────────────

const subjectLabels: Record<string, string> = { approval: 'Approval of adopters', match: 'A match', plan: 'A child’s adoption plan' };

const aboutCell = (r: PanelReportView) =>
  r.adopterId
    ? { html: link(to.adopterPath(r.adopterId), r.adopterName ?? '') }
    : r.restricted || !r.childId
      ? { text: 'Restricted record' }
      : { html: link(to.adoptionPath(r.childId), r.childName ?? '') };

const outstandingOf = (amendments: readonly AmendmentView[]) => amendments.filter((a) => a.doneOn === null).length;

export function panelListPage(reports: readonly PanelReportView[]) {
  return {
    title: 'Reports to the adoption and permanence panel',
    backLink: to.adoptionScorecardPath(),
    rows: reports.map((r) => [
      { html: link(to.panelReportPath(r.id), formatDate(r.panelOn), 'report to the panel of') },
      { text: labelOf(subjectLabels, r.subject) },
      aboutCell(r),
      { text: r.feedback ? 'Recorded' : 'None recorded' },
      { text: `${outstandingOf(r.amendments)} of ${r.amendments.length}`, format: 'numeric' },
    ]),
  };
}

export function panelReportPage(r: PanelReportView) {
  return {
    title: `Report to the panel of ${formatDate(r.panelOn)}`,
    backLink: to.panelPath(),
    summary: {
      rows: [
        row('About', labelOf(subjectLabels, r.subject)),
        row('Who', r.adopterName ?? (r.restricted ? 'Restricted record' : (r.childName ?? ''))),
        row('The panel’s recommendation', r.recommendation),
        row('The panel’s feedback on the report', r.feedback ?? 'None recorded'),
      ],
    },
    amendmentRows: r.amendments.map((a) => [
      { text: a.description },
      a.doneOn ? { text: `Done ${formatDate(a.doneOn)}` } : { html: link(to.amendmentPath(r.id, a.id), 'Mark as done', a.description) },
    ]),
  };
}

const panelFieldsOf = (form: FormView): Field[] => [
  date(form, 'panelOn', 'Date of the panel'),
  { kind: 'textarea', params: form.textarea('recommendation', 'The panel’s recommendation', { rows: 3 }) },
  { kind: 'textarea', params: form.textarea('feedback', 'The panel’s feedback on the report (optional)', { rows: 4 }) },
  {
    kind: 'textarea',
    params: form.textarea('amendments', 'Amendments the panel required (optional)', {
      rows: 4,
      hint: 'One a line: each is tracked until it is done',
    }),
  },
];

export function journeyPanelForm(child: ChildHeading, j: JourneyView, opts: FormOpts) {
  return journeyForm(
    child,
    opts,
    {
      title: 'Record a report to the adoption and permanence panel',
      action: to.journeyPanelPath(child.id, j.id),
      back: to.journeyPath(child.id, j.id),
      dates: ['panelOn'],
      submit: 'Save the report',
      saved: { panelOn: opts.today, subject: j.matchedOn ? 'match' : 'plan' },
    },
    (form) => [
      radios(form, 'subject', 'What the report was about', [
        { value: 'match', text: 'The match' },
        { value: 'plan', text: 'The child’s adoption plan' },
      ]),
      ...panelFieldsOf(form),
    ],
  );
}

export function adopterPanelForm(h: HouseholdView, opts: FormOpts) {
  return adopterForm(
    opts,
    {
      title: `Report to the panel: ${h.name}`,
      action: to.adopterPanelPath(h.id),
      back: to.adopterPath(h.id),
      dates: ['panelOn'],
      submit: 'Save the report',
      saved: { panelOn: opts.today },
    },
    panelFieldsOf,
  );
}

export function amendmentForm(r: PanelReportView, a: AmendmentView, opts: FormOpts) {
  return adopterForm(
    opts,
    {
      title: 'Mark the amendment as done',
      action: to.amendmentPath(r.id, a.id),
      back: to.panelReportPath(r.id),
      dates: ['doneOn'],
      submit: 'Save',
      saved: { doneOn: opts.today, version: a.version },
    },
    (form) => [date(form, 'doneOn', `Date the amendment was made: ${a.description}`)],
  );
}
