/**
 * The chronology as data for its page, the child's record and the API: each event in words,
 * with the address of the record it opens, grouped by day. No HTML is built here: a link is
 * { href, text } for the template's appLink.
 */
import { assessmentPaths } from '../assessment/paths.js';
import { frontDoorPaths } from '../front-door/paths.js';
import { caseNoteKindLabels } from '../case-notes/presenters.js';
import * as caseNotePaths from '../case-notes/paths.js';
import type { CaseNoteKind } from '../case-notes/schema.js';
import { timeOfDay } from '../casework/format.js';
import { caption } from '../casework/form.js';
import {
  conferenceDecisionLabels,
  conferenceTypeLabels,
  planEndReasonLabels,
  s47OutcomeLabels,
  strategyDecisionLabels,
} from '../child-protection/presenters.js';
import * as cpPaths from '../child-protection/paths.js';
import type { ConferenceType } from '../child-protection/schema.js';
import { cinPlanEndReasonLabels } from '../children-in-need/presenters.js';
import * as cinPaths from '../children-in-need/paths.js';
import * as disputePaths from '../dispute-resolution/paths.js';
import { legalStatusLabels, participationLabels, placementTypeLabels } from '../looked-after/presenters.js';
import { reasonCeasedLabels } from '../children/codes.js';
import * as laPaths from '../looked-after/paths.js';
import { assessmentOutcomeLabels, endReasonLabels as pfEndReasonLabels, notifierLabels } from '../private-fostering/presenters.js';
import * as pfPaths from '../private-fostering/paths.js';
import * as adoptionPaths from '../adoption/paths.js';
import { authorityBasisLabels, earlyPermanenceLabels, placementEndReasonLabels, planChangeReasonLabels } from '../adoption/presenters.js';
import { missingCodeLabels, screeningOutcomeLabels } from '../missing-episodes/presenters.js';
import * as missingPaths from '../missing-episodes/paths.js';
import { assessmentTypeLabels, hoursText, ofstedGradeLabels, sdqReasonLabels } from '../health-and-education/presenters.js';
import * as hePaths from '../health-and-education/paths.js';
import { permanenceLabels } from '../care-planning/presenters.js';
import * as carePlanningPaths from '../care-planning/paths.js';
import { inTouchLabels, supportEndReasonLabels } from '../care-leavers/presenters.js';
import * as careLeaverPaths from '../care-leavers/paths.js';
import { raiserLabels } from '../dispute-resolution/presenters.js';
import { formatDateWithWeekday } from '../core/calendar/index.js';
import { categoryOfAbuseCodes, reasonForClosureCodes, referralSourceCodes } from '../children/codes.js';
import { labelOf, sentenceCase } from '../core/codes.js';
import { pagination } from '../core/views/pages.js';
import type { ChronologyEvent, ChronologyKind } from './queries.js';

export const chronologyKindLabels: Record<ChronologyKind, string> = {
  contacts: 'Contacts and referrals',
  assessments: 'Assessments',
  visits: 'Visits',
  caseNotes: 'Case notes',
  childProtection: 'Child protection',
  childrenInNeed: 'Children in need and transition planning',
  lookedAfter: 'Looked after',
  privateFostering: 'Private fostering',
  adoption: 'Adoption',
  missing: 'Missing and absent',
  healthAndEducation: 'Health and education',
  careLeavers: 'Leaving care',
  disputes: 'Concerns about plans',
  allocations: 'Allocations',
  closures: 'Closures',
};

