/**
 * The demo's allegations against adults who work with children, shaped on the 2014 report
 * (para 71): 54 referrals to the designated officer (LADO) a quarter, 15 of them going to a
 * formal strategy meeting, 27% of those a criminal investigation, the rest given advice. Each
 * is written as the use cases take it (src/allegations/use-cases.ts): the adult, what is
 * alleged, the children concerned (linked to children on the record where there are some of
 * the right age, described otherwise), the strategy and evaluation meetings, and the outcome
 * in Working Together's five terms with what the employer did. Advice is given within days or
 * weeks; a strategy meeting's allegation takes some months, a criminal investigation most of a
 * year or more, so the figures for resolution within 1, 3 and 12 months read as an authority's
 * would. Drawn from streams of their own, after the rest, so the rest of the authority is
 * unchanged by them.
 */
import type { Faker } from '@faker-js/faker';
import type { AbuseType, AllegationCategory, AllegationOutcome, OutcomeAction, Sector } from '../allegations/schema.js';
import type { Agency, Attendee } from '../casework/meetings.js';
import type { IsoDate } from '../core/calendar/index.js';
import type { allegationChildren, allegationMeetings, allegations } from '../schema.js';
import { manchester2014 } from './authority.js';
import type { DemoStreams } from './streams.js';

export interface AllegationRows {
  allegations: (typeof allegations.$inferInsert)[];
  allegationChildren: (typeof allegationChildren.$inferInsert)[];
  allegationMeetings: (typeof allegationMeetings.$inferInsert)[];
}

export function emptyAllegationRows(): AllegationRows {
  return { allegations: [], allegationChildren: [], allegationMeetings: [] };
}

export interface AllegationContext extends DemoStreams {
  faker: Faker;
  /** The designated officer's user, who records them. */
  recordedBy: string | null;
}

/** The children on the record an allegation may name: any with a date of birth, not restricted. */
interface Source {
  children: { id?: string; dateOfBirth?: string | null; restricted?: boolean | null }[];
}

/** How far back the demo's referrals go: five quarters, so last quarter's figures and this one's both show. */
const HISTORY_DAYS = 460;

const settings: Readonly<
  Record<Sector, { weight: number; roles: readonly string[]; employer: (f: Faker) => string; ages: [number, number] }>
