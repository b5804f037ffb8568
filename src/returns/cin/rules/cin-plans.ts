/** Rules about child in need plans (CINPlanDates). */
import { has } from '../dates.js';
import { type PChild, type PPlan, childRule } from './rule.js';

function plansOf(c: PChild): PPlan[] {
  const all: PPlan[] = [];
  for (const e of c.episodes) for (const p of e.plans) all.push(p);
  return all;
}

/** Spans overlap when one starts before the other ends (open spans run on). */
function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const ae = has(aEnd) ? aEnd : Infinity;
  const be = has(bEnd) ? bEnd : Infinity;
  return aStart < be && bStart < ae;
}

/** 4000: no CIN plan in a referral with no further action. */
export const rule4000 = childRule('4000', (c) => c.episodes.some((e) => e.nfa && e.plans.length > 0));

/** 4001: a CIN plan does not run at the same time as a child protection plan. */
export const rule4001 = childRule('4001', (c) =>
  c.episodes.some((e) => e.plans.some((p) => has(p.start) && e.cpps.some((k) => has(k.start) && overlaps(p.start, p.end, k.start, k.end)))),
);

/** 4003: no child protection review held while a CIN plan is open. */
export const rule4003 = childRule('4003', (c) =>
  c.episodes.some((e) =>
    e.cpps.some((k) => k.reviews.some((r) => e.plans.some((p) => r >= p.start && (!has(p.end) || r <= p.end)))),
  ),
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

/** 4014: a child's CIN plans do not overlap. */
export const rule4014 = childRule('4014', (c) => {
  const plans = plansOf(c).filter((p) => has(p.start));
  for (let i = 0; i < plans.length; i++) {
    for (let j = i + 1; j < plans.length; j++) {
      const a = plans[i]!;
      const b = plans[j]!;
      if (overlaps(a.start, a.end, b.start, b.end)) return true;
    }
  }
  return false;
});

/** 4015: a CIN plan does not start before the referral. */
export const rule4015 = childRule('4015', (c) => c.episodes.some((e) => e.plans.some((p) => p.start < e.referral)));

/** 4016: a CIN plan does not start while a child protection plan is open. */
export const rule4016 = childRule('4016', (c) =>
  c.episodes.some((e) =>
    e.plans.some((p) => e.cpps.some((k) => p.start >= k.start && (!has(k.end) || p.start < k.end))),
  ),
);

/** 4017: a child protection plan does not start while a CIN plan is open. */
export const rule4017 = childRule('4017', (c) =>
  c.episodes.some((e) =>
    e.plans.some((p) => e.cpps.some((k) => k.start >= p.start && (!has(p.end) || k.start < p.end))),
  ),
);

export const cinPlanRules = [rule4000, rule4001, rule4003, rule4004, rule4010, rule4011, rule4012Q, rule4013, rule4014, rule4015, rule4016, rule4017];
