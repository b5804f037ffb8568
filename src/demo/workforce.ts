/**
 * The demo authority's teams and social workers, and how many children each worker
 * holds today. Shaped on the 2014 report: a front door, locality teams in three
 * localities, teams for looked after children, care leavers and disabled children;
 * 260 social work posts with 25 agency workers; caseloads mostly 15 to 30, too many
 * over 40, two at exactly 50, newly qualified workers carrying full loads.
 */
import type { Faker } from '@faker-js/faker';
import type { WorkerRole } from '../core/organisation/schema.js';
import { type Locality, manchester2014 } from './authority.js';
import type { Random } from './random.js';

export type TeamKind = 'front_door' | 'locality' | 'looked_after' | 'leaving_care' | 'disabled_children';

export interface PlannedTeam {
  id: string;
  name: string;
  kind: TeamKind;
  locality: Locality | null;
}

export interface PlannedWorker {
  id: string;
  name: string;
  role: WorkerRole;
  teamId: string | null;
  qualified: boolean;
  newlyQualified: boolean;
  agency: boolean;
  active: boolean;
  /** Children allocated to this worker today. */
  caseload: number;
}

export interface Workforce {
  teams: PlannedTeam[];
  workers: PlannedWorker[];
  /** Workers who have left: they appear in allocation history only. */
  former: PlannedWorker[];
  frontDoor: PlannedTeam;
  /** The locality team the demo practitioner and team manager belong to. */
  demoTeam: PlannedTeam;
  demoPractitioner: PlannedWorker;
  demoPractitioner2: PlannedWorker;
  demoTeamManager: PlannedWorker;
  demoServiceManager: PlannedWorker;
  managerOf: Map<string, PlannedWorker>;
  /** Case-holding workers by team. */
  caseHolders: Map<string, PlannedWorker[]>;
}

/** The demo practitioner's own caseload: about 25 children. */
export const DEMO_PRACTITIONER_CASELOAD = 25;

// Case-holding social workers per team at full size (216 in all, with 10 at the front door,
// 31 team managers and 3 service managers: 260 posts).
const FULL = { lookedAfter: 14, leavingCare: 6, disabledChildren: 7, frontDoor: 10, perLocalityTeam: 189 / 26 };
const AVERAGE_CASELOAD = manchester2014.childrenInNeed.value / 216;