> = {
  education: {
    weight: 38,
    roles: ['Class teacher', 'Teaching assistant', 'PE teacher', 'Lunchtime supervisor', 'Head of year'],
    employer: (f) =>
      `${f.person.lastName()} ${f.helpers.arrayElement(['Primary School', 'High School', 'Academy', 'C of E Primary School'])}`,
    ages: [5, 16],
  },
  early_years: {
    weight: 10,
    roles: ['Nursery practitioner', 'Childminder', 'Nursery manager'],
    employer: (f) => `${f.person.lastName()} ${f.helpers.arrayElement(['Day Nursery', 'Childcare', 'Little Stars Nursery'])}`,
    ages: [0, 4],
  },
  health: {
    weight: 6,
    roles: ['Staff nurse', 'Healthcare assistant', 'Paediatric physiotherapist'],
    employer: () => 'Central Manchester University Hospitals NHS Foundation Trust',
    ages: [0, 17],
  },
  police: {
    weight: 3,
    roles: ['Police constable', 'Police community support officer'],
    employer: () => 'Greater Manchester Police',
    ages: [10, 17],
  },
  faith: {
    weight: 4,
    roles: ['Youth leader', 'Madrassa teacher', 'Sunday school volunteer'],
    employer: (f) => `${f.person.lastName()} ${f.helpers.arrayElement(['Community Church', 'Mosque', 'Gospel Hall'])}`,
    ages: [5, 15],
  },
  sport: {
    weight: 6,
    roles: ['Football coach', 'Swimming instructor', 'Boxing club volunteer'],
    employer: (f) => `${f.location.street()} ${f.helpers.arrayElement(['Juniors FC', 'Swimming Club', 'Amateur Boxing Club'])}`,
    ages: [7, 16],
  },
  residential_care: {
    weight: 12,
    roles: ['Residential support worker', 'Night care worker', 'Deputy manager'],
    employer: (f) => `${f.person.lastName()} House children’s home`,
    ages: [10, 17],
  },
  foster_carer: {
    weight: 14,
    roles: ['Foster carer', 'Foster carer (independent fostering agency)'],
    employer: (f) => f.helpers.arrayElement(['Manchester City Council Fostering Service', `${f.person.lastName()} Fostering Agency`]),
    ages: [2, 17],
  },
  other: {
    weight: 7,
    roles: ['Taxi escort', 'Youth worker', 'Private tutor'],
    employer: (f) => f.helpers.arrayElement(['Manchester Youth Zone', `${f.person.lastName()} Taxis`, 'Self-employed']),
    ages: [5, 17],
  },
};
const sectorWeights = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.weight])) as Record<Sector, number>;
const categories: Readonly<Record<AllegationCategory, number>> = { harm: 55, possible_offence: 25, unsuitability: 20 };
const abuse: Readonly<Record<AbuseType, number>> = { physical: 55, emotional: 18, sexual: 20, neglect: 7 };
const details: Readonly<Record<AbuseType, readonly string[]>> = {
  physical: [
    'A child said the adult grabbed their arm hard enough to leave a mark when moving them out of a room.',
    'A child told a parent the adult pushed them against a wall during an argument.',
    'Another member of staff saw the adult restrain a child in a way not in the child’s plan.',
  ],
  emotional: [
    'Pupils said the adult shouts at a child daily and calls them names in front of the class.',
    'A parent reported that the adult threatened their child to keep them quiet.',
  ],
  sexual: [
    'The adult is said to have sent a child messages on social media asking to meet outside school.',
    'A child disclosed that the adult touched them inappropriately during a lesson.',
  ],
  neglect: [
    'Children were left unsupervised for long periods during a trip.',
    'A child with medical needs was not given their medication over several days.',
  ],
};
const unsuitable = [
  'The adult was arrested after an incident of domestic abuse at home; their own children were present.',
  'The police told the employer that the adult is under investigation for an offence not involving children.',
  'The adult posted offensive content about young people on social media.',
];
/** Concluded allegations' outcomes, by the way they went. */
const advisedOutcomes: Readonly<Record<AllegationOutcome, number>> = {
  unfounded: 45,
  unsubstantiated: 35,
  false: 12,
  malicious: 3,
  substantiated: 5,
};
const meetingOutcomes: Readonly<Record<AllegationOutcome, number>> = {
  substantiated: 40,
  unsubstantiated: 35,
  unfounded: 12,
  false: 10,
  malicious: 3,
};
const criminalOutcomes: Readonly<Record<AllegationOutcome, number>> = {
  substantiated: 55,
  unsubstantiated: 35,
  false: 5,
  unfounded: 5,
  malicious: 0,
};
const substantiatedActions: readonly (readonly OutcomeAction[])[] = [
  ['dismissal', 'dbs_referral'],
  ['disciplinary_action', 'training_or_supervision'],
  ['resignation', 'dbs_referral'],
  ['disciplinary_action'],
  ['dismissal', 'dbs_referral', 'regulator_referral'],
];
const otherActions: readonly (readonly OutcomeAction[])[] = [['no_further_action'], ['training_or_supervision'], ['no_further_action']];
const employerAgency: Readonly<Record<Sector, Agency>> = {
  education: 'education',
  early_years: 'early_years',
  health: 'health',
  police: 'police',
  faith: 'other',
  sport: 'other',
  residential_care: 'childrens_social_care',
  foster_carer: 'childrens_social_care',
  other: 'other',
};
const otherChildren = [
  'Pupils in the same class',
  'Other children at the club',
  'Children in the same home',
  'Other children in the nursery room',
];

