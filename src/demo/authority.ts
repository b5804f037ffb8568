/**
 * The figures the demo authority is built to, from Ofsted's 2014 inspection of Manchester's
 * services for children in need of help and protection, children looked after and care
 * leavers. Each carries the paragraph it comes from, so the demo can be read against the
 * report. Everything else about the demo (names, addresses, identifiers) is synthetic.
 */

export interface Figure {
  value: number;
  source: string;
}

export const manchester2014 = {
  childrenInNeed: {
    value: 5349,
    source: 'Children in need at 31 March 2014, provisional (Ofsted 2014, data annex table 5.3.51)',
  },
  overdueAssessments: {
    value: 486,
    source: 'Single assessments not progressed in a timely manner, some drifting almost a year (Ofsted 2014, para 59)',
  },
  childrenNotSeen: {
    value: 97,
    source: 'Of those, children not visited (Ofsted 2014, para 59)',
  },
  childrenNotSeenSixMonths: {
    value: 44,
    source: 'Of those, children not visited for six months (Ofsted 2014, para 59)',
  },
  repeatReferralRate: {
    value: 0.32,
    source: 'Repeat referrals remain high at 32% (Ofsted 2014, para 58)',
  },
  socialWorkPosts: {
    value: 260,
    source: '260 social work posts (Ofsted 2014, para 73)',
  },
  agencyStaff: {
    value: 25,
    source: '25 agency staff covering vacancies, out of 260 social work posts (Ofsted 2014, para 73)',
  },
  workersAtFifty: {
    value: 2,
    source: 'Some social workers had over 40 cases each and two workers had 50 (Ofsted 2014, para 62)',
  },
  highestCaseload: {
    value: 50,
    source: 'Two workers had 50 cases (Ofsted 2014, para 62)',
  },
  childProtectionPlans: {
    value: 920,
    source:
      'At 31 March 2014, 920 children were the subject of a child protection plan, up from 736 a year before (Ofsted 2014, child protection in this area; data annex table 5.3.47)',
  },
  childProtectionPlansYearBefore: {
    value: 736,
    source:
      'Children the subject of a child protection plan at 31 March 2013 (Ofsted 2014, child protection in this area; data annex table 5.3.47)',
  },
  contactDecisionDays: {
    value: 5,
    source: 'Contacts not always decided within 24 hours; one took five days (Ofsted 2014, para 57)',
  },
} as const satisfies Record<string, Figure>;

/** The three localities the locality teams belong to, with plausible Manchester postcode districts. */
export const localities = {
  North: ['M4', 'M8', 'M9', 'M40'],
  Central: ['M1', 'M11', 'M12', 'M13', 'M14', 'M15', 'M16', 'M18'],
  South: ['M19', 'M20', 'M21', 'M22', 'M23'],
} as const;
export type Locality = keyof typeof localities;
