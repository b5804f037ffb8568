/**
 * The facts the statutory clock reads: dated things that happened to one child.
 *
 * Each area of practice turns its records into facts; the clock never reads the
 * areas' tables. A fact's `episode` is the id of the process instance it belongs to
 * (the contact, the referral, the enquiry, the plan, the period of care, the
 * placement…), so that a rule pairs a trigger with the fact that meets it. Kinds
 * whose `episode` is null here are child-level: the rules use them wherever they fall.
 *
 * Dates are 'YYYY-MM-DD'; where a rule counts hours (contacts, police protection,
 * return home interviews) give an ISO datetime with an offset.
 *
 * The vocabulary is data so that pages and the README can list it: `area` is the area
 * of practice that records the fact, `episode` what the fact's episode id names,
 * `meaning` what happened.
 */
import type { IsoDate, Moment } from '../core/calendar/index.js';

export interface FactKindInfo {
  area: string;
  /** What the episode id names, or null for a child-level fact. */
  episode: string | null;
  meaning: string;
}

export const FACT_KINDS = {
  // ── Front door (front-door area) ─────────────────────────────────────────────
  contact_received: {
    area: 'front door',
    episode: 'the contact',
    meaning: "A contact about the child reached children's social care. Datetime.",
  },
  contact_decided: {
    area: 'front door',
    episode: 'the contact',
    meaning: 'The contact was decided (referral, early help, information and advice, no further action).',
  },

  // ── Referral and assessment (front door, assessment) ─────────────────────────
  referral_received: {
    area: 'front door',
    episode: 'the referral',
    meaning: "A referral to children's social care was accepted.",
  },
  assessment_started: {
    area: 'assessment',
    episode: 'the referral',
    meaning:
      'The child and family assessment started (the census counts its own measure from here; Working Together counts from the referral).',
  },
  assessment_completed: {
    area: 'assessment',
    episode: 'the referral',
    meaning: 'The child and family assessment was completed and authorised by a manager (the authorisation date).',
  },
  referral_closed: {
    area: 'assessment',
    episode: 'the referral',
    meaning: "The referral was closed (case closed to children's social care for this referral).",
  },

  // ── Child protection (child protection) ──────────────────────────────────────
  significant_harm_concern: {
    area: 'child protection',
    episode: 'the enquiry',
    meaning:
      'A concern that the child is suffering, or likely to suffer, significant harm, needing a strategy discussion. Date or datetime.',
  },
  strategy_discussion: {
    area: 'child protection',
    episode: 'the enquiry',
    meaning: 'A strategy discussion or meeting was held.',
  },
  s47_started: {
    area: 'child protection',
    episode: 'the enquiry',
    meaning: 'Section 47 enquiries started.',
  },
  s47_completed: {
    area: 'child protection',
    episode: 'the enquiry',
    meaning: 'Section 47 enquiries concluded; data.conferenceRequired: boolean (an initial conference is to be held).',
  },
  initial_conference_held: {
    area: 'child protection',
    episode: 'the enquiry',
    meaning: 'The initial child protection conference was held.',
  },
  cp_plan_started: {
    area: 'child protection',
    episode: 'the plan',
    meaning: 'A child protection plan started (the date of the conference that made it).',
  },
  core_group_held: {
    area: 'child protection',
    episode: 'the plan',
    meaning: 'A core group met.',
  },
  review_conference_held: {
    area: 'child protection',
    episode: 'the plan',
    meaning: 'A review child protection conference was held.',
  },
  cp_plan_ended: {
    area: 'child protection',
    episode: 'the plan',
    meaning: 'The child protection plan ended.',
  },

  // ── Visits (every area that visits: child protection, children in need, looked after, private fostering, adoption) ──
  visit_made: {
    area: 'visits',
    episode: null,
    meaning: "A statutory visit by the child's social worker; data.childSeen: boolean (only visits where the child was seen count).",
  },

  // ── Children in need (children in need) ──────────────────────────────────────
  cin_plan_started: {
    area: 'children in need',
    episode: 'the plan',
    meaning: 'A child in need plan started.',
  },
  cin_plan_review_held: {
    area: 'children in need',
    episode: 'the plan',
    meaning: 'A child in need plan review meeting was held.',
  },
  cin_plan_ended: {
    area: 'children in need',
    episode: 'the plan',
    meaning: 'The child in need plan ended.',
  },
  case_closed: {
    area: 'children in need',
    episode: null,
    meaning: "The child's case was closed to children's social care (no open referral, plan or period of care).",
  },

  // ── Serious incidents (oversight / safeguarding partnership) ─────────────────
  serious_incident_known: {
    area: 'serious incidents',
    episode: 'the incident',
    meaning: 'The authority became aware of a serious incident about the child (CA 2004 s16C).',
  },
  panel_notified: {
    area: 'serious incidents',
    episode: 'the incident',
    meaning: 'The Child Safeguarding Practice Review Panel was notified.',
  },
  rapid_review_completed: {
    area: 'serious incidents',
    episode: 'the incident',
    meaning: "The safeguarding partners' rapid review was completed.",
  },

  // ── Allegations against people who work with children (allegations / LADO) ───
  allegation_made: {
    area: 'allegations',
    episode: 'the allegation',
    meaning: 'An allegation was reported to the employer or organisation.',
  },
  lado_informed: {
    area: 'allegations',
    episode: 'the allegation',
    meaning: 'The designated officer (LADO) was informed.',
  },
  allegation_concluded: {
    area: 'allegations',
    episode: 'the allegation',
    meaning: 'The allegation was concluded (outcome recorded).',
  },

  // ── Emergency powers and proceedings (child protection, legal) ───────────────
  police_protection_started: {
    area: 'legal',
    episode: 'the police protection',
    meaning: 'The police took the child into police protection (CA 1989 s46). Datetime.',
  },
  police_protection_ended: {
    area: 'legal',
    episode: 'the police protection',
    meaning: 'Police protection ended (child released, or an EPO made). Datetime.',
  },
  epo_made: {
    area: 'legal',
    episode: 'the order',
    meaning: 'An emergency protection order was made (s44). Date or datetime.',
  },
  epo_extended: {
    area: 'legal',
    episode: 'the order',
    meaning: 'The emergency protection order was extended (s45(4), once only).',
  },
  epo_ended: {
    area: 'legal',
    episode: 'the order',
    meaning: 'The emergency protection order ended (expired, discharged or replaced).',
  },
  child_assessment_order_started: {
    area: 'legal',
    episode: 'the order',
    meaning: 'A child assessment order took effect: the date the order says the assessment begins (s43(5)).',
  },
  child_assessment_order_ended: {
    area: 'legal',
    episode: 'the order',
    meaning: 'The child assessment order ended.',
  },
  care_proceedings_issued: {
    area: 'legal',
    episode: 'the proceedings',
    meaning: 'An application for a care or supervision order was issued (s31).',
  },
  care_proceedings_extended: {
    area: 'legal',
    episode: 'the proceedings',
    meaning: 'The court extended the 26-week time limit; data.weeks (≤ 8, default 8) (s32(5)).',
  },
  care_proceedings_concluded: {
    area: 'legal',
    episode: 'the proceedings',
    meaning: 'The proceedings were concluded (final order or withdrawal).',
  },

  // ── Looked after (looked after) ──────────────────────────────────────────────
  became_looked_after: {
    area: 'looked after',
    episode: 'the period of care',
    meaning:
      'The child started to be looked after (a period of care began). data.shortBreaks: true for reg 48 short breaks, which these rules leave aside.',
  },
  ceased_looked_after: {
    area: 'looked after',
    episode: 'the period of care',
    meaning: 'The child ceased to be looked after.',
  },
  care_plan_completed: {
    area: 'looked after',
    episode: 'the period of care',
    meaning: 'The care plan was completed (reg 4). May be dated before the period began.',
  },
  iro_appointed: {
    area: 'looked after',
    episode: 'the period of care',
    meaning: 'The independent reviewing officer was appointed.',
  },
  looked_after_review_held: {
    area: 'looked after',
    episode: 'the period of care',
    meaning: 'A looked after review was held (reg 33).',
  },
  review_decisions_circulated: {
    area: 'looked after',
    episode: 'the period of care',
    meaning:
      "The review's decisions were circulated; data.reviewFactId links it to its review (otherwise it belongs to the latest review before it).",
  },
  review_record_completed: {
    area: 'looked after',
    episode: 'the period of care',
    meaning: "The review's full record was completed; data.reviewFactId as above.",
  },
  placement_started: {
    area: 'looked after',
    episode: 'the placement',
    meaning:
      "A placement began. data.visitRegime: 'standard' (reg 28(2), the default), 'parent_pending_assessment' (reg 19, reg 28(3)), 'temporary_connected_person' (reg 24, reg 28(4)), 'interim_care_order_with_parent' (reg 28(4)), 'care_order_at_home' (reg 28(5): date the fact on the day the care order was made); data.intendedToAge18: boolean.",
  },
  placement_changed: {
    area: 'looked after',
    episode: 'the placement',
    meaning: 'Something about the placement changed from this date: data.visitRegime and/or data.intendedToAge18.',
  },
  placement_plan_completed: {
    area: 'looked after',
    episode: 'the placement',
    meaning: 'The placement plan was completed (reg 9). May be dated before the placement.',
  },
  placement_ended: {
    area: 'looked after',
    episode: 'the placement',
    meaning: 'The placement ended.',
  },

  // ── Health and education of looked after children (health and education) ──
  health_assessment_completed: {
    area: 'health and education',
    episode: null,
    meaning: "A statutory health assessment (initial or review) was completed; data.type: 'initial' | 'review'.",
  },
  dental_check_completed: {
    area: 'health and education',
    episode: null,
    meaning: 'A dental check was done.',
  },
  pep_initiated: {
    area: 'health and education',
    episode: 'the period of care',
    meaning: 'The personal education plan was initiated.',
  },
  pep_reviewed: {
    area: 'health and education',
    episode: 'the period of care',
    meaning: 'The personal education plan was reviewed (a PEP meeting).',
  },

  // ── Missing (looked after, children in need, child protection) ───────────────
  missing_episode_ended: {
    area: 'missing',
    episode: 'the missing episode',
    meaning: 'The child returned or was found after being missing. Datetime.',
  },
  return_interview_held: {
    area: 'missing',
    episode: 'the missing episode',
    meaning: 'The return home interview was held.',
  },
  return_interview_declined: {
    area: 'missing',
    episode: 'the missing episode',
    meaning: 'A return home interview was offered and the child declined it.',
  },

  // ── Care leavers (care leavers) ──────────────────────────────────────────────
  became_eligible: {
    area: 'care leavers',
    episode: null,
    meaning:
      'The child became an eligible child (CA 1989 Sch 2 para 19B). Optional: without it the clock works eligibility out from the periods of care.',
  },
  needs_assessment_completed: {
    area: 'care leavers',
    episode: null,
    meaning: 'The leaving care needs assessment was completed (reg 42).',
  },
  pathway_plan_completed: {
    area: 'care leavers',
    episode: null,
    meaning: 'The first pathway plan was completed.',
  },
  pathway_plan_reviewed: {
    area: 'care leavers',
    episode: null,
    meaning: 'The pathway plan was reviewed.',
  },
  leaving_care_accommodation_started: {
    area: 'care leavers',
    episode: 'the accommodation',
    meaning: 'The authority began to provide accommodation for a relevant child (CLR reg 8(2)(a)).',
  },
  personal_adviser_contact: {
    area: 'care leavers',
    episode: null,
    meaning: 'The personal adviser saw the young person.',
  },
  leaving_care_support_ended: {
    area: 'care leavers',
    episode: null,
    meaning: 'Leaving care support ended (no longer owed a personal adviser or pathway plan).',
  },

  // ── Private fostering (private fostering) ────────────────────────────────────
  private_fostering_notified: {
    area: 'private fostering',
    episode: 'the arrangement',
    meaning:
      'The authority was notified of a private fostering arrangement; data.arrangementStartedOn: date the arrangement began, if different.',
  },
  private_fostering_ended: {
    area: 'private fostering',
    episode: 'the arrangement',
    meaning: 'The private fostering arrangement ended.',
  },

  // ── Adoption (adoption) ──────────────────────────────────────────────────────
  authority_to_place_given: {
    area: 'adoption',
    episode: 'the authority',
    meaning: 'The agency first had authority to place the child for adoption (placement order or consent).',
  },
  authority_to_place_ended: {
    area: 'adoption',
    episode: 'the authority',
    meaning: 'Authority to place ended (placement order revoked, consent withdrawn).',
  },
  adoptive_placement_started: {
    area: 'adoption',
    episode: 'the adoptive placement',
    meaning: 'The child was placed for adoption.',
  },
  adoptive_placement_ended: {
    area: 'adoption',
    episode: 'the adoptive placement',
    meaning: 'The adoptive placement ended without an adoption order (the child returned to the agency).',
  },
  adoption_order_made: {
    area: 'adoption',
    episode: null,
    meaning: 'An adoption order was made.',
  },
  adoption_review_held: {
    area: 'adoption',
    episode: null,
    meaning: 'An adoption review was held (AAR reg 36); data.visitIntervalWeeks: the visit frequency the review set, if any.',
  },

  // ── Adopter approval (adoption; the subject is the prospective adopter's record) ──
  adopter_registration_accepted: {
    area: 'adoption',
    episode: 'the approval',
    meaning: 'The agency accepted a registration of interest (stage one begins).',
  },
  adopter_stage_one_completed: {
    area: 'adoption',
    episode: 'the approval',
    meaning: 'Stage one was completed.',
  },
  adopter_stage_two_started: {
    area: 'adoption',
    episode: 'the approval',
    meaning: 'The prospective adopter notified the agency they wish to proceed to stage two.',
  },
  adopter_approved: {
    area: 'adoption',
    episode: 'the approval',
    meaning: 'The agency decided the prospective adopter is suitable (approval).',
  },
  adopter_process_ended: {
    area: 'adoption',
    episode: 'the approval',
    meaning: 'The approval process ended without approval (withdrawn, or not suitable).',
  },

  // ── Disabled children (disabled children) ────────────────────────────────────
  transition_planning_started: {
    area: 'disabled children',
    episode: null,
    meaning: 'Transition planning towards adulthood started.',
  },
} as const satisfies Record<string, FactKindInfo>;

export type FactKind = keyof typeof FACT_KINDS;

export const FACT_KIND_LIST = Object.keys(FACT_KINDS) as FactKind[];

export function isFactKind(value: string): value is FactKind {
  return Object.hasOwn(FACT_KINDS, value);
}

export type FactValue = string | number | boolean | null;

/** A dated fact about one child. */
export interface Fact {
  /** Unique and stable: the source record's id (e.g. 'visit:8c1…'). Obligation keys are built from it. */
  id: string;
  kind: FactKind;
  /** 'YYYY-MM-DD', or an ISO datetime with an offset for hour-based rules. */
  at: Moment;
  /** The process instance the fact belongs to (see each kind). */
  episode?: string | null;
  data?: Record<string, FactValue>;
}

/** Everything the clock needs to know about one child. */
export interface ChildFacts {
  childId: string;
  dateOfBirth: IsoDate | null;
  expectedDateOfBirth?: IsoDate | null;
  /** The child has a disability (drives transition planning). */
  disabled?: boolean;
  facts: readonly Fact[];
}
