/** Rules about child in need plans (CINPlanDates). */
import { has } from '../dates.js';
import { type PChild, type PPlan, childRule, startsWithinAnother } from './rule.js';

function plansOf(c: PChild): PPlan[] {
  return c.plans;
}

/** 4000: no CIN plan in a referral with no further action. */
export const rule4000 = childRule('4000', (c) => c.episodes.some((e) => e.nfa && e.plans.length > 0));

/** 4001: an episode with an open protection plan (no end date) has no open CIN plan. */
export const rule4001 = childRule('4001', (c) =>
  c.episodes.some((e) => e.cpps.some((k) => !has(k.end)) && e.plans.some((p) => !has(p.end))),
);

/**
 * 4003: within an episode, no protection plan review falls between a CIN plan's start and
 * end dates (from the start day, before the end day), unless the review is on the day the
 * protection plan ended. DfE's text names the plan's start and end only, so a plan with no
 * end date is not looked at (unlike 4014, 4016 and 4017, which say to use the reference date).
 */
export const rule4003 = childRule('4003', (c) =>
  c.episodes.some((e) => e.cpps.some((k) => k.reviews.some((r) => r !== k.end && e.plans.some((p) => r >= p.start && r < p.end)))),
);

/** 4004: at most one open CIN plan (no end date) for a child. */
export const rule4004 = childRule('4004', (c) => plansOf(c).filter((p) => !has(p.end)).length > 1);

/** 4010: a CIN plan start date present and on or before the end of the census period. */
export const rule4010 = childRule('4010', (c, ctx) => plansOf(c).some((p) => !(p.start <= ctx.end)));

/** 4011: a CIN plan does not end before it starts. */
export const rule4011 = childRule('4011', (c) => plansOf(c).some((p) => p.end < p.start));

/** 4012Q: a CIN plan that starts and ends on the same day. */
export const rule4012Q = childRule('4012Q', (c) => plansOf(c).some((p) => p.end === p.start));

/** 4013: a CIN plan end date within the census period. */
export const rule4013 = childRule('4013', (c, ctx) => plansOf(c).some((p) => has(p.end) && (p.end < ctx.start || p.end > ctx.end)));

/**
 * 4014: no CIN plan of a child starts on or between another plan's start and end (or the
 * reference date, for an open plan).
 */
export const rule4014 = childRule('4014', (c, ctx) =>
  startsWithinAnother(
    plansOf(c),
    (p) => p.start,
    (p) => (has(p.end) ? p.end : ctx.end),
  ),
);

/** 4015: a CIN plan does not start before the referral. */
export const rule4015 = childRule('4015', (c) => c.episodes.some((e) => e.plans.some((p) => p.start < e.referral)));

function protectionPlansOf(c: PChild): { start: number; end: number }[] {
  return c.cpps;
}

/**
 * 4016: no CIN plan starts on or between a protection plan's start and end (or the
 * reference date, for an open plan), unless it starts on the day the protection plan ends.
 */
export const rule4016 = childRule('4016', (c, ctx) => {
  const plans = plansOf(c);
  if (plans.length === 0) return false;
  const cpps = protectionPlansOf(c);
  return plans.some((p) => cpps.some((k) => p.start !== k.end && p.start >= k.start && p.start <= (has(k.end) ? k.end : ctx.end)));
});

/**
 * 4017: no protection plan starts on or between a CIN plan's start and end (or the
 * reference date, for an open plan), unless it starts on the day the CIN plan ends.
 */
export const rule4017 = childRule('4017', (c, ctx) => {
  const plans = plansOf(c);
  if (plans.length === 0) return false;
  const cpps = protectionPlansOf(c);
  return cpps.some((k) => plans.some((p) => k.start !== p.end && k.start >= p.start && k.start <= (has(p.end) ? p.end : ctx.end)));
});

export const cinPlanRules = [
  rule4000,
  rule4001,
  rule4003,
  rule4004,
  rule4010,
  rule4011,
  rule4012Q,
  rule4013,
  rule4014,
  rule4015,
  rule4016,
  rule4017,
];
