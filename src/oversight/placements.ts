/**
 * Where children looked after live, as a manager follows it: children placed more than 20
 * miles from home, children placed outside the authority (for a county, with those whose county the
 * postcode directory does not give counted apart), and children with three or more placements in the
 * last 12 months (the DfE's short-term placement stability measure, counted to today rather than to 31 March).
 * Each figure and the list behind it share one read, so a count is always its list's length.
 */
import { sql } from 'drizzle-orm';
import { addCalendarYears, addDays, formatDate } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { insideAuthority, milesApart, TWO_TIERS, NO_DIRECTORY, type PostcodeDirectory } from '../returns/postcode-directory.js';
import type { PostcodePlace } from '../returns/ssda903/model.js';
import { type ChildList, type Scope, scopeCondition } from './queries.js';

/** More than this many miles from home is "placed far": the DfE's and Ofsted's line. */
export const FAR_MILES = 20;

export const placementListNames = [
  'la-placed-far',
  'la-distance-not-known',
  'la-placed-outside',
  'la-outside-not-known',
  'la-three-placements',
] as const;
export type PlacementListName = (typeof placementListNames)[number];

export function isPlacementListName(name: string): name is PlacementListName {
  return (placementListNames as readonly string[]).includes(name);
}

interface Postcodes {
  placementPostcode: string | null;
  homePostcode: string | null;
}

interface CurrentPlacement extends Postcodes {
  childId: string;
  childName: string;
  startDate: string;
}

const inForceToday = (scope: Scope, today: string) =>
  sql`care_periods k
      join placements p on p.care_period_id = k.id and p.start_date <= ${today} and p.end_date is null
     where k.end_date is null and k.start_date <= ${today} and ${scopeCondition(scope, sql`p.child_id`)}`;

/** The placement in force today of each child looked after today, in scope. */
function currentPlacements(db: Db, scope: Scope, today: string): Promise<CurrentPlacement[]> {
  return rows<CurrentPlacement>(
    db,
    sql`select p.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", p.start_date::text as "startDate",
               p.placement_postcode as "placementPostcode", p.home_postcode as "homePostcode"
          from (select p.* from ${inForceToday(scope, today)}) p
          join children c on c.id = p.child_id
         order by c.last_name, c.first_name`,
  );
}

/** The same placements' postcodes alone: what the figures count, read without names or order. */
function currentPostcodes(db: Db, scope: Scope, today: string): Promise<Postcodes[]> {
  return rows<Postcodes>(
    db,
    sql`select p.placement_postcode as "placementPostcode", p.home_postcode as "homePostcode" from ${inForceToday(scope, today)}`,
  );
}

interface Located {
  /** Miles from home, or null when a postcode is missing or not in the directory. */
  miles: number | null;
  /** Where the placement's postcode lies in the directory, or null when not recorded or not in it. */
  placedAt: PostcodePlace | null;
}

type Measured = CurrentPlacement & Located;

const NO_AUTHORITY_CODE = 'Placed outside the authority is not computed: the authority’s ONS code is not configured (AUTHORITY_CODE).';

/** Placed in an authority other than this one, the placement's postcode being in the directory. */
const outside = (p: Located, authorityCode: string) => p.placedAt !== null && insideAuthority(p.placedAt, authorityCode) === false;

/**
 * For a county, placed in a district the directory gives no county for: neither inside nor
 * outside, a figure and list of their own as distances not known are.
 */
const outsideNotKnown = (p: Located, authorityCode: string) => p.placedAt !== null && insideAuthority(p.placedAt, authorityCode) === null;

function located(p: Postcodes, places: Extract<PostcodeDirectory, { state: 'loaded' }>): Located {
  const from = p.homePostcode ? places.place(p.homePostcode) : undefined;
  const to = p.placementPostcode ? places.place(p.placementPostcode) : undefined;
  return { miles: from && to ? milesApart(from, to) : null, placedAt: to ?? null };
}

function measure(placements: CurrentPlacement[], places: Extract<PostcodeDirectory, { state: 'loaded' }>): Measured[] {
  return placements.map((p) => ({ ...p, ...located(p, places) }));
}

/** Which postcode is missing, without showing either: a restricted child's row must not say where they live. */
function whyNotKnown(p: CurrentPlacement, places: Extract<PostcodeDirectory, { state: 'loaded' }>): string {
  const problem = (postcode: string | null, what: string) =>
    postcode === null ? `${what} not recorded` : places.place(postcode) ? null : `${what} not in the directory`;
  return [problem(p.placementPostcode, 'Placement postcode'), problem(p.homePostcode, 'Home postcode')].filter(Boolean).join('; ');
}

interface ManyPlacements {
  childId: string;
  childName: string;
  placements: number;
  latestStart: string;
}

/** The day before the 12 months to today begin: a placement in force after it counts. */
const yearBefore = (today: string) => addCalendarYears(today, -1);

/**
 * Children looked after today with three or more placements in force at some time in the 12
 * months to today, across their periods of care in the year.
 */
function manyPlacements(db: Db, scope: Scope, today: string): Promise<ManyPlacements[]> {
  return rows<ManyPlacements>(
    db,
    sql`select p.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", count(*)::int as placements,
               max(p.start_date)::text as "latestStart"
          from placements p join children c on c.id = p.child_id
         where p.start_date <= ${today} and (p.end_date is null or p.end_date > ${yearBefore(today)})
           and exists (select 1 from care_periods k where k.child_id = p.child_id and k.end_date is null and k.start_date <= ${today})
           and ${scopeCondition(scope, sql`p.child_id`)}
         group by p.child_id, c.first_name, c.last_name
        having count(*) >= 3
         order by count(*) desc, c.last_name, c.first_name`,
  );
}

