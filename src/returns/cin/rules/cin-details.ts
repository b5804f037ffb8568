/** Rules about episodes of need (CINdetails): referral, closure, what happened between. */
import { day, has } from '../dates.js';
import { type PEpisode, childRule, isYesNo, startsWithinAnother } from './rule.js';

const CLOSED_AFTER_ASSESSMENT = new Set(['RC8', 'RC9']);

/**
 * 2990: an episode closed after assessment (RC8, RC9) has no section 47, protection plan,
 * episode-level initial conference or CIN plan. A conference "date" that is not a date (a
 * schema issue) records no conference.
 */
export const rule2990 = childRule('2990', (c) =>
  c.episodes.some(
    (e) =>
      CLOSED_AFTER_ASSESSMENT.has(e.raw.ReasonForClosure ?? '') &&
      (e.plans.length > 0 || e.s47.length > 0 || e.cpps.length > 0 || has(e.icpc)),
  ),
);

/** 2991Q: an episode with a section 47 enquiry has an assessment. */
export const rule2991Q = childRule('2991Q', (c) => c.episodes.some((e) => e.s47.length > 0 && e.assessments.length === 0));

/** 8555Q: no referral after the child's death. */
export const rule8555Q = childRule('8555Q', (c) => has(c.death) && c.episodes.some((e) => e.referral > c.death));

/** 8568: ReferralNFA present and 0 or 1. */
export const rule8568 = childRule('8568', (c) => c.episodes.some((e) => !isYesNo(e.raw.ReferralNFA)));

/**
 * 8569Q: a referral made before the working day before the census period cannot be a
 * no-further-action case. DfE: ReferralNFA "must be false", so a flag that is missing or
 * not a yes/no is queried too, not only one set to yes.
 */
export const rule8569Q = childRule('8569Q', (c, ctx) => c.episodes.some((e) => !e.furtherAction && e.referral < ctx.workingDayBeforeStart));

/** 8585Q: closure reason RC2 (died) needs a date of death. */
export const rule8585Q = childRule('8585Q', (c) => !has(c.death) && c.episodes.some((e) => e.raw.ReasonForClosure === 'RC2'));

/** 8600: referral date present and on or before the end of the census period. */
export const rule8600 = childRule('8600', (c, ctx) => c.episodes.some((e) => !(e.referral <= ctx.end)));

/** 8606: referral no more than 280 days before the date of birth or the expected date of birth. */
export const rule8606 = childRule('8606', (c) => c.episodes.some((e) => e.referral < c.birth - 280 || e.referral < c.expectedBirth - 280));

/** 8610: a primary need code for a referral that went on to further action. */
export const rule8610 = childRule('8610', (c) => c.episodes.some((e) => e.furtherAction && e.raw.PrimaryNeedCode === null));

/** 8620: a closure date within the census period. */
export const rule8620 = childRule('8620', (c, ctx) =>
  c.episodes.some((e) => has(e.closure) && (e.closure < ctx.start || e.closure > ctx.end)),
);

/** 8630: closure not before referral. */
export const rule8630 = childRule('8630', (c) => c.episodes.some((e) => e.closure < e.referral));

/** 8640: reason for closure, when given, one of the year's codes. */
export const rule8640 = childRule('8640', (c, ctx) =>
  c.episodes.some((e) => e.raw.ReasonForClosure !== null && !ctx.schema.codeSets.reasonForClosure.has(e.raw.ReasonForClosure)),
);

/** 8650: primary need code, when given, one of the year's codes. */
export const rule8650 = childRule('8650', (c, ctx) =>
  c.episodes.some((e) => e.raw.PrimaryNeedCode !== null && !ctx.schema.codeSets.primaryNeed.has(e.raw.PrimaryNeedCode)),
);

/*
 * 8805, 8810, 8815 and 8816: a closure "date" that is not a date (a schema issue, noted when
 * read) closes nothing, so the episode counts as having no closure date.
 */

/** 8805: a closure date needs a reason for closure. */
export const rule8805 = childRule('8805', (c) => c.episodes.some((e) => has(e.closure) && e.raw.ReasonForClosure === null));