const words = (code: string | null) => (code ? code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ') : '');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const of = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? words(code)) : '');

/** What happened, in words, and what it opens. */
function describe(childId: string, e: ChronologyEvent): { title: string; detail: string | null; href: string | null } {
  const id = e.recordId;
  switch (e.type) {
    case 'contact':
      return { title: 'Contact received', detail: e.detail, href: frontDoorPaths.contact(id!) };
    case 'domestic_abuse_notification':
      return { title: 'Police notification of domestic abuse', detail: e.detail, href: frontDoorPaths.contact(id!) };
    case 'contact_decided':
      return { title: `Contact decided: ${lower(words(e.code))}`, detail: e.detail, href: frontDoorPaths.contact(id!) };
    case 'referral':
    case 'repeat_referral':
      return {
        title: e.type === 'referral' ? 'Referral' : 'Referral (repeat within 12 months)',
        detail: e.code ? `Source: ${sentenceCase(labelOf(referralSourceCodes, e.code))} (${e.code})` : null,
        href: null,
      };
    case 'cp_concern':
      return { title: 'Concern of significant harm raised', detail: null, href: cpPaths.strategyDiscussionPath(childId, id!) };
    case 'strategy_discussion':
      return {
        title: `Strategy discussion held: ${(e.code ?? '')
          .split(',')
          .filter(Boolean)
          .map((d) => lower(of(strategyDecisionLabels, d)))
          .join(', ')}`,
        detail: null,
        href: cpPaths.strategyDiscussionPath(childId, id!),
      };
    case 's47_started':
      return { title: 'Section 47 enquiry started', detail: null, href: cpPaths.s47EnquiryPath(childId, id!) };
    case 's47_completed':
      return {
        title: `Section 47 enquiry completed: ${lower(of(s47OutcomeLabels, e.code))}`,
        detail: null,
        href: cpPaths.s47EnquiryPath(childId, id!),
      };
    case 'cp_conference_initial':
    case 'cp_conference_pre_birth':
    case 'cp_conference_review':
      return {
        title: `${conferenceTypeLabels[e.type.slice('cp_conference_'.length) as ConferenceType]}: ${lower(of(conferenceDecisionLabels, e.code))}`,
        detail: e.detail ? `Chaired by ${e.detail}` : null,
        href: cpPaths.conferencePath(childId, id!),
      };
    case 'cp_plan_started':
      return {
        title: 'Child protection plan started',
        detail: `Category: ${labelOf(categoryOfAbuseCodes, e.code)}`,
        href: cpPaths.planPath(childId, id!),
      };
    case 'core_group':
      return { title: 'Core group meeting', detail: null, href: cpPaths.planPath(childId, id!) };
    case 'cp_plan_ended':
      return {
        title: `Child protection plan ended: ${lower(of(planEndReasonLabels, e.code))}`,
        detail: null,
        href: cpPaths.planPath(childId, id!),
      };
    case 'cin_plan_started':
      return { title: 'Child in need plan started', detail: null, href: cinPaths.planPath(childId, id!) };
    case 'cin_review':
      return { title: 'Child in need plan review', detail: null, href: cinPaths.planPath(childId, id!) };
    case 'cin_plan_ended':
      return {
        title: `Child in need plan ended: ${lower(of(cinPlanEndReasonLabels, e.code))}`,
        detail: null,
        href: cinPaths.planPath(childId, id!),
      };
    case 'transition_planning':
      return { title: 'Transition planning started', detail: e.detail, href: cinPaths.transitionPath(childId) };
    case 'became_looked_after':
      return {
        title: `Became looked after: ${lower(of(legalStatusLabels, e.code))} (${e.code})`,
        detail: null,
        href: laPaths.carePeriodPath(childId, id!),
      };
    case 'legal_status_changed':
      return {
        title: `Legal status changed: ${lower(of(legalStatusLabels, e.code))} (${e.code})`,
        detail: null,
        href: laPaths.carePeriodPath(childId, id!),
      };
    case 'placement_move':
      return {
        title: `Moved: ${lower(of(placementTypeLabels, e.code))} (${e.code})`,
        detail: e.detail,
        href: laPaths.carePeriodPath(childId, id!),
      };
    case 'looked_after_review':
      return {
        title: `Looked after review: ${lower(of(participationLabels, e.code))}`,
        detail: e.detail,
        href: laPaths.carePeriodPath(childId, id!),
      };
    case 'dolo_started':
      return { title: 'Deprivation of liberty order started', detail: null, href: laPaths.carePeriodPath(childId, id!) };
    case 'dolo_ended':
      return { title: 'Deprivation of liberty order ended', detail: null, href: laPaths.carePeriodPath(childId, id!) };
    case 'ceased_looked_after':
      return {
        title: `Ceased to be looked after: ${lower(of(reasonCeasedLabels, e.code))} (${e.code})`,
        detail: null,
        href: laPaths.carePeriodPath(childId, id!),
      };
    case 'private_fostering_notified':
      return {
        title: `Private fostering notified by ${lower(of(notifierLabels, e.code))}`,
        detail: e.detail ? `Carer: ${e.detail}` : null,
        href: pfPaths.arrangementPath(childId, id!),
      };
    case 'private_fostering_assessed':
      return {
        title: `Private foster carer assessed: ${lower(of(assessmentOutcomeLabels, e.code))}`,
        detail: e.detail,
        href: pfPaths.arrangementPath(childId, id!),
      };
    case 'private_fostering_ended':
      return {
        title: `Private fostering ended: ${lower(of(pfEndReasonLabels, e.code))}`,
        detail: e.detail,
        href: pfPaths.arrangementPath(childId, id!),
      };
    case 'adoption_decided':
      return {
        title: `Decision that the child should be placed for adoption${e.code ? ` (${lower(of(earlyPermanenceLabels, e.code))})` : ''}`,
        detail: null,
        href: adoptionPaths.journeyPath(childId, id!),
      };
    case 'adoption_authority':
      return {
        title: `Authority to place for adoption: ${lower(of(authorityBasisLabels, e.code))}`,
        detail: null,
        href: adoptionPaths.journeyPath(childId, id!),
      };
    case 'adoption_matched':
      return { title: 'Matched with adopters', detail: e.detail, href: adoptionPaths.journeyPath(childId, id!) };
    case 'adoption_placed':
      return { title: 'Placed for adoption', detail: e.detail, href: adoptionPaths.journeyPath(childId, id!) };
    case 'adoption_placement_ended':
      return {
        title: `Placement for adoption ended without an adoption order: ${lower(of(placementEndReasonLabels, e.code))}`,
        detail: e.detail,
        href: adoptionPaths.journeyPath(childId, id!),
      };
    case 'adoption_order':
      return { title: 'Adoption order made', detail: null, href: adoptionPaths.journeyPath(childId, id!) };
    case 'adoption_plan_changed':
      return {
        title: `Plan changed away from adoption: ${lower(of(planChangeReasonLabels, e.code))}`,
        detail: e.detail,
        href: adoptionPaths.journeyPath(childId, id!),
      };
    case 'adoption_review':
      return { title: 'Adoption review held', detail: null, href: adoptionPaths.journeyPath(childId, id!) };
    case 'missing_started':
      return { title: `${of(missingCodeLabels, e.code)} (${e.code})`, detail: null, href: missingPaths.missingEpisodePath(childId, id!) };
    case 'missing_returned':
      return {
        title: e.code === 'A' ? 'Back after being away without authorisation' : 'Returned or found after being missing',
        detail: e.detail,
        href: missingPaths.missingEpisodePath(childId, id!),
      };
    case 'return_interview_held':
      return {
        title: 'Return home interview held',
        detail: `By ${e.detail}${e.code === 'independent' ? ', independent' : ', not independent'}`,
        href: missingPaths.missingEpisodePath(childId, id!),
      };
    case 'return_interview_declined':
      return { title: 'Return home interview declined by the child', detail: null, href: missingPaths.missingEpisodePath(childId, id!) };
    case 'missing_strategy_meeting':
      return { title: 'Strategy meeting about a missing episode', detail: null, href: missingPaths.missingEpisodePath(childId, id!) };
    case 'exploitation_screening':
      return {
        title: `Child exploitation risk screening: ${lower(of(screeningOutcomeLabels, e.code))}`,
        detail: null,
        href: missingPaths.missingEpisodePath(childId, id!),
      };
    case 'health_assessment':
      return {
        title: of(assessmentTypeLabels, e.code),
        detail: e.detail ? `By ${e.detail}` : null,
        href: hePaths.healthAndEducationPath(childId),
      };
    case 'dental_check':
      return { title: 'Dental check', detail: e.detail, href: hePaths.healthAndEducationPath(childId) };
    case 'sdq':
      return {
        title:
          e.code && /^\d+$/.test(e.code)
            ? `Strengths and difficulties questionnaire: score ${e.code}`
            : 'Strengths and difficulties questionnaire: no score',
        detail: e.code && !/^\d+$/.test(e.code) ? of(sdqReasonLabels, e.code) : null,
        href: hePaths.healthAndEducationPath(childId),
      };
    case 'school_started':
      return {
        title: `Started at ${e.detail}`,
        detail: `Ofsted: ${of(ofstedGradeLabels, e.code)}`,
        href: hePaths.healthAndEducationPath(childId),
      };
    case 'leaving_care_needs_assessment':
      return { title: 'Leaving care needs assessment completed', detail: null, href: careLeaverPaths.careLeaverPath(childId) };
    case 'pathway_plan_completed':
      return { title: 'Pathway plan completed', detail: null, href: careLeaverPaths.careLeaverPath(childId) };
    case 'personal_adviser_appointed':
      return { title: 'Personal adviser appointed', detail: e.detail, href: careLeaverPaths.careLeaverPath(childId) };
    case 'pathway_plan_reviewed':
      return { title: 'Pathway plan reviewed', detail: null, href: careLeaverPaths.careLeaverPath(childId) };
    case 'care_leaver_contact':
      return {
        title: `Contact with the care leaver: ${lower(of(inTouchLabels, e.code))}`,
        detail: e.detail,
        href: careLeaverPaths.careLeaverContactPath(childId, id!),
      };
    case 'staying_put_started':
      return { title: 'Staying Put began', detail: null, href: careLeaverPaths.careLeaverPath(childId) };
    case 'leaving_care_support_ended':
      return {
        title: `Leaving care support ended: ${lower(of(supportEndReasonLabels, e.code))}`,
        detail: null,
        href: careLeaverPaths.careLeaverPath(childId),
      };
    case 'pep_initiated':
      return { title: 'Personal education plan initiated', detail: null, href: hePaths.healthAndEducationPath(childId) };
    case 'pep_meeting':
      return { title: 'PEP meeting: the personal education plan reviewed', detail: null, href: hePaths.healthAndEducationPath(childId) };
    case 'education_hours':
      return {
        title: `Education: ${hoursText(Number(e.code))}`,
        detail: Number(e.code) < 25 ? 'Under 25 hours a week' : null,
        href: hePaths.healthAndEducationPath(childId),
      };
    case 'care_plan_completed':
      return {
        title: `Care plan completed${e.code ? `: plan for permanence, ${lower(of(permanenceLabels, e.code))}` : ''}`,
        detail: e.detail,
        href: carePlanningPaths.carePlanPath(childId, id!),
      };
    case 'placement_plan_completed':
      return {
        title: `Placement plan completed (${e.code})`,
        detail: e.detail,
        href: carePlanningPaths.carePlanPath(childId, id!),
      };
    case 'uasc_ceased':
      return {
        title: 'Ceased to be an unaccompanied asylum-seeking child',
        detail: null,
        href: carePlanningPaths.carePlanningPath(childId),
      };
    case 'assessment_started':
      return { title: 'Assessment started', detail: null, href: assessmentPaths.show(childId, id!) };
    case 'assessment_submitted':
      return { title: 'Assessment submitted for authorisation', detail: null, href: assessmentPaths.show(childId, id!) };
    case 'assessment_authorised':
      return {
        title: `Assessment authorised${e.code ? `: ${lower(words(e.code))}` : ''}`,
        detail: null,
        href: assessmentPaths.show(childId, id!),
      };
    case 'visit_seen_alone':
      return { title: 'Visit: child seen alone', detail: visitDetail(e), href: null };
    case 'visit_seen':
      return { title: 'Visit: child seen', detail: visitDetail(e), href: null };
    case 'visit_not_seen':
      return { title: 'Visit: child not seen', detail: visitDetail(e), href: null };
    case 'case_note':
      return {
        title: `${caseNoteKindLabels[e.code as CaseNoteKind] ?? words(e.code)}: ${e.detail}`,
        detail: null,
        href: caseNotePaths.caseNotePath(childId, id!),
      };
    case 'dispute_raised':
      return {
        title: 'Concern raised about the plan',
        detail: `By ${e.detail} (${lower(of(raiserLabels, e.code))})`,
        href: disputePaths.disputePath(childId, id!),
      };
    case 'dispute_escalated':
      return { title: `Concern escalated to stage ${e.code}`, detail: `To ${e.detail}`, href: disputePaths.disputePath(childId, id!) };
    case 'dispute_response':
      return {
        title: `Response to the concern at stage ${e.code}`,
        detail: `From ${e.detail}`,
        href: disputePaths.disputePath(childId, id!),
      };
    case 'dispute_resolved':
      return { title: 'Concern about the plan resolved', detail: null, href: disputePaths.disputePath(childId, id!) };
    case 'allocation':
      return { title: `Allocated to ${e.detail}`, detail: null, href: null };
    case 'referral_closed':
      return { title: `Referral closed: ${lower(labelOf(reasonForClosureCodes, e.code))} (${e.code})`, detail: null, href: null };
    case 'case_closed':
      return {
        title: `Case closed: ${lower(labelOf(reasonForClosureCodes, e.code))} (${e.code})`,
        detail: e.detail,
        href: cinPaths.childrenInNeedPath(childId),
      };
    default:
      return { title: words(e.type), detail: e.detail, href: null };
  }
}

function visitDetail(e: ChronologyEvent): string {
  const purpose = e.code ? `${words(e.code).toLowerCase()} visit` : 'visit';
  return e.detail ? `${e.detail}, ${purpose}` : words(purpose);
}

/** Long text is cut on the page when the event's own page has it all; a visit's notes have no other page, so they are shown whole. */
const SHORT = 400;

/**
 * Text longer than a line or two sits behind a details component on the page, so a day's
 * events read as a list of summary lines; the print view shows it all.
 */
export const FOLD = 160;

export interface PresentedEvent {
  day: string;
  time: string | null;
  kind: ChronologyKind;
  kindLabel: string;
  title: string;
  link: { href: string; text: string } | null;
  detail: string | null;
  body: string | null;
  cut: boolean;
  /** The body is long: shown behind "Read the note" (never in the print view). */
  folded: boolean;
}

export function presentEvent(childId: string, e: ChronologyEvent, opts: { whole: boolean }): PresentedEvent {
  const d = describe(childId, e);
  const cut = !opts.whole && !!d.href && !!e.body && e.body.length > SHORT;
  return {
    day: e.day,
    time: e.time ? timeOfDay(e.time) : null,
    kind: e.kind,
    kindLabel: chronologyKindLabels[e.kind],
    title: d.title,
    link: d.href ? { href: d.href, text: d.title } : null,
    detail: d.detail,
    body: e.body ? (cut ? `${e.body.slice(0, SHORT).trimEnd()}…` : e.body) : null,
    cut,
    folded: !opts.whole && !!e.body && e.body.length > FOLD,
  };
}

/** Events grouped under their day's heading, in the order given. */
export function byDay(events: readonly PresentedEvent[]) {
  const days: { heading: string; day: string; events: PresentedEvent[] }[] = [];
  for (const e of events) {
    const last = days.at(-1);
    if (last?.day === e.day) last.events.push(e);
    else days.push({ heading: formatDateWithWeekday(e.day), day: e.day, events: [e] });
  }
  return days;
}

/** For the API: the event in words, with its day and time as recorded, and its text whole. */
export function eventForApi(childId: string, e: ChronologyEvent) {
  const d = describe(childId, e);
  return { day: e.day, time: e.time, kind: e.kind, title: d.title, detail: d.detail, body: e.body, href: d.href };
}

export interface ChronologyFilter {
  kinds: readonly ChronologyKind[];
  order: 'newest' | 'oldest';
  page: number;
  print: boolean;
}

/** The page's address with a filter, so pages and the print view keep it. */
export function chronologyHref(childId: string, f: ChronologyFilter, change: Partial<ChronologyFilter> = {}): string {
  const g = { ...f, ...change };
  const q = new URLSearchParams();
  for (const k of g.kinds) q.set(k, '1');
  if (g.order === 'oldest') q.set('order', 'oldest');
  if (g.print) q.set('view', 'print');
  else if (g.page > 1) q.set('page', String(g.page));
  const s = q.toString();
  return `/children/${childId}/chronology${s ? `?${s}` : ''}`;
}

export const PAGE_SIZE = 25;

export function chronologyPage(
  child: { id: string; firstName: string; lastName: string },
  f: ChronologyFilter,
  events: readonly ChronologyEvent[],
  counts: Record<ChronologyKind, number>,
) {
  const chosen = new Set(f.kinds);
  const all = f.kinds.length === 0;
  const total = Object.entries(counts)
    .filter(([k]) => all || chosen.has(k as ChronologyKind))
    .reduce((n, [, c]) => n + c, 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = f.print ? 1 : (f.page - 1) * PAGE_SIZE + 1;
  const presented = events.map((e) => presentEvent(child.id, e, { whole: f.print }));
  return {
    title: 'Chronology',
    caption: caption(child),
    backLink: `/children/${child.id}`,
    print: f.print,
    action: `/children/${child.id}/chronology`,
    kinds: {
      idPrefix: 'kinds',
      name: 'kinds',
      classes: 'govuk-checkboxes--small',
      fieldset: { legend: { text: 'Show', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Nothing ticked shows everything' },
      items: (Object.keys(chronologyKindLabels) as ChronologyKind[]).map((k) => ({
        name: k,
        value: '1',
        text: `${chronologyKindLabels[k]} (${counts[k]})`,
        checked: chosen.has(k),
      })),
    },
    order: {
      name: 'order',
      idPrefix: 'order',
      classes: 'govuk-radios--small',
      fieldset: { legend: { text: 'Order', classes: 'govuk-fieldset__legend--s' } },
      items: [
        { value: 'newest', text: 'Newest first', checked: f.order === 'newest' },
        { value: 'oldest', text: 'Oldest first', checked: f.order === 'oldest' },
      ],
    },
    showing:
      total === 0
        ? all
          ? 'Nothing is recorded yet.'
          : 'Nothing of these kinds is recorded.'
        : f.print
          ? `All ${total} events${all ? '' : ` of the kinds chosen`}, ${f.order === 'newest' ? 'newest' : 'oldest'} first.`
          : `Events ${first} to ${Math.min(total, first + presented.length - 1)} of ${total}${all ? '' : ` of the kinds chosen`}, ${f.order === 'newest' ? 'newest' : 'oldest'} first.`,
    days: byDay(presented),
    pagination: f.print
      ? null
      : pagination({ page: f.page, pages }, (page) => chronologyHref(child.id, f, { page }), 'Pages of the chronology'),
    printLink: { href: chronologyHref(child.id, f, { print: true, page: 1 }), text: 'Print view: every event on one page' },
    pagedLink: { href: chronologyHref(child.id, f, { print: false, page: 1 }), text: 'Back to the chronology in pages' },
    clearLink: { href: `/children/${child.id}/chronology`, text: 'Show everything' },
    filtered: !all,
  };
}