export interface PlacementFigures {
  threePlacements: number;
  distance:
    | {
        state: 'computed';
        far: number;
        notKnown: number;
        /** `countyNotKnown` for a county authority only: placements the directory gives a district and no county for. */
        outside: { count: number; countyNotKnown?: number } | { reason: string };
      }
    | { state: 'not_computed'; reason: string };
}

export async function placementFigures(
  db: Db,
  scope: Scope,
  today: string,
  directory: PostcodeDirectory,
  authorityCode?: string,
): Promise<PlacementFigures> {
  const [many, current] = await Promise.all([
    manyPlacements(db, scope, today),
    directory.state === 'loaded' ? currentPostcodes(db, scope, today) : Promise.resolve([]),
  ]);
  if (directory.state !== 'loaded') return { threePlacements: many.length, distance: directory };
  // counted with the lists' own tests, each placement located once
  const measured = current.map((p) => located(p, directory));
  return {
    threePlacements: many.length,
    distance: {
      state: 'computed',
      far: measured.filter((p) => p.miles !== null && p.miles > FAR_MILES).length,
      notKnown: measured.filter((p) => p.miles === null).length,
      outside: authorityCode ? outsideFigures(measured, authorityCode) : { reason: NO_AUTHORITY_CODE },
    },
  };
}

function outsideFigures(measured: Located[], authorityCode: string) {
  const count = measured.filter((p) => outside(p, authorityCode)).length;
  if (!authorityCode.startsWith(TWO_TIERS.county)) return { count };
  return { count, countyNotKnown: measured.filter((p) => outsideNotKnown(p, authorityCode)).length };
}

const distanceDefinition =
  'Children looked after today, by their placement in force today: the straight-line distance between the postcode of the placement and the postcode of the home the child lived in when it began, between the postcodes’ centres in the configured postcode directory (as the SSDA903 measures it).';

/** A list of the placement figures, with `notComputed` saying why when distance cannot be measured. */
export async function placementList(
  db: Db,
  name: PlacementListName,
  scope: Scope,
  today: string,
  directory: PostcodeDirectory,
  authorityCode?: string,
): Promise<ChildList & { notComputed?: string }> {
  if (name === 'la-three-placements') {
    const found = await manyPlacements(db, scope, today);
    return {
      title: 'Children with three or more placements in the last 12 months',
      definition: `Children looked after today who had three or more separate placements in force at some time from ${formatDate(addDays(yearBefore(today), 1))} to today, counting every placement on the record in any period of care in those 12 months (the DfE’s short-term placement stability measure counts the year to 31 March).`,
      head: ['Child', 'Placements in the 12 months', 'Latest placement began'],
      items: found.map((c) => ({ childId: c.childId, childName: c.childName, cells: [String(c.placements), c.latestStart] })),
      nameOrderedWithin: (item) => item.cells[0]!,
    };
  }
  if (name === 'la-placed-outside' || name === 'la-outside-not-known') {
    const notKnown = name === 'la-outside-not-known';
    const title = notKnown ? 'Children not known to be placed inside or outside the authority' : 'Children placed outside the authority';
    const definition = notKnown
      ? 'Children looked after today whose placement in force today has a postcode that the configured postcode directory gives a district (E07) for and no county, while this authority (AUTHORITY_CODE) is a county (E10): a county’s area is its districts, and a district’s code does not say which county it lies in. The ONS Postcode Directory gives a postcode’s county (oscty) where it lies in one; a directory of postcode, la_code, easting, northing gives the one code it holds.'
      : 'Children looked after today whose placement in force today has a postcode that lies, in the configured postcode directory, in a local authority other than this one (AUTHORITY_CODE); for a county, the postcode’s county, or its single-tier authority where it lies in no county. A placement whose postcode is not recorded or not in the directory is not counted, nor, for a county, one whose postcode the directory gives a district and no county for (counted as not known).';
    if (directory.state !== 'loaded') return { title, definition, head: [], items: [], notComputed: directory.reason || NO_DIRECTORY };
    if (!authorityCode) return { title, definition, head: [], items: [], notComputed: NO_AUTHORITY_CODE };
    const chosen = measure(await currentPlacements(db, scope, today), directory).filter((p) =>
      notKnown ? outsideNotKnown(p, authorityCode) : outside(p, authorityCode),
    );
    return {
      title,
      definition,
      head: ['Child', 'Placement began'],
      items: chosen.map((p) => ({ childId: p.childId, childName: p.childName, cells: [p.startDate] })),
      nameOrderedWithin: () => '',
    };
  }
  const far = name === 'la-placed-far';
  const title = far
    ? `Children placed more than ${FAR_MILES} miles from home`
    : 'Children looked after whose distance from home is not known';
  if (directory.state !== 'loaded') {
    return { title, definition: distanceDefinition, head: [], items: [], notComputed: directory.reason || NO_DIRECTORY };
  }
  const measured = measure(await currentPlacements(db, scope, today), directory);
  const chosen = far
    ? measured.filter((p) => p.miles !== null && p.miles > FAR_MILES).sort((a, b) => b.miles! - a.miles!)
    : measured.filter((p) => p.miles === null);
  return {
    title,
    definition: far
      ? `${distanceDefinition} More than ${FAR_MILES} miles counts.`
      : `${distanceDefinition} Not known: the placement’s or the home’s postcode is not recorded, or is not in the postcode directory.`,
    head: far ? ['Child', 'Miles from home', 'Placement began'] : ['Child', 'Why not known', 'Placement began'],
    items: chosen.map((p) => ({
      childId: p.childId,
      childName: p.childName,
      cells: far ? [p.miles!.toFixed(1), p.startDate] : [whyNotKnown(p, directory), p.startDate],
    })),
    nameOrderedWithin: far ? (item) => item.cells[0]! : () => '',
  };
}
