/**
 * The SSDA903 return from the record: which children and rows a collection year holds, and
 * each table's rows from what the record says. Pure: the rows are read by queries.ts, and the
 * return is written and validated by ssda903.ts with returns/ssda903's writer and rules.
 *
 * The return is as at 31 March: anything the record dates after it (an episode's end, a
 * social worker's) is not yet known to that year's return, so an episode ended in April is
 * sent as open.
 *
 * Each table the record can fill has one source (TABLE_SOURCES): a function from what the
 * record holds to the table's rows, each with where it came from. A table of the year with
 * no source is written with its header row only, and named in `notBuilt`, so nobody takes
 * an empty table for a year with nothing to report.
 */
import type { Adoption903Row, PreviousPermanenceView } from '../adoption/queries.js';
import { oc2Codes, type Oc2Facts } from '../health-and-education/queries.js';
import type { MissingTableEpisode } from '../missing-episodes/queries.js';
import { socialWorkerPeriodStart } from '../returns/ssda903/rules/social-workers.js';
import type { Row, Table903, TableName, Tables903 } from '../returns/ssda903/model.js';
import { TABLE_NAMES } from '../returns/ssda903/model.js';
import { codesFor, tablesFor } from '../returns/ssda903/tables.js';
import { collectionEnd, collectionStart, formatDate } from '../returns/ssda903/values.js';
import { FILE_NAMES } from '../returns/ssda903/write.js';

/** A child on the record, with what the Header describes them by. */
export interface ChildRow {
  id: string;
  /** The record's reference number: the return's CHILD. */
  reference: number;
  dateOfBirth: string | null;
  /** M, F or U (DfE's 2025-on codes). */
  sex: string;
  ethnicity: string;
  upn: string | null;
  /** The earliest date of birth of a child on the record who names this child as their mother, if any. */
  firstChildBirthDate: string | null;
}

/** A period of care: from becoming looked after to ceasing (REC). */
export interface PeriodRow {
  id: string;
  childId: string;
  startDate: string;
  endDate: string | null;
  reasonCeased: string | null;
}

/** An episode as the record keeps it: its end is the next episode's start or the period's end. */
export interface EpisodeRow {
  id: string;
  childId: string;
  periodId: string;
  startDate: string;
  reasonNew: string;
  legalStatus: string;
  categoryOfNeed: string;
  placementId: string;
}

export interface PlacementRow {
  id: string;
  childId: string;
  startDate: string;
  endDate: string | null;
  reasonForChange: string | null;
  placementType: string;
  provider: string | null;
  urn: string | null;
  placementPostcode: string | null;
  homePostcode: string | null;
}

export interface ReviewRow {
  id: string;
  childId: string;
  periodId: string;
  reviewDate: string;
  participation: string;
}

/** A child's allocation to a social worker (workforce's allocations), as days in England. */
export interface SocialWorkerRow {
  id: string;
  childId: string;
  workerId: string;
  /** The worker's Social Work England number, when the record has it. */
  socialWorkEnglandNumber: string | null;
  /** Why the child's social worker changed to this one (SW_REASON), when it was asked. */
  changeReason: string | null;
  startDate: string;
  endDate: string | null;
}

/** A deprivation of liberty order (the looked after area's). */
export interface DoloRow {
  id: string;
  childId: string;
  periodId: string;
  startDate: string;
  endDate: string | null;
}

/** Everything on the record the return of one year is made from. */
export interface LookedAfterRecord {
  children: ChildRow[];
  periods: PeriodRow[];
  episodes: EpisodeRow[];
  placements: PlacementRow[];
  reviews: ReviewRow[];
  socialWorkers: SocialWorkerRow[];
  /** The children's deprivation of liberty orders (the DoLo table, from 2026/27). */
  dolos: DoloRow[];
  /** The Missing table's rows of the year, as the missing episodes area gives them, each with its episode. */
  missing: MissingTableEpisode[];
  /** The children looked after all year to 31 March (the OC2 cohort), with their health and education facts then. */
  oc2: Oc2Facts[];
  /** The children recorded as unaccompanied asylum-seeking children in the year, with the day they ceased to be (DUC). */
  uasc: { childId: string; ceasedDate: string | null }[];
  /** The adoption journeys under way in the year (the adoption area's), for the AD1 and PlacedAdoption tables. */
  adoption: Adoption903Row[];
  /** What the adoption area records of the children's permanence before care (PrevPerm). */
  previousPermanence: PreviousPermanenceView[];
  /**
   * The care leavers whose 17th to 21st birthday fell in the year, with the OC3 codes of the
   * contact around it, as the care leavers area gives them: each is in the Header, looked after
   * in the year or not.
   */
  oc3: { childId: string; IN_TOUCH: string | null; ACTIV: string | null; ACCOM: string | null }[];
}

