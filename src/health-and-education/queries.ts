/** Reads for the health and education pages, the API and the SSDA903 OC2 table. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import { addCalendarMonths, addCalendarYears, ageOn } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';

export interface HealthCheckView {
  id: string;
  checkType: 'health_assessment' | 'dental_check';
  assessmentType: 'initial' | 'review' | null;
  checkDate: string;
  completedBy: string | null;
  version: number;
}

export interface HealthStatusView {
  id: string;
  kind: 'immunisations' | 'health_surveillance';
  asAtDate: string;
  upToDate: boolean;
}

export interface SdqView {
  id: string;
  completedDate: string;
  score: number | null;
  reason: string | null;
}

export interface SubstanceMisuseView {
  id: string;
  identifiedDate: string;
  substance: string | null;
  interventionReceived: boolean;
  interventionOffered: boolean | null;
}

export interface ConvictionView {
  id: string;
  outcomeDate: string;
  outcome: string;
}

export interface SchoolView {
  id: string;
  fromDate: string;
  schoolName: string;
  urn: string | null;
  ofstedGrade: string;
}

export interface PepView {
  id: string;
  carePeriodId: string;
  periodStart: string;
  periodEnd: string | null;
  initiatedDate: string;
  version: number;
  meetings: string[];
}

export interface EducationHoursView {
  id: string;
  asAtDate: string;
  hoursPerWeek: number;
}

export interface PeriodOfCare {
  id: string;
  startDate: string;
  endDate: string | null;
}

/** Everything health and education records for a child, newest first in each list. */
export interface HealthAndEducationRecord {
  dateOfBirth: string | null;
  periods: PeriodOfCare[];
  healthChecks: HealthCheckView[];
  statuses: HealthStatusView[];
  sdqs: SdqView[];
  substanceMisuse: SubstanceMisuseView[];
  convictions: ConvictionView[];
  schools: SchoolView[];
  peps: PepView[];
  hours: EducationHoursView[];
}

export async function healthAndEducationOf(db: Db, childId: string): Promise<HealthAndEducationRecord> {
  const [child, periods, healthChecks, statuses, sdqs, substance, offending, schools, peps, hours] = await Promise.all([
    rows<{ dateOfBirth: string | null }>(db, sql`select date_of_birth::text as "dateOfBirth" from children where id = ${childId}`),
    rows<PeriodOfCare>(
      db,
      sql`select id, start_date::text as "startDate", end_date::text as "endDate" from care_periods
           where child_id = ${childId} order by start_date desc`,
    ),
    rows<HealthCheckView>(
      db,
      sql`select id, check_type as "checkType", assessment_type as "assessmentType", check_date::text as "checkDate",
                 completed_by as "completedBy", version
            from cla_health_checks where child_id = ${childId} order by check_date desc, created_at desc`,
    ),
    rows<HealthStatusView>(
      db,
      sql`select id, kind, as_at_date::text as "asAtDate", up_to_date as "upToDate"
            from cla_health_statuses where child_id = ${childId} order by as_at_date desc`,
    ),
    rows<SdqView>(
      db,
      sql`select id, completed_date::text as "completedDate", score, reason
            from cla_sdq_scores where child_id = ${childId} order by completed_date desc, created_at desc`,
    ),
    rows<SubstanceMisuseView>(
      db,
      sql`select id, identified_date::text as "identifiedDate", substance, intervention_received as "interventionReceived",
                 intervention_offered as "interventionOffered"
            from cla_substance_misuse where child_id = ${childId} order by identified_date desc`,
    ),
    rows<ConvictionView>(
      db,
      sql`select id, outcome_date::text as "outcomeDate", outcome from cla_convictions where child_id = ${childId} order by outcome_date desc`,
    ),
    rows<SchoolView>(
      db,
      sql`select id, from_date::text as "fromDate", school_name as "schoolName", urn, ofsted_grade as "ofstedGrade"
            from cla_schools where child_id = ${childId} order by from_date desc`,
    ),
    rows<PepView>(
      db,
      sql`select p.id, p.care_period_id as "carePeriodId", c.start_date::text as "periodStart", c.end_date::text as "periodEnd",
                 p.initiated_date::text as "initiatedDate", p.version,
                 coalesce((select array_agg(m.meeting_date::text order by m.meeting_date desc) from pep_meetings m where m.pep_id = p.id), '{}') as meetings
            from personal_education_plans p join care_periods c on c.id = p.care_period_id
           where p.child_id = ${childId} order by p.initiated_date desc`,
    ),
    rows<EducationHoursView>(
      db,
      sql`select id, as_at_date::text as "asAtDate", hours_per_week::float8 as "hoursPerWeek"
            from education_hours where child_id = ${childId} order by as_at_date desc`,
    ),
  ]);
  return {
    dateOfBirth: child[0]?.dateOfBirth ?? null,
    periods,
    healthChecks,
    statuses,
    sdqs,
    substanceMisuse: substance,
    convictions: offending,
    schools,
    peps,
    hours,
  };
}

