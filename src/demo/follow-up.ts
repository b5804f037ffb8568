/**
 * What follows the demo's help and protection episodes on the record: the case closure each
 * time a child's last open referral closed (with step-down to early help), transition planning
 * for disabled children reaching the planning age, case notes on open cases (some recorded
 * late, as Ofsted asked to be counted in 2014), and disputes about plans raised by conference
 * chairs and reviewing officers. Drawn from streams of its own, after the rest, so the rest of
 * the authority is unchanged by it.
 */
import type { caseClosures, caseNotes, disputeStages, planDisputes, transitionPlans } from '../schema.js';
import type { CaseworkRows } from './casework.js';
import type { Days } from './days.js';
import type { Random } from './random.js';

type IsoDate = string;

export interface FollowUpRows {
  caseClosures: (typeof caseClosures.$inferInsert)[];
  transitionPlans: (typeof transitionPlans.$inferInsert)[];
  caseNotes: (typeof caseNotes.$inferInsert)[];
  planDisputes: (typeof planDisputes.$inferInsert)[];
  disputeStages: (typeof disputeStages.$inferInsert)[];
}

export function emptyFollowUpRows(): FollowUpRows {
  return { caseClosures: [], transitionPlans: [], caseNotes: [], planDisputes: [], disputeStages: [] };
}

/** The parts of the planned record the follow-up reads. */
export interface FollowUpSource extends Pick<CaseworkRows, 'cpPlans' | 'cinPlans'> {
  children: { id?: string; dateOfBirth?: string | null; firstName: string }[];
  childDisabilities: { childId: string; code: string }[];
  referrals: { childId: string; referralDate: string; closedDate?: string | null; closureReason?: string | null }[];
  allocations: { childId: string; workerId?: string | null; endedAt?: Date | null }[];
  carePeriods: { childId: string; startDate: string; endDate?: string | null }[];
}

export interface FollowUpContext {
  cal: Days;
  today: IsoDate;
  rng: Random;
  ids: Random;
  /** A synthetic person's full name. */
  name: () => string;
}

/** Step-down to early help: always for RC9, sometimes when services ceased (RC7). */
const STEP_DOWN_WHEN_CEASED = 0.3;
/** Transition planning: by the 16th birthday for most; late for some; not yet for the rest (Ofsted found it starting after 17). */
const TRANSITION = { onTime: 0.7, late: 0.2 };
/** Case notes on each open case, over the last three months. */
const NOTES_PER_OPEN_CASE = { min: 1, max: 5 };
/** Share of open child protection and child in need plans with a dispute raised in the last six months. */
const DISPUTED = { cp: 0.03, cin: 0.01 };

const closureSummaries: Record<string, string[]> = {
  RC1: ['The child was adopted; the case closes with the adoption order.'],
  RC2: ['The child died; the case closes. The notification and review are recorded on the record.'],
  RC3: ['A child arrangements order was made; the family no longer needs children’s social care.'],
  RC4: ['A special guardianship order was made; support continues through the special guardianship support plan.'],
  RC5: ['The family moved; the case transferred to the receiving authority after a transfer meeting.'],
  RC6: ['The young person turned 18 and transferred to adult social care.'],
  RC7: [
    'The plan’s outcomes were met and reviewed with the family; the child is no longer in need.',
    'Services ended after the review: the family is managing with universal services.',
    'The parents withdrew consent and there are no child protection concerns.',
  ],
  RC8: ['The assessment found no need for children’s social care; the family was given advice.'],
  RC9: ['The assessment found needs that early help can meet; the family agreed to early help.'],
};
const earlyHelpProviders = [
  'Early help hub, North',
  'Early help hub, Central',
  'Early help hub, South',
  'Family support service',
  'School early help lead',
  'Children’s centre family worker',
];
const transitionLeads = [
  'Transitions worker, disabled children’s team',
  'Adult social care transitions team',
  'Social worker and SEND caseworker',
];
const transitionSummaries = [
  'Preparing for adulthood: education after 16, short breaks into adult services, and the Care Act assessment before 18.',
  'Housing, health and college options reviewed with the young person and parents; the education, health and care plan updated.',
  'What the young person wants at 18: where to live, day opportunities and who will help with money.',
];
const noteKinds = {
  telephone_call: 35,
  management_oversight: 20,
  supervision_discussion: 15,
  multi_agency_meeting: 15,
  visit: 15,
} as const;
const noteTexts: Record<keyof typeof noteKinds, [string, string][]> = {
  telephone_call: [
    ['Call with the school', 'Attendance improving this half term; the designated safeguarding lead has no new concerns.'],
    ['Call with mother', 'Mother asked about the next meeting; dates agreed and she will bring the health visitor’s letter.'],
    ['Call from the health visitor', 'Weight checked and on track; the next developmental review is booked.'],
  ],
  management_oversight: [
    ['Management oversight', 'Plan reviewed with the worker: actions on track; visits to continue at the set frequency.'],
    ['Management oversight: drift', 'Assessment past its timescale; agreed the remaining work and a date to complete it.'],
  ],
  supervision_discussion: [
    ['Supervision discussion', 'Reflected on the father’s engagement; agreed to invite him separately to the next core group.'],
    ['Supervision discussion', 'Risks reviewed against the plan; no change to the level of intervention.'],
  ],
  multi_agency_meeting: [
    ['Professionals’ meeting', 'School, health and police shared updates; actions set for each agency.'],
    ['Team around the family', 'Family attended; the plan’s actions reviewed and next steps agreed.'],
  ],
  visit: [
    ['Unannounced visit', 'Home conditions acceptable; the child was seen and spoke about school.'],
    ['Home visit', 'Seen with the parent; the child showed the worker their room.'],
  ],
};
const disputeConcerns = [
  'The plan has had no core group for two months and actions are not being followed up.',
  'The plan does not address the risk from the father’s return to the household.',
  'Actions agreed at the last conference have not started; the child has not been seen alone.',
  'The plan’s outcomes are not specific enough to review progress.',
];
const disputeResolutions = [
  'Core group rearranged and actions given owners and dates; the chair is satisfied.',
  'The plan was updated and a review brought forward.',
  'The service manager agreed a new allocation and a visit within five working days.',
];