/** Where a row came from on the record, to link a finding to the page that puts it right. */
export interface RowSource {
  childId: string;
  periodId?: string;
  placementId?: string;
  reviewId?: string;
  allocationId?: string;
  missingEpisodeId?: string;
  adoptionJourneyId?: string;
}

/** A row of a table and where it came from. */
export interface BuiltRow {
  row: Row;
  source: RowSource;
}

export interface Built903 {
  year: number;
  tables: Tables903;
  /** By table and position: sources.Episodes[i] is tables.Episodes.rows[i]'s. */
  sources: Partial<Record<TableName, RowSource[]>>;
  /** Tables of the year no source fills yet: written with their header row only. */
  notBuilt: TableName[];
}

/** A child's episode with its end, as the year's return knows it. */
export interface YearEpisode {
  episode: EpisodeRow;
  /** DEC: the next episode's start, or the period's end; null while open at 31 March. */
  end: string | null;
  /** REC: X1 when another episode began that day, else the period's reason. */
  reason: string | null;
  next: EpisodeRow | null;
  period: PeriodRow;
}

/** What every table's source is given. */
export interface BuildContext {
  record: LookedAfterRecord;
  year: number;
  /** The year's first and last days, ISO. */
  start: string;
  end: string;
  /** The children in the return (looked after at some time in the year, or a care leaver in OC3), by reference. */
  children: ChildRow[];
  /** Each child's episodes in the year, in date order. */
  episodes: ReadonlyMap<string, YearEpisode[]>;
}

/** One table's rows from the record. */
export interface TableSource {
  table: TableName;
  rows(ctx: BuildContext): BuiltRow[];
}

/** A day of the 903's calendar as an ISO date. */
export const iso = (day: number): string => {
  const [d, m, y] = formatDate(day).split('/');
  return `${y}-${m}-${d}`;
};

/** dd/mm/yyyy, as DfE's files write dates; null stays blank. */
export const dfeDate = (date: string | null): string | null =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : null;

/** A date on or before the year's last day, else null: the return does not know what happens after it. */
const known = (date: string | null, end: string): string | null => (date !== null && date <= end ? date : null);

/** Open at some time in [start, end]. */
const openIn = (from: string, to: string | null, start: string, end: string): boolean => from <= end && (to === null || to >= start);

const byDate =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

function groupBy<T extends { childId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.childId);
    if (list) list.push(r);
    else out.set(r.childId, [r]);
  }
  return out;
}

/** The record keeps DfE's 2024/25-on codes (M, F, U); earlier years' SEX is 1 or 2, with no code for unknown. */
export function sexCode(sex: string, year: number): string | null {
  if (codesFor('Header', 'SEX', year).includes(sex)) return sex;
  return sex === 'M' ? '1' : sex === 'F' ? '2' : null;
}

/** A child's episodes open at some time in the year, each with its end and reason as at 31 March. */
export function episodesInYear(periods: readonly PeriodRow[], episodes: readonly EpisodeRow[], start: string, end: string): YearEpisode[] {
  const out: YearEpisode[] = [];
  for (const period of [...periods].sort(byDate((p) => p.startDate))) {
    const own = episodes.filter((e) => e.periodId === period.id).sort(byDate((e) => e.startDate));
    own.forEach((episode, i) => {
      const next = own[i + 1] ?? null;
      const ends = next ? next.startDate : period.endDate;
      if (!openIn(episode.startDate, ends, start, end)) return;
      const ended = known(ends, end);
      out.push({
        episode,
        end: ended,
        reason: ended === null ? null : next ? 'X1' : period.reasonCeased,
        next: ended ? next : null,
        period,
      });
    });
  }
  return out;
}

