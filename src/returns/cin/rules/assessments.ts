/** Rules about assessments and the factors identified at assessment. */
import { has } from '../dates.js';
import { type PAssessment, childRule, startsWithinAnother } from './rule.js';

function anyAssessment(c: Parameters<Parameters<typeof childRule>[1]>[0], test: (a: PAssessment) => boolean): boolean {
  for (const e of c.episodes) for (const a of e.assessments) if (test(a)) return true;
  return false;
}

/** 1103: an assessment does not start before the referral. */
export const rule1103 = childRule('1103', (c) => c.episodes.some((e) => e.assessments.some((a) => a.start < e.referral)));

/** 8608: an assessment does not start after it was authorised. */
export const rule8608 = childRule('8608', (c) => anyAssessment(c, (a) => a.start > a.authorised));

/** 8614: factors only for a completed (authorised) assessment. */
export const rule8614 = childRule('8614', (c) => anyAssessment(c, (a) => !has(a.authorised) && a.factors.length > 0));

/** 8670Q: an assessment still open at the end of the year started no more than 45 working days before it. */
export const rule8670Q = childRule('8670Q', (c, ctx) =>
  anyAssessment(c, (a) => !has(a.authorised) && a.start < ctx.assessmentOverdueBefore),
);

/** 8696: an authorisation date within the census period. */
export const rule8696 = childRule('8696', (c, ctx) =>
  anyAssessment(c, (a) => has(a.authorised) && (a.authorised < ctx.start || a.authorised > ctx.end)),
);

/** 8736: an assessment not yet completed started within the census period. */
export const rule8736 = childRule('8736', (c, ctx) =>
  anyAssessment(c, (a) => !has(a.authorised) && !(a.start >= ctx.start && a.start <= ctx.end)),
);

/**
 * 8863Q: within an episode, no assessment starts on or between another's start and its
 * authorisation, or, for one not yet authorised, its start and the reference date. An
 * assessment recorded twice with the same dates is still another assessment group starting
 * while the first is ongoing, so is queried.
 */
export const rule8863Q = childRule('8863Q', (c, ctx) =>
  c.episodes.some((e) =>
    startsWithinAnother(
      e.assessments,
      (a) => a.start,
      (a) => (has(a.authorised) ? a.authorised : ctx.end),
    ),
  ),
);

/** 8869: factor 21 (no factors identified) is not used with other factors. */
export const rule8869 = childRule('8869', (c) => anyAssessment(c, (a) => a.factors.length > 1 && a.factors.includes('21')));

/** 8873Q: an episode whose only assessment found no factors (21) has reason for closure RC8 or RC9. */
export const rule8873Q = childRule('8873Q', (c) =>
  c.episodes.some(
    (e) =>
      e.assessments.length === 1 &&
      e.assessments[0]!.factors.includes('21') &&
      e.raw.ReasonForClosure !== 'RC8' &&
      e.raw.ReasonForClosure !== 'RC9',
  ),
);

/** 8896: at most one open assessment in an episode. */
export const rule8896 = childRule('8896', (c) =>
  c.episodes.some((e) => {
    let open = 0;
    for (const a of e.assessments) if (!has(a.authorised)) open++;
    return open > 1;
  }),
);

/** 8897Q: an assessment authorised on or after the start of the census year records one or more factors, all valid. */
export const rule8897Q = childRule('8897Q', (c, ctx) =>
  anyAssessment(
    c,
    (a) =>
      a.authorised >= ctx.start &&
      (a.factors.length === 0 || a.factors.some((f) => f === null || !ctx.schema.codeSets.assessmentFactors.has(f))),
  ),
);

/** 8898: no factor recorded twice in one assessment. */
export const rule8898 = childRule('8898', (c) =>
  anyAssessment(c, (a) => {
    const f = a.factors.filter((x) => x !== null);
    return new Set(f).size !== f.length;
  }),
);

/** 8945Q: 18A is superseded by 18B (child on child) and 18C (adult on child). */
export const rule8945Q = childRule('8945Q', (c) => anyAssessment(c, (a) => a.factors.includes('18A')));

/** 8950Q: 19A is superseded by 19B and 19C. */
export const rule8950Q = childRule('8950Q', (c) => anyAssessment(c, (a) => a.factors.includes('19A')));

export const assessmentRules = [
  rule1103,
  rule8608,
  rule8614,
  rule8670Q,
  rule8696,
  rule8736,
  rule8863Q,
  rule8869,
  rule8873Q,
  rule8896,
  rule8897Q,
  rule8898,
  rule8945Q,
  rule8950Q,
];