/** One health assessment of the child's, for its correction page. */
export async function healthAssessmentOf(db: Db, childId: string, id: string): Promise<HealthCheckView | null> {
  if (!isUuid(id)) return null;
  const [found] = await rows<HealthCheckView>(
    db,
    sql`select id, check_type as "checkType", assessment_type as "assessmentType", check_date::text as "checkDate",
               completed_by as "completedBy", version
          from cla_health_checks where child_id = ${childId} and id = ${id} and check_type = 'health_assessment'`,
  );
  return found ?? null;
}

/** The rules health and education's pages meet. */
export const healthAndEducationRuleIds = [
  'initial-health-assessment',
  'review-health-assessment',
  'dental-check',
  'pep-initiated',
  'pep-review',
] as const;

const ruleIds = new Set<string>(healthAndEducationRuleIds);

/** The child's obligations under the health and education rules. */
export function onlyHealthAndEducation(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => ruleIds.has(o.ruleId));
}

// ── the SSDA903 OC2 table ────────────────────────────────────────────────────

/** What the record holds for one child of the OC2 cohort, as at the year's end. */
export interface Oc2Facts {
  childId: string;
  dateOfBirth: string;
  /** The period of care that has lasted the whole year. */
  carePeriodId: string;
  careStartDate: string;
  /** The latest health assessment on or before 31 March, and the child's age then decides whether it is up to date. */
  lastHealthAssessment: string | null;
  /** A dental check in the year (1 April to 31 March). */
  dentalCheckInYear: boolean;
  /** The latest status as at 31 March, or null if none is recorded. */
  immunisationsUpToDate: boolean | null;
  healthSurveillanceUpToDate: boolean | null;
  /** The latest questionnaire in the year: its score or the reason there is none. */
  sdqScore: number | null;
  sdqReason: string | null;
  /** A substance misuse problem identified in the year, and for the latest, the intervention. */
  substanceMisuse: boolean;
  interventionReceived: boolean | null;
  interventionOffered: boolean | null;
  /** A conviction or (conditional) youth caution in the year. */
  convicted: boolean;
  /** Education, as at 31 March: the school then, the PEP of the period and its last meeting, the hours then. */
  schoolName: string | null;
  schoolUrn: string | null;
  pepInitiated: string | null;
  lastPepMeeting: string | null;
  hoursPerWeek: number | null;
}

/** 1 April of the collection year ending on `yearEnd` (a 31 March). */
export const oc2YearStart = (yearEnd: string) => addCalendarYears(yearEnd, -1).replace(/-03-31$/, '-04-01');

/**
 * The children the SSDA903 OC2 table is about for the year ending `yearEnd` ('YYYY-03-31'),
 * with their health and education facts: those looked after continuously for at least 12
 * months at 31 March, read as the DfE's OC2 rules read it (src/returns/ssda903/rules/oc2.ts):
 * a period of care begun on or before 1 April of the year before, not ended before 31 March,
 * and not an agreed series of short breaks. A child's facts are the record's, as at 31 March;
 * `oc2Codes` turns them into the table's codes. One child's, when `childId` is given.
 */