/** The reasons for a new episode that mean the placement changed (DfE rule 225). */
const PLACEMENT_CHANGED = new Set(['P', 'B', 'T', 'U']);

/**
 * UPN: the record's; for a child with none who is not yet of school age (five by 31 August of
 * the school year the collection year begins in, as DfE's rule 209 reads it), UN1, which says
 * just that. A child of school age with none is left blank: the record does not say why.
 */
export function upnCode(upn: string | null, dateOfBirth: string | null, start: string): string | null {
  if (upn !== null || dateOfBirth === null) return upn;
  const fifth = `${Number(dateOfBirth.slice(0, 4)) + 5}${dateOfBirth.slice(4)}`;
  return fifth > `${start.slice(0, 4)}-08-31` ? 'UN1' : null;
}

/**
 * MOTHER for a girl: 1, with MC_DOB, when a child of hers is on the record (a relationship
 * naming her as mother); otherwise 0. A mother's baby is recorded on the record as a person in
 * her life when the authority knows of it, so no child of hers there is the record's "not a
 * mother" (said beside the findings). Boys have it blank, as DfE asks.
 */
export function motherCode(c: Pick<ChildRow, 'sex' | 'firstChildBirthDate'>): { MOTHER: string | null; MC_DOB: string | null } {
  if (c.sex !== 'F') return { MOTHER: null, MC_DOB: null };
  return c.firstChildBirthDate === null ? { MOTHER: '0', MC_DOB: null } : { MOTHER: '1', MC_DOB: dfeDate(c.firstChildBirthDate) };
}

const headerSource: TableSource = {
  table: 'Header',
  rows: ({ children, year, start, episodes }) =>
    children.map((c) => {
      // a care leaver in the return for the OC3 row alone, not looked after in the year, has no motherhood details (DfE rule 628)
      const lookedAfter = (episodes.get(c.id)?.length ?? 0) > 0;
      return {
        row: {
          CHILD: String(c.reference),
          SEX: sexCode(c.sex, year),
          DOB: dfeDate(c.dateOfBirth),
          ETHNIC: c.ethnicity,
          UPN: upnCode(c.upn, c.dateOfBirth, start),
          ...(lookedAfter ? motherCode(c) : { MOTHER: null, MC_DOB: null }),
        },
        source: { childId: c.id },
      };
    }),
};

const episodesSource: TableSource = {
  table: 'Episodes',
  rows: ({ record, children, episodes }) => {
    const placements = new Map(record.placements.map((p) => [p.id, p]));
    return children.flatMap((c) =>
      (episodes.get(c.id) ?? []).map(({ episode: e, end, reason, next, period }) => {
        const p = placements.get(e.placementId);
        const moved = reason === 'X1' && next !== null && PLACEMENT_CHANGED.has(next.reasonNew);
        return {
          row: {
            CHILD: String(c.reference),
            DECOM: dfeDate(e.startDate),
            RNE: e.reasonNew,
            LS: e.legalStatus,
            CIN: e.categoryOfNeed,
            PLACE: p?.placementType ?? null,
            PLACE_PROVIDER: p?.provider ?? null,
            DEC: dfeDate(end),
            REC: reason,
            REASON_PLACE_CHANGE: moved ? (p?.reasonForChange ?? null) : null,
            HOME_POST: p?.homePostcode ?? null,
            PL_POST: p?.placementPostcode ?? null,
            URN: p?.urn ?? null,
          },
          source: { childId: c.id, periodId: period.id, placementId: e.placementId },
        };
      }),
    );
  },
};

const reviewsSource: TableSource = {
  table: 'Reviews',
  rows: ({ record, children, start, end }) => {
    const reviews = groupBy(record.reviews);
    return children.flatMap((c) =>
      (reviews.get(c.id) ?? [])
        .filter((r) => r.reviewDate >= start && r.reviewDate <= end)
        .sort(byDate((r) => r.reviewDate))
        .map((r) => ({
          row: { CHILD: String(c.reference), DOB: dfeDate(c.dateOfBirth), REVIEW: dfeDate(r.reviewDate), REVIEW_CODE: r.participation },
          source: { childId: c.id, periodId: r.periodId, reviewId: r.id },
        })),
    );
  },
};