export function planWorkforce(rng: Random, faker: Faker, scale: number, openChildren: number): Workforce {
  const teams: PlannedTeam[] = [];
  const workers: PlannedWorker[] = [];
  const team = (name: string, kind: TeamKind, locality: Locality | null): PlannedTeam => {
    const t = { id: rng.uuid(), name, kind, locality };
    teams.push(t);
    return t;
  };
  const worker = (role: WorkerRole, teamId: string | null, extra: Partial<PlannedWorker> = {}): PlannedWorker => {
    const w: PlannedWorker = {
      id: rng.uuid(),
      name: `${faker.person.firstName()} ${faker.person.lastName()}`,
      role,
      teamId,
      qualified: true,
      newlyQualified: false,
      agency: false,
      active: true,
      caseload: 0,
      ...extra,
    };
    workers.push(w);
    return w;
  };

  const caseHoldingTotal = Math.max(12, Math.round(openChildren / AVERAGE_CASELOAD));
  const share = (n: number) => Math.max(2, Math.round((caseHoldingTotal * n) / 216));
  const lookedAfter = share(FULL.lookedAfter);
  const leavingCare = share(FULL.leavingCare);
  const disabled = share(FULL.disabledChildren);
  const localityWorkers = Math.max(9, caseHoldingTotal - lookedAfter - leavingCare - disabled);
  const localityTeamCount = Math.max(3, Math.round(localityWorkers / FULL.perLocalityTeam));

  const frontDoor = team('Front Door (contact and referral)', 'front_door', null);
  // Localities in the proportions North 9 : Central 8 : South 9.
  const central = Math.max(1, Math.round((localityTeamCount * 8) / 26));
  const north = Math.max(1, Math.ceil((localityTeamCount - central) / 2));
  const south = Math.max(1, localityTeamCount - central - north);
  const localityTeams: PlannedTeam[] = [];
  for (const [locality, count] of [
    ['North', north],
    ['Central', central],
    ['South', south],
  ] as const) {
    for (let i = 1; i <= count; i++) localityTeams.push(team(`${locality} ${i}`, 'locality', locality));
  }
  const lookedAfterTeams =
    lookedAfter > 8
      ? [team('Looked After Children 1', 'looked_after', null), team('Looked After Children 2', 'looked_after', null)]
      : [team('Looked After Children', 'looked_after', null)];
  const leavingCareTeam = team('Leaving Care', 'leaving_care', null);
  const disabledTeam = team('Children with Disabilities', 'disabled_children', null);

  const managerOf = new Map<string, PlannedWorker>();
  for (const t of teams) managerOf.set(t.id, worker('team_manager', t.id));
  const serviceManagers = (['North', 'Central', 'South'] as const).map(() => worker('service_manager', null));

  const caseHolders = new Map<string, PlannedWorker[]>();
  const addCaseHolders = (t: PlannedTeam, n: number) => {
    const list: PlannedWorker[] = [];
    for (let i = 0; i < n; i++) list.push(worker(i === 0 && t.kind === 'locality' ? 'senior_practitioner' : 'social_worker', t.id));
    caseHolders.set(t.id, list);
  };
  // Locality workers spread evenly, the remainder one more each in the first teams.
  localityTeams.forEach((t, i) => {
    const base = Math.floor(localityWorkers / localityTeams.length);
    addCaseHolders(t, base + (i < localityWorkers % localityTeams.length ? 1 : 0));
  });
  lookedAfterTeams.forEach((t, i) =>
    addCaseHolders(t, Math.floor(lookedAfter / lookedAfterTeams.length) + (i < lookedAfter % lookedAfterTeams.length ? 1 : 0)),
  );
  addCaseHolders(leavingCareTeam, leavingCare);
  addCaseHolders(disabledTeam, disabled);
  const frontDoorWorkers: PlannedWorker[] = [];
  for (let i = 0; i < Math.max(2, Math.round(FULL.frontDoor * scale)); i++) frontDoorWorkers.push(worker('social_worker', frontDoor.id));

  // The demo practitioner: an experienced social worker in a Central team (the third, when there is one).
  const centralTeams = localityTeams.filter((t) => t.locality === 'Central');
  const demoTeam = centralTeams[Math.min(2, centralTeams.length - 1)]!;
  const demoPractitioner = caseHolders.get(demoTeam.id)!.find((w) => w.role === 'social_worker')!;
  const otherTeam = localityTeams.find((t) => t.locality === 'South')!;
  const demoPractitioner2 = caseHolders.get(otherTeam.id)!.find((w) => w.role === 'social_worker')!;
  const demos = new Set([demoPractitioner.id, demoPractitioner2.id]);

  // Newly qualified (about one in eight of the case-holders) and agency workers (25 of 260 posts).
  const allCaseHolders = [...caseHolders.values()].flat();
  const socialWorkers = rng.shuffle(allCaseHolders.filter((w) => w.role === 'social_worker' && !demos.has(w.id)));
  const newlyQualifiedCount = Math.round(allCaseHolders.length * 0.12);
  socialWorkers.slice(0, newlyQualifiedCount).forEach((w) => (w.newlyQualified = true));
  const posts = workers.length;
  const agencyCount = Math.round((posts * manchester2014.agencyStaff.value) / manchester2014.socialWorkPosts.value);
  const agencyPool = rng.shuffle([...socialWorkers.filter((w) => !w.newlyQualified), ...frontDoorWorkers]);
  agencyPool.slice(0, agencyCount).forEach((w) => (w.agency = true));

  setCaseloads(rng, allCaseHolders, caseHolders, localityTeams, demoPractitioner, demos, openChildren);

  const former: PlannedWorker[] = [];
  for (let i = 0; i < Math.max(4, Math.round(30 * scale)); i++) {
    const t = rng.pick(localityTeams);
    former.push({
      id: rng.uuid(),
      name: `${faker.person.firstName()} ${faker.person.lastName()}`,
      role: 'social_worker',
      teamId: t.id,
      qualified: true,
      newlyQualified: false,
      agency: rng.chance(0.6),
      active: false,
      caseload: 0,
    });
  }

  return {
    teams,
    workers,
    former,
    frontDoor,
    demoTeam,
    demoPractitioner,
    demoPractitioner2,
    demoTeamManager: managerOf.get(demoTeam.id)!,
    demoServiceManager: serviceManagers[1]!,
    managerOf,
    caseHolders,
  };
}

