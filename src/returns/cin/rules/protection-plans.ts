/** Rules about child protection plans and their reviews. */
import { has } from '../dates.js';
import { type PChild, type PProtectionPlan, childRule, returnRule, startsWithinAnother } from './rule.js';

function anyPlan(c: PChild, test: (p: PProtectionPlan) => boolean): boolean {
  for (const e of c.episodes) for (const p of e.cpps) if (test(p)) return true;
  return false;
}

function plansOf(c: PChild): PProtectionPlan[] {
  return c.cpps;
}

/** 1105: a protection plan does not start before the referral. */
export const rule1105 = childRule('1105', (c) => c.episodes.some((e) => e.cpps.some((p) => p.start < e.referral)));

/**
 * 2883: across the return, the protection plans starting in the census period are no more
 * than the initial conferences held in it (at episode level and in section 47 modules).
 */
export const rule2883 = returnRule(
  '2883',
  (_ret, children, ctx) => {
    const inPeriod = (d: number) => d >= ctx.start && d <= ctx.end;
    let plans = 0;
    let conferences = 0;
    for (const c of children!) {
      for (const e of c.episodes) {
        if (inPeriod(e.icpc)) conferences++;
        for (const s of e.s47) if (inPeriod(s.icpc)) conferences++;
        for (const p of e.cpps) if (inPeriod(p.start)) plans++;
      }
    }
    return plans > conferences;
  },
  true,
);

/**
 * 2885: a protection plan starting in the census period starts on the day of an initial
 * conference: one in a section 47 module of its episode, or the episode-level conference
 * when the episode has no section 47 module.
 */
export const rule2885 = childRule('2885', (c, ctx) =>
  c.episodes.some((e) =>
    e.cpps.some((p) => {
      if (!(p.start >= ctx.start && p.start <= ctx.end)) return false;
      return e.s47.length > 0 ? !e.s47.some((s) => s.icpc === p.start) : p.start !== e.icpc;
    }),
  ),
);

/** 8565: nothing in a closed episode is dated after its closure. */
export const rule8565 = childRule('8565', (c) =>
  c.episodes.some((e) => {
    const close = e.closure;
    if (!has(close)) return false;
    if (e.icpc > close) return true;
    for (const a of e.assessments) if (a.start > close || a.authorised > close) return true;
    for (const s of e.s47) if (s.start > close || s.icpc > close) return true;
    for (const p of e.cpps) if (p.end > close) return true;
    for (const p of e.plans) if (p.start > close || p.end > close) return true;
    return false;
  }),
);

/** 8720: a protection plan start date present and on or before the end of the census period. */
export const rule8720 = childRule('8720', (c, ctx) => anyPlan(c, (p) => !(p.start <= ctx.end)));

/** 8730: the number of previous protection plans is given, zero or more. */
export const rule8730 = childRule('8730', (c) =>
  anyPlan(c, (p) => p.raw.NumberOfPreviousCPP === null || !/^\+?\d+$/.test(p.raw.NumberOfPreviousCPP)),
);

/** 8832: no protection plan in a referral with no further action. */
export const rule8832 = childRule('8832', (c) => c.episodes.some((e) => e.nfa && e.cpps.length > 0));

/** 8840: a protection plan does not start and end on the same day. */
export const rule8840 = childRule('8840', (c) => anyPlan(c, (p) => p.start === p.end));

/** 8841: every review is after the plan started. */
export const rule8841 = childRule('8841', (c) => anyPlan(c, (p) => p.reviews.some((r) => r <= p.start)));

/** 8842Q: a review without a date. */
export const rule8842Q = childRule('8842Q', (c) => anyPlan(c, (p) => p.reviews.some((r) => !has(r))));

/** 8905: initial category of abuse present and one of the year's codes. */
export const rule8905 = childRule('8905', (c, ctx) =>
  anyPlan(c, (p) => p.raw.InitialCategoryOfAbuse === null || !ctx.schema.codeSets.categoryOfAbuse.has(p.raw.InitialCategoryOfAbuse)),
);

/** 8910: latest category of abuse present and one of the year's codes. */
export const rule8910 = childRule('8910', (c, ctx) =>
  anyPlan(c, (p) => p.raw.LatestCategoryOfAbuse === null || !ctx.schema.codeSets.categoryOfAbuse.has(p.raw.LatestCategoryOfAbuse)),
);

/** 8915: a protection plan does not start after the child's death. */
export const rule8915 = childRule('8915', (c) => has(c.death) && anyPlan(c, (p) => p.start > c.death));

/** 8920: a protection plan does not end after the child's death. */
export const rule8920 = childRule('8920', (c) => has(c.death) && anyPlan(c, (p) => p.end > c.death));

/** 8925: a protection plan does not end before it starts. */
export const rule8925 = childRule('8925', (c) => anyPlan(c, (p) => p.end < p.start));

/** 8930: a protection plan end date within the census period. */
export const rule8930 = childRule('8930', (c, ctx) => anyPlan(c, (p) => has(p.end) && (p.end < ctx.start || p.end > ctx.end)));

/** 8935: at most one open protection plan for a child. */
export const rule8935 = childRule('8935', (c) => plansOf(c).filter((p) => !has(p.end)).length > 1);

/**
 * 8940: within an episode, no protection plan starts on or between another plan's start
 * and end (or the reference date, for an open plan). Plans in different episodes cannot
 * overlap without the episodes overlapping, which 8820 reports.
 */
export const rule8940 = childRule('8940', (c, ctx) =>
  c.episodes.some((e) =>
    startsWithinAnother(
      e.cpps,
      (p) => p.start,
      (p) => (has(p.end) ? p.end : ctx.end),
    ),
  ),
);

export const protectionPlanRules = [
  rule1105,
  rule2883,
  rule2885,
  rule8565,
  rule8720,
  rule8730,
  rule8832,
  rule8840,
  rule8841,
  rule8842Q,
  rule8905,
  rule8910,
  rule8915,
  rule8920,
  rule8925,
  rule8930,
  rule8935,
  rule8940,
];