/**
 * The worker's identifier: their Social Work England number, or, for a worker the record has
 * none for, XX (which DfE's rule SW02 allows) and OpenCSC's id for the worker, the same in
 * every year's return.
 */
export const socialWorkerId = (workerId: string, socialWorkEnglandNumber: string | null = null): string =>
  socialWorkEnglandNumber ?? `XX${workerId.replaceAll('-', '').toUpperCase()}`;

/**
 * Each child's allocations to a social worker open at some time in the social worker
 * reporting period (from 2024/25 it reaches back a year), one after another; a worker kept
 * across a change of team is one episode, with the reason given when the worker changed.
 */
const socialWorkersSource: TableSource = {
  table: 'SWEpisodes',
  rows: ({ record, children, year, end }) => {
    const from = iso(socialWorkerPeriodStart({ collectionYear: year, current: {}, previous: {}, reference: {} }));
    const allocations = groupBy(record.socialWorkers);
    return children.flatMap((c) => {
      const merged: SocialWorkerRow[] = [];
      for (const a of [...(allocations.get(c.id) ?? [])].sort(byDate((x) => x.startDate))) {
        const last = merged[merged.length - 1];
        if (last && last.workerId === a.workerId && last.endDate === a.startDate)
          merged[merged.length - 1] = { ...last, endDate: a.endDate };
        else merged.push(a);
      }
      return merged
        .filter((a) => openIn(a.startDate, a.endDate, from, end))
        .map((a) => ({
          row: {
            CHILD: String(c.reference),
            DOB: dfeDate(c.dateOfBirth),
            SW_ID: socialWorkerId(a.workerId, a.socialWorkEnglandNumber),
            SW_DECOM: dfeDate(a.startDate),
            SW_DEC: dfeDate(known(a.endDate, end)),
            SW_REASON: a.changeReason,
          },
          source: { childId: c.id, allocationId: a.id },
        }));
    });
  },
};

/**
 * The missing episodes area's rows, for the children in the Header: CHILD and DOB are the
 * Header's own, so the rules that join the tables on CHILD find the child.
 */
const missingSource: TableSource = {
  table: 'Missing',
  rows: ({ record, children }) => {
    const episodes = groupBy(record.missing);
    return children.flatMap((c) =>
      (episodes.get(c.id) ?? []).map((e) => ({
        row: { ...e.row, CHILD: String(c.reference), DOB: dfeDate(c.dateOfBirth) },
        source: { childId: c.id, missingEpisodeId: e.episodeId },
      })),
    );
  },
};

/**
 * A child in the Header who was an unaccompanied asylum-seeking child in the year (care
 * planning records it), with the Header's own CHILD, DOB and SEX in the year's codes.
 */
const uascSource: TableSource = {
  table: 'UASC',
  rows: ({ record, children, year, end }) => {
    const uasc = new Map(record.uasc.map((u) => [u.childId, u]));
    return children.flatMap((c) => {
      const u = uasc.get(c.id);
      if (!u) return [];
      return [
        {
          row: {
            CHILD: String(c.reference),
            DOB: dfeDate(c.dateOfBirth),
            SEX: uascSexCode(c.sex, year),
            DUC: dfeDate(ceasedBy(u.ceasedDate, end)),
          },
          source: { childId: c.id },
        },
      ];
    });
  },
};

/** The day a child ceased to be UASC, if by the year's end: a later day is not the year's to report. */
function ceasedBy(ceased: string | null, end: string): string | null {
  return ceased !== null && ceased <= end ? ceased : null;
}

/** The UASC table's SEX: 1 and 2 before 2024/25, M, F and U after, as the Header's. */
function uascSexCode(sex: string, year: number): string | null {
  if (codesFor('UASC', 'SEX', year).includes(sex)) return sex;
  return sex === 'M' ? '1' : sex === 'F' ? '2' : null;
}

/** A blank OC2 column is '' in oc2Codes and null in a table, as the writer and the reader have it. */
const blankAsNull = (codes: Record<string, string>): Row =>
  Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, v === '' ? null : v]));