/**
 * Caseloads that add up to the children open today: two locality workers at exactly 50,
 * about one in fourteen over 40 (newly qualified among them), the demo practitioner at 25,
 * looked after and leaving care workers up to 30 (para 78), the rest mostly 15 to 30.
 */
function setCaseloads(
  rng: Random,
  all: PlannedWorker[],
  byTeam: Map<string, PlannedWorker[]>,
  localityTeams: PlannedTeam[],
  demoPractitioner: PlannedWorker,
  demos: Set<string>,
  total: number,
): void {
  const fixed = new Set<string>();
  const locality = rng.shuffle(localityTeams.flatMap((t) => byTeam.get(t.id)!));
  const candidates = locality.filter((w) => !demos.has(w.id));
  demoPractitioner.caseload = DEMO_PRACTITIONER_CASELOAD;
  fixed.add(demoPractitioner.id);

  const experienced = candidates.filter((w) => !w.newlyQualified);
  for (const w of experienced.slice(0, manchester2014.workersAtFifty.value)) {
    w.caseload = manchester2014.highestCaseload.value;
    fixed.add(w.id);
  }
  const overForty = Math.max(1, Math.round(all.length * 0.07));
  const newlyQualified = candidates.filter((w) => w.newlyQualified);
  const heavy = [
    ...newlyQualified.slice(0, Math.min(2, Math.floor(overForty / 3))),
    ...experienced.slice(manchester2014.workersAtFifty.value),
  ].slice(0, overForty);
  for (const w of heavy) {
    w.caseload = rng.int(41, 48);
    fixed.add(w.id);
  }

  const specialist = new Set(all.filter((w) => !locality.includes(w)).map((w) => w.id));
  const adjustable: PlannedWorker[] = [];
  for (const w of all) {
    if (fixed.has(w.id)) continue;
    if (specialist.has(w.id)) w.caseload = rng.int(16, 30);
    else if (w.newlyQualified) w.caseload = rng.int(24, 38);
    else {
      const band = rng.weighted({ usual: 70, high: 15, light: 10, new: 5 });
      w.caseload =
        band === 'usual' ? rng.int(15, 30) : band === 'high' ? rng.int(31, 40) : band === 'light' ? rng.int(10, 14) : rng.int(5, 9);
    }
    adjustable.push(w);
  }
  // Bring the sum to the children open today, one child at a time, keeping every worker
  // within bounds: first within 15 to 30 (specialists to 30), then wider if need be.
  let diff = total - all.reduce((sum, w) => sum + w.caseload, 0);
  for (const [low, high] of [
    [15, 30],
    [5, 40],
    [1, 40],
    [1, 49],
  ] as const) {
    let guard = 0;
    while (diff !== 0 && guard++ < 200_000) {
      const w = rng.pick(adjustable);
      const cap = specialist.has(w.id) ? Math.min(high, 30) : high;
      if (diff > 0 && w.caseload < cap && w.caseload >= low - 1) {
        w.caseload++;
        diff--;
      } else if (diff < 0 && w.caseload > low && w.caseload <= cap + 1) {
        w.caseload--;
        diff++;
      }
    }
    if (diff === 0) break;
  }
  if (diff !== 0) throw new RangeError(`Cannot spread ${total} children over ${all.length} workers`);
}