export async function oc2Cohort(db: Db, yearEnd: string, childId?: string): Promise<Oc2Facts[]> {
  const start = oc2YearStart(yearEnd);
  return rows<Oc2Facts>(
    db,
    sql`select k.id as "childId", k.date_of_birth::text as "dateOfBirth", c.id as "carePeriodId", c.start_date::text as "careStartDate",
               (select max(h.check_date)::text from cla_health_checks h
                 where h.child_id = k.id and h.check_type = 'health_assessment' and h.check_date <= ${yearEnd}) as "lastHealthAssessment",
               exists (select 1 from cla_health_checks h where h.child_id = k.id and h.check_type = 'dental_check'
                        and h.check_date between ${start} and ${yearEnd}) as "dentalCheckInYear",
               (select s.up_to_date from cla_health_statuses s where s.child_id = k.id and s.kind = 'immunisations' and s.as_at_date <= ${yearEnd}
                 order by s.as_at_date desc limit 1) as "immunisationsUpToDate",
               (select s.up_to_date from cla_health_statuses s where s.child_id = k.id and s.kind = 'health_surveillance' and s.as_at_date <= ${yearEnd}
                 order by s.as_at_date desc limit 1) as "healthSurveillanceUpToDate",
               q.score as "sdqScore", q.reason as "sdqReason",
               (m.id is not null) as "substanceMisuse", m.intervention_received as "interventionReceived",
               m.intervention_offered as "interventionOffered",
               exists (select 1 from cla_convictions v where v.child_id = k.id and v.outcome_date between ${start} and ${yearEnd}) as convicted,
               sc.school_name as "schoolName", sc.urn as "schoolUrn",
               p.initiated_date::text as "pepInitiated",
               (select max(pm.meeting_date)::text from pep_meetings pm where pm.pep_id = p.id and pm.meeting_date <= ${yearEnd}) as "lastPepMeeting",
               (select e.hours_per_week::float8 from education_hours e where e.child_id = k.id and e.as_at_date <= ${yearEnd}
                 order by e.as_at_date desc limit 1) as "hoursPerWeek"
          from care_periods c
          join children k on k.id = c.child_id
          left join lateral (select score, reason from cla_sdq_scores s where s.child_id = k.id and s.completed_date between ${start} and ${yearEnd}
                              order by s.completed_date desc, s.created_at desc limit 1) q on true
          left join lateral (select id, intervention_received, intervention_offered from cla_substance_misuse s
                              where s.child_id = k.id and s.identified_date between ${start} and ${yearEnd}
                              order by s.identified_date desc limit 1) m on true
          left join lateral (select school_name, urn from cla_schools s where s.child_id = k.id and s.from_date <= ${yearEnd}
                              order by s.from_date desc limit 1) sc on true
          left join personal_education_plans p on p.care_period_id = c.id and p.initiated_date <= ${yearEnd}
         where c.start_date <= ${start} and (c.end_date is null or c.end_date >= ${yearEnd}) and not c.short_breaks
           and k.date_of_birth is not null ${childId ? sql`and k.id = ${childId}` : sql``}
         order by k.id`,
  );
}

/** The OC2 columns as DfE codes them: '1' yes, '0' no, '' not applicable or not known. */
export interface Oc2Codes {
  SDQ_SCORE: string;
  SDQ_REASON: string;
  CONVICTED: string;
  HEALTH_CHECK: string;
  IMMUNISATIONS: string;
  TEETH_CHECK: string;
  HEALTH_ASSESSMENT: string;
  SUBSTANCE_MISUSE: string;
  INTERVENTION_RECEIVED: string;
  INTERVENTION_OFFERED: string;
}

const bit = (b: boolean) => (b ? '1' : '0');

/**
 * One child's OC2 codes from the facts, as at 31 March. A health assessment is up to date if
 * the next one reg 7 asks for was not yet due: 6 months after one done before the fifth
 * birthday, 12 months after one from five. Health surveillance checks are asked only of
 * children under 5 at 31 March; the SDQ only of children aged 4 to 16 at some time in the
 * year; conviction only of those 10 or over (the age of criminal responsibility). Whether an
 * intervention was offered is given only when none was received.
 */
export function oc2Codes(f: Oc2Facts, yearEnd: string): Oc2Codes {
  const ageAtEnd = ageOn(f.dateOfBirth, yearEnd);
  const ageAtStart = ageOn(f.dateOfBirth, oc2YearStart(yearEnd));
  const assessedUpToDate =
    f.lastHealthAssessment !== null &&
    addCalendarMonths(f.lastHealthAssessment, ageOn(f.dateOfBirth, f.lastHealthAssessment) < 5 ? 6 : 12) >= yearEnd;
  // a child who turns 4 or 17 in the year is still asked (DfE's 197B); not one under 4 at its end or 17 at its start (188, 189)
  const sdqAge = ageAtEnd >= 4 && ageAtStart <= 16;
  return {
    SDQ_SCORE: sdqAge && f.sdqScore !== null ? String(f.sdqScore) : '',
    SDQ_REASON: sdqAge && f.sdqScore === null && f.sdqReason ? f.sdqReason : '',
    CONVICTED: ageAtEnd >= 10 ? bit(f.convicted) : '',
    HEALTH_CHECK: ageAtEnd < 5 && f.healthSurveillanceUpToDate !== null ? bit(f.healthSurveillanceUpToDate) : '',
    IMMUNISATIONS: bit(f.immunisationsUpToDate === true),
    TEETH_CHECK: bit(f.dentalCheckInYear),
    HEALTH_ASSESSMENT: bit(assessedUpToDate),
    SUBSTANCE_MISUSE: bit(f.substanceMisuse),
    INTERVENTION_RECEIVED: f.substanceMisuse && f.interventionReceived !== null ? bit(f.interventionReceived) : '',
    INTERVENTION_OFFERED:
      f.substanceMisuse && f.interventionReceived === false && f.interventionOffered !== null ? bit(f.interventionOffered) : '',
  };
}