/** A child of the OC2 cohort in the Header: the health and education area's codes as at 31 March. */
const oc2Source: TableSource = {
  table: 'OC2',
  rows: ({ record, children, end }) => {
    const facts = new Map(record.oc2.map((f) => [f.childId, f]));
    return children.flatMap((c) => {
      const f = facts.get(c.id);
      if (!f) return [];
      const codes = blankAsNull({ ...oc2Codes(f, end) });
      return [
        { row: { CHILD: String(c.reference), DOB: dfeDate(c.dateOfBirth), ...codes }, source: { childId: c.id, periodId: f.carePeriodId } },
      ];
    });
  },
};

/** A care leaver at their 17th to 21st birthday in the year: the codes of the contact around it (blank where none says). */
const oc3Source: TableSource = {
  table: 'OC3',
  rows: ({ record, children }) => {
    const leavers = new Map(record.oc3.map((o) => [o.childId, o]));
    return children.flatMap((c) => {
      const o = leavers.get(c.id);
      if (!o) return [];
      return [
        {
          row: { CHILD: String(c.reference), DOB: dfeDate(c.dateOfBirth), IN_TOUCH: o.IN_TOUCH, ACTIV: o.ACTIV, ACCOM: o.ACCOM },
          source: { childId: c.id },
        },
      ];
    });
  },
};

/**
 * A child in the Header adopted in the year (the adoption order made by 31 March): the
 * decision to place for adoption (DATE_INT), the match (DATE_MATCH), whether the foster carers
 * adopted, and the adopters as their household is recorded.
 */
const ad1Source: TableSource = {
  table: 'AD1',
  rows: ({ record, children, start, end }) => {
    const journeys = groupBy(record.adoption);
    return children.flatMap((c) =>
      (journeys.get(c.id) ?? [])
        .filter((j) => j.adoptionOrderOn !== null && j.adoptionOrderOn >= start && j.adoptionOrderOn <= end)
        .map((j) => ({
          row: {
            CHILD: String(c.reference),
            DOB: dfeDate(c.dateOfBirth),
            DATE_INT: dfeDate(j.decidedOn),
            DATE_MATCH: dfeDate(j.matchedOn),
            FOSTER_CARE: j.fosterCarerAdoption ? '1' : '0',
            NB_ADOPTR: j.numberOfAdopters === null ? null : String(j.numberOfAdopters),
            SEX_ADOPTR: j.sexes,
            LS_ADOPTR: j.legalStatus,
          },
          source: { childId: c.id, adoptionJourneyId: j.journeyId },
        })),
    );
  },
};

/**
 * A child in the Header with a decision that they should be placed for adoption under way in
 * the year: the decision (DATE_PLACED) and, when it was reversed by 31 March, the day and the
 * reason (DATE_PLACED_CEASED, REASON_PLACED_CEASED). An adoption order ends a decision without
 * reversing it.
 */
const placedAdoptionSource: TableSource = {
  table: 'PlacedAdoption',
  rows: ({ record, children, end }) => {
    const journeys = groupBy(record.adoption);
    return children.flatMap((c) =>
      (journeys.get(c.id) ?? [])
        .filter((j) => j.decidedOn <= end)
        .map((j) => {
          const ceased = known(j.planChangedOn, end);
          return {
            row: {
              CHILD: String(c.reference),
              DOB: dfeDate(c.dateOfBirth),
              DATE_PLACED: dfeDate(j.decidedOn),
              DATE_PLACED_CEASED: dfeDate(ceased),
              REASON_PLACED_CEASED: ceased ? j.planChangeReason : null,
            },
            source: { childId: c.id, adoptionJourneyId: j.journeyId },
          };
        }),
    );
  },
};

/**
 * A child in the Header who started a period of care in the year, with what the record holds
 * of their permanence before it (PREV_PERM, LA_PERM, DATE_PERM). A child with nothing recorded
 * has no row: the record does not say "none" for them (GAPS).
 */
const prevPermSource: TableSource = {
  table: 'PrevPerm',
  rows: ({ record, children, start, end }) => {
    const recorded = new Map(record.previousPermanence.map((p) => [p.childId, p]));
    const started = new Set(record.periods.filter((p) => p.startDate >= start && p.startDate <= end).map((p) => p.childId));
    return children.flatMap((c) => {
      const p = recorded.get(c.id);
      if (!p || !started.has(c.id)) return [];
      return [
        {
          row: {
            CHILD: String(c.reference),
            DOB: dfeDate(c.dateOfBirth),
            PREV_PERM: p.code,
            LA_PERM: p.arrangedBy,
            DATE_PERM: dfeDate(p.madeOn),
          },
          source: { childId: c.id },
        },
      ];
    });
  },
};

