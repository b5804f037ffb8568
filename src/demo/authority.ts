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
  lookedAfter: {
    value: 1373,
    source:
      'At 31 March 2014, 1,373 children looked after (Ofsted 2014, children looked after in this area; data annex tables 5.2.1 and 5.2.2)',
  },
  lookedAfterYearBefore: {
    value: 1302,
    source: 'Children looked after at 31 March 2013 (Ofsted 2014, children looked after in this area)',
  },
  placedOutside: {
    value: 751,
    source: '751 (55%) live outside the local authority area (Ofsted 2014, children looked after in this area)',
  },
  placedOverTwentyMiles: {
    value: 0.09,
    source: 'Nine per cent of children are placed more than 20 miles from home (Ofsted 2014, para 81)',
  },
  childrensHomes: {
    value: 120,
    source: "120 live in residential children's homes, 47% of them outside the area (Ofsted 2014, children looked after in this area)",
  },
  fosterCare: {
    value: 1025,
    source: '1,025 live with foster families, 61% of them outside the area (Ofsted 2014, children looked after in this area)',
  },
  residentialSchools: {
    value: 11,
    source: '11 live in residential special schools, all outside the area (Ofsted 2014, children looked after in this area)',
  },
  placedWithParents: {
    value: 115,
    source: '115 live with parents, 26% of them outside the area (Ofsted 2014, children looked after in this area)',
  },
  shortTermInstability: {
    value: 0.08,
    source: 'Short-term placement stability: 8% with three or more placements in the year, 2013–14 (Ofsted 2014, para 88)',
  },
  longTermStability: {
    value: 0.637,
    source: 'Long-term stability 63.7% in 2013–14 (Ofsted 2014, para 88)',
  },
  iroCaseload: {
    value: 110,
    source: 'Independent reviewing officer caseloads are high, with an average of 110; reviews are held on time (Ofsted 2014, para 89)',
  },
  privatelyFostered: {
    value: 28,
    source: '28 children assessed as being privately fostered at the time of the inspection (Ofsted 2014, para 75)',
  },
  privateFosteringSeenInSevenDays: {
    value: 0.52,
    source: 'Over the past 12 months only 52% were seen within seven days of referral (Ofsted 2014, para 75)',
  },
  ladoReferralsPerQuarter: {
    value: 54,
    source: '54 referrals to the LADO in the last quarter of 2013 (Ofsted 2014, para 71)',
  },
  ladoStrategyMeetingsPerQuarter: {
    value: 15,
    source: 'Of those, 15 proceeded to a formal LADO strategy meeting (Ofsted 2014, para 71)',
  },
  ladoCriminalInvestigations: {
    value: 0.27,
    source: 'Of those meetings, 27% resulted in a criminal investigation, the remainder being offered advice (Ofsted 2014, para 71)',
  },
  careLeaversInTouch: {
    value: 0.946,
    source: 'The Leaving Care Service is in touch with 94.6% of its young people (Ofsted 2014, para 123)',
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

/**
 * Postcode districts with the rough centre of each on the national grid (km east, km north),
 * to place children and measure how far from home: the authority's own (the localities'),
 * its neighbours' and some further away. Placements use made-up postcodes in these districts.
 */
export const postcodeDistricts: Record<string, { east: number; north: number; inside: boolean }> = {
  ...Object.fromEntries(
    (
      [
        ['M1', 384, 398],
        ['M4', 385, 399],
        ['M8', 384, 401],
        ['M9', 387, 403],
        ['M40', 387, 401],
        ['M11', 388, 398],
        ['M12', 387, 396],
        ['M13', 385, 396],
        ['M14', 384, 394],
        ['M15', 383, 396],
        ['M16', 381, 395],
        ['M18', 390, 396],
        ['M19', 388, 392],
        ['M20', 385, 391],
        ['M21', 381, 393],
        ['M22', 383, 387],
        ['M23', 381, 389],
      ] as const
    ).map(([d, east, north]) => [d, { east, north, inside: true }]),
  ),
  ...Object.fromEntries(
    (
      [
        // neighbours, under 20 miles from anywhere in the authority
        ['M24', 387, 406],
        ['M25', 381, 404],
        ['M30', 376, 398],
        ['M32', 379, 395],
        ['M33', 378, 391],
        ['M34', 391, 395],
        ['M35', 389, 402],
        ['M41', 375, 395],
        ['M43', 392, 399],
        ['M45', 380, 406],
        ['OL1', 393, 405],
        ['OL8', 392, 403],
        ['SK1', 390, 390],
        ['SK4', 387, 390],
        ['SK8', 385, 385],
        ['BL1', 371, 409],
        ['BL9', 380, 411],
        ['WA14', 376, 387],
        // further away, over 20 miles from anywhere in the authority
        ['PR1', 354, 429],
        ['LS1', 430, 433],
        ['L1', 335, 390],
        ['ST1', 388, 347],
        ['CH1', 340, 366],
        ['S1', 435, 387],
        ['FY1', 331, 436],
        ['CW1', 370, 355],
        ['LA1', 347, 461],
      ] as const
    ).map(([d, east, north]) => [d, { east, north, inside: false }]),
  ),
};

const KM_PER_MILE = 1.609344;

/** The postcode's district ("M14" of "M14 5AB"), or null for one not in the list above. */
export function districtOf(postcode: string): string | null {
  const d = postcode.trim().toUpperCase().split(/\s+/)[0]!;
  return d in postcodeDistricts ? d : null;
}

/** Miles between two postcodes' districts' centres, or null when either is not a listed district. */
export function milesBetween(a: string, b: string): number | null {
  const p = districtOf(a);
  const q = districtOf(b);
  if (p === null || q === null) return null;
  const x = postcodeDistricts[p]!;
  const y = postcodeDistricts[q]!;
  return Math.hypot(x.east - y.east, x.north - y.north) / KM_PER_MILE;
}