/** 8810: a reason for closure needs a closure date. */
export const rule8810 = childRule('8810', (c) => c.episodes.some((e) => e.raw.ReasonForClosure !== null && !has(e.closure)));

/** Open and went on to further action: DfE's "CINclosureDate is missing and ReferralNFA = false or 0". */
function isOpenCase(e: PEpisode): boolean {
  return !has(e.closure) && e.furtherAction;
}

/** 8815: at most one open episode that went on to further action. */
export const rule8815 = childRule('8815', (c) => {
  let open = 0;
  for (const e of c.episodes) if (isOpenCase(e)) open++;
  return open > 1;
});

/**
 * 8816: an open episode that went on to further action is the latest episode. One sharing
 * the latest referral date is the latest (two such open episodes are 8815's finding).
 */
export const rule8816 = childRule('8816', (c) => {
  if (c.episodes.length < 2) return false;
  let latest = -Infinity;
  for (const e of c.episodes) if (e.referral > latest) latest = e.referral;
  return c.episodes.some((e) => isOpenCase(e) && e.referral < latest);
});

/**
 * 8820: no episode's referral date falls within another episode of the child: from its
 * referral to the day before its closure (DfE's note: "the end date of one referral may be
 * the same as the start date of the following referral"), or, when it is open and went on
 * to further action, to the day before the reference date.
 */
export const rule8820 = childRule('8820', (c, ctx) =>
  startsWithinAnother(
    c.episodes,
    (e) => e.referral,
    (e) => (has(e.closure) ? e.closure : e.furtherAction ? ctx.end : NaN),
    'excluded',
  ),
);

/** 8825Q: an episode closed after assessment (RC8, RC9) has an assessment. */
export const rule8825Q = childRule('8825Q', (c) =>
  c.episodes.some((e) => CLOSED_AFTER_ASSESSMENT.has(e.raw.ReasonForClosure ?? '') && e.assessments.length === 0),
);

/** 8831: no assessment, section 47 or conference in a referral with no further action. */
export const rule8831 = childRule('8831', (c) =>
  c.episodes.some(
    (e) =>
      e.nfa &&
      (has(e.icpc) || e.assessments.some((a) => has(a.start) || has(a.authorised)) || e.s47.some((s) => has(s.start) || has(s.icpc))),
  ),
);

const APRIL_2013 = day('2013-04-01');

/** 8866: for a referral on or after 1 April 2013, a referral source present and one of the year's codes. */
export const rule8866 = childRule('8866', (c, ctx) =>
  c.episodes.some(
    (e) => e.referral >= APRIL_2013 && (e.raw.ReferralSource === null || !ctx.schema.codeSets.referralSource.has(e.raw.ReferralSource)),
  ),
);

/** 8867: a closed episode has every assessment authorised. */
export const rule8867 = childRule('8867', (c) => c.episodes.some((e) => has(e.closure) && e.assessments.some((a) => !has(a.authorised))));

/**
 * 8868: a closed episode has every section 47 enquiry ended either by a conference or by
 * "conference not required", one or the other: an enquiry with a conference date that is
 * also marked not required is not shown as ended either way.
 */
export const rule8868 = childRule('8868', (c) =>
  c.episodes.some((e) => has(e.closure) && e.s47.some((s) => has(s.icpc) === s.notRequired)),
);

/**
 * 8890: within an episode, no section 47 enquiry starts on or between another's start and
 * its initial conference, or, for one with no conference and not marked "not required",
 * its start and the reference date.
 */
export const rule8890 = childRule('8890', (c, ctx) =>
  c.episodes.some((e) =>
    startsWithinAnother(
      e.s47,
      (s) => s.start,
      (s) => (has(s.icpc) ? s.icpc : s.notRequired ? NaN : ctx.end),
    ),
  ),
);

export const cinDetailsRules = [
  rule2990,
  rule2991Q,
  rule8555Q,
  rule8568,
  rule8569Q,
  rule8585Q,
  rule8600,
  rule8606,
  rule8610,
  rule8620,
  rule8630,
  rule8640,
  rule8650,
  rule8805,
  rule8810,
  rule8815,
  rule8816,
  rule8820,
  rule8825Q,
  rule8831,
  rule8866,
  rule8867,
  rule8868,
  rule8890,
];