export function planAllegations(source: Source, ctx: AllegationContext): AllegationRows {
  const { cal, today: T, nowMs, rng, ids, faker } = ctx;
  const { addDays, addWorkingDays, at } = cal;
  const yesterday = addDays(T, -1);
  const out = emptyAllegationRows();
  const perQuarter = manchester2014.ladoReferralsPerQuarter.value * ctx.scale;
  const meetingShare = manchester2014.ladoStrategyMeetingsPerQuarter.value / manchester2014.ladoReferralsPerQuarter.value;
  const criminalShare = manchester2014.ladoCriminalInvestigations.value;
  const n = Math.max(8, Math.round((perQuarter * HISTORY_DAYS) / 91));
  const stamp = (date: IsoDate) => new Date(Math.min(nowMs - 3_600_000, at(date, rng.int(9, 17), rng.int(0, 59))));
  // children who may be named, by their age in whole years today
  const byAge = new Map<number, string[]>();
  const bornOn = new Map<string, string>();
  for (const c of source.children) {
    if (!c.id || !c.dateOfBirth || c.restricted) continue;
    bornOn.set(c.id, c.dateOfBirth);
    const age = Number(T.slice(0, 4)) - Number(c.dateOfBirth.slice(0, 4)) - (T.slice(5) < c.dateOfBirth.slice(5) ? 1 : 0);
    if (age < 0 || age > 17) continue;
    (byAge.get(age) ?? byAge.set(age, []).get(age)!).push(c.id);
  }
  const officer = () => `${faker.person.firstName()} ${faker.person.lastName()}`;
  const lado = officer();

  for (let i = 0; i < n; i++) {
    // informed on a working day, spread evenly over the months back
    const informed = cal.workingDayOnOrBefore(addDays(T, -Math.floor(((i + rng.next()) * HISTORY_DAYS) / n)));
    // most employers tell the designated officer the day they hear, some a few days on
    const made = rng.chance(0.8) ? informed : addWorkingDays(informed, -rng.int(1, 6));
    const sector = rng.weighted(sectorWeights);
    const s = settings[sector];
    const category = rng.weighted(categories);
    const abuseType = category === 'unsuitability' ? null : rng.weighted(abuse);
    const way = rng.chance(meetingShare) ? (rng.chance(criminalShare) ? 'criminal' : 'meeting') : 'advice';
    const id = ids.uuid();

    // The children concerned: one or two on the record, of the right age, for most; others described
    const named: string[] = [];
    if (rng.chance(0.65)) {
      for (let k = rng.chance(0.8) ? 1 : 2; k > 0; k--) {
        const pool = byAge.get(rng.int(s.ages[0], s.ages[1]));
        if (pool && pool.length > 0) {
          const child = rng.pick(pool);
          if (!named.includes(child) && bornOn.get(child)! < made) named.push(child);
        }
      }
    }
    const others = named.length === 0 || rng.chance(0.3) ? rng.int(1, 6) : 0;
    for (const childId of named) out.allegationChildren.push({ id: ids.uuid(), allegationId: id, childId, createdAt: stamp(informed) });

    // Meetings and the outcome
    let concluded: IsoDate | null;
    let outcome: AllegationOutcome | null = null;
    if (way === 'advice') {
      concluded = addDays(informed, rng.chance(0.85) ? rng.int(0, 25) : rng.int(26, 80));
    } else {
      const strategy = addWorkingDays(informed, rng.int(1, 8));
      if (strategy <= yesterday) {
        out.allegationMeetings.push({
          id: ids.uuid(),
          allegationId: id,
          kind: 'strategy',
          meetingDate: strategy,
          attendance: attendance(way === 'criminal' || category === 'possible_offence', sector),
          decisions:
            way === 'criminal'
              ? 'The police to begin a criminal investigation; the employer to suspend the adult meanwhile; the designated officer to review in four weeks.'
              : 'No police investigation; the employer to carry out a disciplinary investigation and report back; risk assessment agreed.',
          createdAt: stamp(strategy),
        });
      }
      concluded =
        way === 'criminal'
          ? addDays(strategy, rng.chance(0.3) ? rng.int(60, 180) : rng.int(181, 420))
          : addDays(strategy, rng.chance(0.3) ? rng.int(14, 30) : rng.chance(0.75) ? rng.int(31, 85) : rng.int(86, 200));
      const evaluation = addDays(concluded, -rng.int(0, 7));
      if (evaluation <= yesterday && evaluation > strategy) {
        out.allegationMeetings.push({
          id: ids.uuid(),
          allegationId: id,
          kind: 'evaluation',
          meetingDate: evaluation,
          attendance: attendance(way === 'criminal', sector),
          decisions: 'The investigation is complete; the outcome agreed and the employer’s actions confirmed.',
          createdAt: stamp(evaluation),
        });
      }
    }
    if (concluded > yesterday) concluded = null;
    const actions: OutcomeAction[] | null = concluded ? [] : null;
    if (concluded) {
      outcome = rng.weighted(way === 'advice' ? advisedOutcomes : way === 'criminal' ? criminalOutcomes : meetingOutcomes);
      actions!.push(
        ...(outcome === 'substantiated'
          ? way === 'criminal' && rng.chance(0.5)
            ? (['criminal_prosecution', 'dismissal', 'dbs_referral'] as const)
            : rng.pick(substantiatedActions)
          : rng.pick(otherActions)),
      );
    }
    const detail = abuseType ? rng.pick(details[abuseType]) : rng.pick(unsuitable);
    out.allegations.push({
      id,
      adultName: `${faker.person.firstName()} ${faker.person.lastName()}`,
      adultRole: rng.pick(s.roles),
      employer: s.employer(faker),
      sector,
      category,
      abuseType,
      detail,
      madeDate: made,
      ladoInformedDate: informed,
      otherChildrenCount: others,
      otherChildrenDescription: others > 0 ? rng.pick(otherChildren) : null,
      outcome,
      concludedDate: concluded,
      outcomeActions: actions,
      outcomeNotes: concluded
        ? way === 'advice'
          ? `Advice given to the employer by ${lado}, designated officer; no strategy meeting needed.`
          : 'Concluded at the evaluation meeting.'
        : null,
      recordedBy: ctx.recordedBy,
      createdAt: stamp(informed),
      updatedAt: stamp(concluded ?? informed),
      version: 1 + (concluded ? 1 : 0) + named.length,
    });
  }
  return out;

  function attendance(police: boolean, sector: Sector): Attendee[] {
    const list: Attendee[] = [
      { agency: 'childrens_social_care', name: `${lado}, designated officer`, attended: true },
      { agency: employerAgency[sector], name: `${officer()}, for the employer`, attended: rng.chance(0.9) },
    ];
    if (police) list.push({ agency: 'police', name: `DC ${faker.person.lastName()}, public protection`, attended: rng.chance(0.85) });
    if (rng.chance(0.4)) list.push({ agency: 'childrens_social_care', name: `${officer()}, the child’s social worker`, attended: true });
    return list;
  }
}