export function planFollowUp(source: FollowUpSource, ctx: FollowUpContext): FollowUpRows {
  const { cal, today: T, rng, ids, name } = ctx;
  const yesterday = cal.addDays(T, -1);
  const out = emptyFollowUpRows();

  const referralsOf = groupBy(source.referrals, (r) => r.childId);
  // a case with a plan or a period of care open does not close
  const plansOf = groupBy([...source.cpPlans, ...source.cinPlans, ...source.carePeriods], (p) => p.childId);
  const worker = new Map<string, string>();
  for (const a of source.allocations) if (!a.endedAt && a.workerId) worker.set(a.childId, a.workerId);

  // ── Case closures: each day a child's last open referral closed, with no plan open ──
  for (const [childId, list] of referralsOf) {
    const plans = plansOf.get(childId) ?? [];
    const closedOn = new Map<IsoDate, string>();
    for (const r of [...list].sort((a, b) => (a.referralDate < b.referralDate ? -1 : 1))) {
      if (!r.closedDate || !r.closureReason) continue;
      const c = r.closedDate;
      const stillOpen = list.some((o) => o !== r && o.referralDate <= c && (!o.closedDate || o.closedDate > c));
      const planOpen = plans.some((p) => p.startDate! <= c && (!p.endDate || p.endDate > c));
      if (!stillOpen && !planOpen) closedOn.set(c, r.closureReason);
    }
    for (const [closedDate, reason] of closedOn) {
      const stepDown = reason === 'RC9' || (reason === 'RC7' && rng.chance(STEP_DOWN_WHEN_CEASED));
      out.caseClosures.push({
        id: ids.uuid(),
        childId,
        closedDate,
        reason,
        summary: rng.pick(closureSummaries[reason] ?? closureSummaries.RC7!),
        stepDownToEarlyHelp: stepDown,
        earlyHelpProvider: stepDown ? rng.pick(earlyHelpProviders) : null,
        createdAt: new Date(cal.at(closedDate, 16)),
      });
    }
  }

  // ── Transition planning for disabled children known at or after their 16th birthday ──
  const disabled = new Set(source.childDisabilities.filter((d) => d.code !== 'NONE').map((d) => d.childId));
  for (const child of source.children) {
    if (!child.id || !child.dateOfBirth || !disabled.has(child.id)) continue;
    const sixteenth = cal.addMonths(child.dateOfBirth, 16 * 12);
    const eighteenth = cal.addMonths(child.dateOfBirth, 18 * 12);
    if (sixteenth > T) continue;
    // the referral open around the 16th birthday (or the first after it, before 18)
    const known = (referralsOf.get(child.id) ?? [])
      .filter((r) => r.referralDate <= T && r.referralDate < eighteenth && (!r.closedDate || r.closedDate >= cal.addDays(sixteenth, -180)))
      .sort((a, b) => (a.referralDate < b.referralDate ? -1 : 1))[0];
    if (!known) continue;
    const draw = rng.next();
    let started: IsoDate | null = null;
    if (draw < TRANSITION.onTime) started = cal.addDays(sixteenth, -rng.int(0, 150));
    else if (draw < TRANSITION.onTime + TRANSITION.late) started = cal.addDays(sixteenth, rng.int(30, 400));
    if (!started) continue;
    if (started < known.referralDate) started = known.referralDate;
    if (started > yesterday || (known.closedDate && started > known.closedDate)) continue;
    out.transitionPlans.push({
      id: ids.uuid(),
      childId: child.id,
      startedDate: started,
      lead: rng.pick(transitionLeads),
      adultServicesInvolved: rng.chance(0.6),
      summary: rng.pick(transitionSummaries),
      createdAt: new Date(cal.at(started, 15)),
      updatedAt: new Date(cal.at(started, 15)),
    });
  }

  // ── Case notes on open cases, over the last three months ──
  const threeMonthsAgo = cal.addMonths(T, -3);
  for (const [childId, list] of referralsOf) {
    const open = list.filter((r) => !r.closedDate && r.referralDate <= yesterday);
    if (open.length === 0) continue;
    const from = [threeMonthsAgo, ...open.map((r) => r.referralDate)].sort().at(-1)!;
    const n = rng.int(NOTES_PER_OPEN_CASE.min, NOTES_PER_OPEN_CASE.max);
    for (let i = 0; i < n; i++) {
      const eventDate = cal.workingDayOnOrBefore(cal.iso(rng.int(cal.num(from), cal.num(yesterday))));
      if (eventDate < from) continue;
      const kind = rng.weighted(noteKinds);
      const [summary, note] = rng.pick(noteTexts[kind]);
      // most the same day or the next few; some a week or more later
      const delay = rng.chance(0.8) ? rng.int(0, 2) : rng.chance(0.6) ? rng.int(3, 9) : rng.int(10, 30);
      let recordedDate = cal.addWorkingDays(eventDate, delay);
      if (recordedDate > T) recordedDate = T;
      const hour = rng.int(9, 17);
      out.caseNotes.push({
        id: ids.uuid(),
        childId,
        kind,
        eventDate,
        eventTime:
          kind === 'telephone_call' || kind === 'visit' ? `${String(hour).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}` : null,
        summary,
        note,
        recordedDate,
        recordingWorkingDays: Math.max(0, cal.workingDaysBetween(eventDate, recordedDate)),
        recordedAt: new Date(cal.at(recordedDate, Math.min(hour + 1, 18))),
        workerId: worker.get(childId) ?? null,
        updatedAt: new Date(cal.at(recordedDate, Math.min(hour + 1, 18))),
      });
    }
  }

  // ── Disputes about plans open today, raised in the last six months ──
  const sixMonthsAgo = cal.addMonths(T, -6);
  const dispute = (childId: string, plan: { id?: string; startDate?: string }, kind: 'child_protection' | 'child_in_need') => {
    const earliest = plan.startDate! > sixMonthsAgo ? plan.startDate! : sixMonthsAgo;
    if (earliest >= yesterday) return;
    const raised = cal.workingDayOnOrBefore(cal.iso(rng.int(cal.num(earliest), cal.num(yesterday))));
    if (raised < earliest) return;
    const id = ids.uuid();
    const raisedBy = kind === 'child_protection' ? 'conference_chair' : 'reviewing_officer';
    let from = raised;
    let resolved: { date: IsoDate; text: string } | null = null;
    const stages: (typeof disputeStages.$inferInsert)[] = [];
    for (let stage = 1; stage <= 3; stage++) {
      const due = cal.addWorkingDays(from, 5);
      const respondBy = cal.addWorkingDays(from, rng.chance(0.7) ? rng.int(1, 5) : rng.int(6, 15));
      const responded = respondBy <= yesterday ? respondBy : null;
      stages.push({
        id: ids.uuid(),
        childId,
        disputeId: id,
        stage,
        startedDate: from,
        addressedTo: stage === 1 ? `${name()}, team manager` : stage === 2 ? `${name()}, service manager` : `${name()}, head of service`,
        dueDate: due,
        respondedDate: responded,
        response: responded ? 'Response given with the actions to put the plan right.' : null,
      });
      if (!responded) break;
      if (rng.chance(0.65)) {
        const on = cal.addWorkingDays(responded, rng.int(0, 3));
        if (on <= yesterday) resolved = { date: on, text: rng.pick(disputeResolutions) };
        break;
      }
      const next = cal.addWorkingDays(responded, rng.int(1, 3));
      if (next > yesterday) break;
      from = next;
    }
    out.planDisputes.push({
      id,
      childId,
      planKind: kind,
      cpPlanId: kind === 'child_protection' ? plan.id! : null,
      cinPlanId: kind === 'child_in_need' ? plan.id! : null,
      raisedByRole: raisedBy,
      raisedByName: name(),
      raisedDate: raised,
      concern: rng.pick(disputeConcerns),
      resolvedDate: resolved?.date ?? null,
      resolution: resolved?.text ?? null,
      createdAt: new Date(cal.at(raised, 12)),
      updatedAt: new Date(cal.at(resolved?.date ?? stages.at(-1)!.respondedDate ?? raised, 12)),
    });
    out.disputeStages.push(...stages);
  };
  for (const p of source.cpPlans) if (!p.endDate && p.startDate! <= T && rng.chance(DISPUTED.cp)) dispute(p.childId, p, 'child_protection');
  for (const p of source.cinPlans) if (!p.endDate && p.startDate! <= T && rng.chance(DISPUTED.cin)) dispute(p.childId, p, 'child_in_need');

  return out;
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const found = out.get(k);
    if (found) found.push(item);
    else out.set(k, [item]);
  }
  return out;
}