/**
 * Each child's deprivation of liberty orders in force at some time in the year, with the
 * Header's CHILD and DOB; an order that ended after 31 March is sent as open (not yet known).
 */
const doloSource: TableSource = {
  table: 'DoLo',
  rows: ({ record, children, start, end }) => {
    const orders = groupBy(record.dolos);
    return children.flatMap((c) =>
      [...(orders.get(c.id) ?? [])]
        .filter((o) => openIn(o.startDate, o.endDate, start, end))
        .sort(byDate((o) => o.startDate))
        .map((o) => ({
          row: {
            CHILD: String(c.reference),
            DOB: dfeDate(c.dateOfBirth),
            DOLO_START: dfeDate(o.startDate),
            DOLO_END: dfeDate(known(o.endDate, end)),
          },
          source: { childId: c.id, periodId: o.periodId },
        })),
    );
  },
};

/**
 * The tables the record fills, in DfE's order. Another table's source is one more entry: a
 * function from the record (and the children and episodes of the year) to its rows.
 */
export const TABLE_SOURCES: readonly TableSource[] = [
  headerSource,
  episodesSource,
  reviewsSource,
  uascSource,
  oc2Source,
  ad1Source,
  placedAdoptionSource,
  prevPermSource,
  oc3Source,
  missingSource,
  socialWorkersSource,
  doloSource,
];

/** What the record does not hold for a table it fills, said beside the findings. */
export const GAPS: Partial<Record<TableName, string>> = {
  Header:
    'MOTHER is 1 for a girl whose child is on the record (a relationship naming her as mother), else 0; UPN is UN1 for a child with none not yet of school age',
  OC2: 'IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE and CONVICTED are 0 when nothing is recorded for the year (the record holds no "not known")',
  PrevPerm:
    'a child who started a period of care in the year with no previous permanence recorded on the adoption page has no row (the record holds no answer for them, not "none")',
  OC3: 'IN_TOUCH, ACTIV and ACCOM are read from the contact closest to the birthday from 3 months before it to 1 month after, and are blank where no contact in that window records them',
  SWEpisodes:
    'SW_ID is XX and OpenCSC’s id for a worker with no Social Work England number on the record, and SW_REASON is blank for an allocation made without a reason',
};

/** The return of one collection year from the record, with where each row came from. */
export function build903(record: LookedAfterRecord, year: number, sources: readonly TableSource[] = TABLE_SOURCES): Built903 {
  const start = iso(collectionStart(year));
  const end = iso(collectionEnd(year));
  const periods = groupBy(record.periods);
  const episodes = groupBy(record.episodes);
  const inYear = new Map<string, YearEpisode[]>();
  for (const [childId, list] of periods) {
    const found = episodesInYear(list, episodes.get(childId) ?? [], start, end);
    if (found.length) inYear.set(childId, found);
  }
  const leavers = new Set(record.oc3.map((o) => o.childId));
  const children = record.children.filter((c) => inYear.has(c.id) || leavers.has(c.id)).sort((a, b) => a.reference - b.reference);
  const ctx: BuildContext = { record, year, start, end, children, episodes: inYear };

  const collected = new Set(tablesFor(year));
  const tables: Tables903 = {};
  const rowSources: Built903['sources'] = {};
  for (const source of sources) {
    if (!collected.has(source.table)) continue;
    const built = source.rows(ctx);
    tables[source.table] = table(
      source.table,
      built.map((b) => b.row),
    );
    rowSources[source.table] = built.map((b) => b.source);
  }
  const notBuilt = TABLE_NAMES.filter((t) => collected.has(t) && !tables[t]);
  for (const t of notBuilt) tables[t] = table(t, []);
  return { year, tables, sources: rowSources, notBuilt };
}

const table = (name: TableName, rows: Row[]): Table903 => ({ name, file: FILE_NAMES[name], rows });
