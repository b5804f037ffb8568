/**
 * What the demo's records say: sources of contacts (DfE referral source codes), consent,
 * what contacts are about, decisions, assessment factors (DfE codes), primary needs and
 * reasons for closure, in proportions a reader of the 2014 report would recognise.
 * The texts are invented and name no one.
 */

/** Sources of contacts that become referrals (DfE referral source codes). */
export const referralSourceWeights = {
  '1A': 6,
  '1B': 2,
  '1C': 1,
  '1D': 1,
  '2A': 18,
  '2B': 2,
  '3A': 4,
  '3B': 6,
  '3C': 2,
  '3D': 3,
  '3E': 5,
  '3F': 2,
  '4': 2,
  '5A': 4,
  '5B': 3,
  '5C': 2,
  '5D': 4,
  '6': 22,
  '7': 3,
  '8': 5,
  '9': 2,
  '10': 1,
} as const;

/** Sources of all the other contacts: the police above all (high volumes, para 55). */
export const contactSourceWeights = {
  '1A': 5,
  '1B': 2,
  '1C': 1,
  '1D': 1,
  '2A': 12,
  '2B': 2,
  '3A': 3,
  '3B': 4,
  '3C': 1,
  '3D': 2,
  '3E': 4,
  '3F': 1,
  '4': 3,
  '5A': 3,
  '5B': 2,
  '5C': 2,
  '5D': 3,
  '6': 40,
  '7': 2,
  '8': 4,
  '9': 2,
  '10': 1,
} as const;

export type SourceCode = keyof typeof contactSourceWeights;

export function referrerOrganisation(source: SourceCode, placeName: () => string): string | null {
  switch (source) {
    case '1A':
    case '1B':
    case '1C':
    case '1D':
    case '9':
    case '10':
      return null;
    case '2A':
      return `${placeName()} Primary School`;
    case '2B':
      return 'Education welfare service';
    case '3A':
      return `${placeName()} Medical Practice`;
    case '3B':
      return 'Health visiting service';
    case '3C':
      return 'School nursing service';
    case '3D':
      return 'Community midwifery';
    case '3E':
      return 'Hospital emergency department';
    case '3F':
      return 'Child and adolescent mental health service';
    case '4':
      return 'Housing provider';
    case '5A':
      return 'Adult social care';
    case '5B':
      return 'Youth justice service';
    case '5C':
      return 'Another local authority';
    case '5D':
      return 'Early help hub';
    case '6':
      return 'Police';
    case '7':
      return 'Probation service';
    case '8':
      return `${placeName()} Children's Centre`;
  }
}

export const aboutBySource: Partial<Record<SourceCode, readonly string[]>> & { default: readonly string[] } = {
  '6': [
    'Police attended the home after a report of an argument between the adults; the child was present.',
    'Police found the child out late at night away from home and returned them to their parent.',
    'Police were called to the address about a disturbance; the children were in the house.',
  ],
  '2A': [
    'School is worried about the child’s attendance, which has fallen sharply this term.',
    'The child arrived at school hungry and in unwashed clothes several days running.',
    'The child told a teacher about arguments at home and said they were frightened.',
  ],
  '3B': [
    'Health visitor is worried about home conditions and missed developmental checks.',
    'Health visitor reports that the mother appears low in mood and is struggling to cope.',
  ],
  '3E': [
    'The child was brought to the emergency department with an injury the explanation did not fit.',
    'A young person attended the emergency department after drinking alcohol.',
  ],
  default: [
    'Concerns about the care the child receives at home.',
    'Family asking for support with the child’s behaviour.',
    'Worries about the adults’ drug and alcohol use and its effect on the child.',
    'The family has been evicted and is staying with friends.',
    'A relative is worried about the child’s weight and presentation.',
  ],
};

export const domesticAbuseAbout = [
  'Police notification of domestic abuse: verbal argument between the parents; the child was asleep upstairs.',
  'Police notification of domestic abuse: the mother reported being pushed by her partner; the children were present.',
  'Police notification of domestic abuse: ex-partner attended the home in breach of bail conditions.',
  'Police notification of domestic abuse: third incident at the address this year; risk assessed as standard.',
] as const;

export const consentWeights = { given: 65, refused: 8, not_sought: 27 } as const;

export const consentRefusedReasons = [
  'Mother declined consent to checks with the school and GP.',
  'Father refused consent and said the family does not want involvement.',
] as const;

export const consentNotSoughtReasons = [
  'Seeking consent could place the child at risk of significant harm.',
  'Police notification received out of hours; parents could not be contacted.',
  'Referrer was anonymous; consent could not be sought.',
  'Parents could not be contacted on the numbers given.',
] as const;

export type ContactOutcome = 'no_further_action' | 'advice' | 'early_help' | 'referral' | 'strategy_discussion';

export const decisionReasons: Record<ContactOutcome, readonly string[]> = {
  no_further_action: [
    'No role for children’s social care; universal services meeting the child’s needs.',
    'Information recorded; no further action.',
  ],
  advice: [
    'Advice given to the referrer about support available from universal services.',
    'Information passed to the allocated worker; advice given.',
  ],
  early_help: [
    'Needs can be met by early help; referred to the locality early help hub with consent.',
    'Family offered an early help assessment.',
  ],
  referral: ['Threshold for a child and family assessment met.', 'Child may be in need: single assessment required.'],
  strategy_discussion: ['Reasonable cause to suspect significant harm: strategy discussion with police and health.'],
};

export const thresholdFor: Record<ContactOutcome, readonly string[]> = {
  no_further_action: ['universal'],
  advice: ['universal', 'early_help'],
  early_help: ['early_help'],
  referral: ['child_in_need', 'child_in_need', 'child_in_need', 'child_protection'],
  strategy_discussion: ['child_protection'],
};

/** DfE primary need codes for referrals. */
export const primaryNeedWeights = { N1: 48, N2: 3, N3: 4, N4: 10, N5: 17, N6: 3, N7: 1, N8: 4, N9: 4, N0: 6 } as const;

/** DfE assessment factor codes, how often each is recorded. */
export const factorWeights = {
  '3B': 40,
  '4B': 30,
  '2B': 18,
  '1B': 15,
  '16A': 20,
  '17A': 18,
  '18C': 8,
  '4A': 6,
  '14A': 5,
  '10A': 4,
  '11A': 3,
  '6B': 5,
  '5B': 3,
  '7A': 2,
  '13A': 2,
  '24A': 2,
  '15A': 3,
  '3A': 4,
  '20': 4,
} as const;

export const lateReasons = [
  'Delay in receiving information from partner agencies.',
  'Worker absent; assessment reallocated within the team.',
  'Family did not engage; several visits with no access.',
  'Capacity in the team: high caseloads.',
  'Awaiting police and health checks.',
] as const;

/** DfE reasons for closure by the kind of episode that is ending. */
export const closureReasons = {
  afterAssessmentNoAction: 'RC8',
  afterAssessmentEarlyHelp: 'RC9',
  /** Services ceased: for an episode that went on to a section 47 enquiry and no further. */
  afterEnquiry: 'RC7',
  childInNeed: { RC7: 85, RC3: 4, RC4: 3, RC5: 6, RC6: 2 },
  lookedAfter: { RC1: 15, RC3: 10, RC4: 25, RC7: 40, RC5: 10 },
  withoutAssessment: { RC5: 50, RC7: 50 },
} as const;
