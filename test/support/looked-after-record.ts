import { sql } from 'drizzle-orm';
import { addRelationship, createChild, type NewChild } from '../../src/children/use-cases.js';
import type { SignedInUser } from '../../src/core/auth/users.js';
import { type Db, rows } from '../../src/core/db/database.js';
import {
  becomeLookedAfter,
  type BecomeLookedAfter,
  ceaseLookedAfter,
  changeLegalStatus,
  movePlacement,
  type MovePlacement,
  recordLookedAfterReview,
} from '../../src/looked-after/use-cases.js';
import { syntheticUpn } from '../../src/returns/cin/tooling/synthetic.js';
import { allocate } from '../../src/workforce/use-cases.js';
import type { smallAuthority } from './fixture.js';

type Authority = Awaited<ReturnType<typeof smallAuthority>>;

const foster = {
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: false,
  visitRegime: 'standard',
} as const;

/**
 * Synthetic children recorded through the use cases: Oak, looked after in 2025/26 (a move, a new
 * legal status, a review, two social workers, and a baby on the record); Birch, looked after
 * from 2023/24 until August 2025; Hazel, looked after in 2023/24 only, with no UPN; Elm, never
 * looked after.
 */
export async function recordLookedAfter(db: Db, authority: Authority) {
  const sam: SignedInUser = {
    id: authority.users.serviceManager,
    username: 'sam',
    displayName: 'Sam Servicemanager',
    role: 'service_manager',
    workerId: null,
    teamId: null,
    teamName: null,
    demo: false,
  };
  const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-05-01T12:00:00Z') };
  const child = (firstName: string, dateOfBirth: string, extra: Partial<NewChild> = {}) =>
    createChild(
      db,
      { firstName, lastName: 'Lookedafter', sex: 'F', ethnicity: 'WBRI', dateOfBirth, disabilities: [], ...extra } as NewChild,
      '2024-01-02',
      { userId: authority.users.practitioner, teamId: authority.teams.north },
    );
  const inTx = <T>(work: (tx: Db) => Promise<T>) => db.transaction(work);
  const start = (childId: string, input: Omit<BecomeLookedAfter, keyof typeof foster> & Partial<BecomeLookedAfter>) =>
    inTx((tx) => becomeLookedAfter(tx, childId, { ...foster, ...input } as BecomeLookedAfter, by));

  const oak = await child('Oak', '2010-03-03', { upn: syntheticUpn('352', 11) } as Partial<NewChild>);
  const oakPeriod = await start(oak, { startDate: '2025-05-01', legalStatus: 'C1', categoryOfNeed: 'N1', placementType: 'U1' });
  await inTx((tx) =>
    recordLookedAfterReview(tx, oak, oakPeriod, { reviewDate: '2025-06-10', participation: 'PN1', iroName: 'Ira Reviewer' }, by),
  );
  await inTx((tx) =>
    movePlacement(
      tx,
      oak,
      oakPeriod,
      { ...foster, moveDate: '2025-09-01', reasonForChange: 'CARPL', sameCarers: false, placementType: 'U4', version: 2 } as MovePlacement,
      by,
    ),
  );
  await inTx((tx) => changeLegalStatus(tx, oak, oakPeriod, { changeDate: '2025-11-01', legalStatus: 'C2', version: 3 }, by));
  await allocate(
    db,
    oak,
    { teamId: authority.teams.north, workerId: authority.workers.ana },
    { userId: by.userId, at: new Date('2025-05-01T09:00:00Z') },
  );
  await allocate(
    db,
    oak,
    { teamId: authority.teams.north, workerId: authority.workers.ben },
    { userId: by.userId, at: new Date('2025-10-01T09:00:00Z') },
  );
  const [{ reference: oakReference }] = (await rows<{ reference: number }>(
    db,
    sql`select reference::int as reference from children where id = ${oak}`,
  )) as [{ reference: number }];
  const bud = await child('Bud', '2025-12-01', { sex: 'M' } as Partial<NewChild>);
  await addRelationship(
    db,
    bud,
    { relationship: 'mother', childReference: String(oakReference), parentalResponsibility: true, livesWithChild: true },
    sam,
  );

  const birch = await child('Birch', '2012-07-07', { sex: 'M', ethnicity: 'MWBC', upn: syntheticUpn('352', 12) } as Partial<NewChild>);
  const birchPeriod = await start(birch, { startDate: '2024-02-01', legalStatus: 'V2', categoryOfNeed: 'N4', placementType: 'U1' });
  await allocate(
    db,
    birch,
    { teamId: authority.teams.north, workerId: authority.workers.ana },
    { userId: by.userId, at: new Date('2024-02-01T09:00:00Z') },
  );
  await inTx((tx) => ceaseLookedAfter(tx, birch, birchPeriod, { endDate: '2025-08-15', reasonCeased: 'E13', version: 1 }));

  const hazel = await child('Hazel', '2011-01-05');
  const hazelPeriod = await start(hazel, { startDate: '2023-06-01', legalStatus: 'V2', categoryOfNeed: 'N2', placementType: 'U1' });
  await inTx((tx) => ceaseLookedAfter(tx, hazel, hazelPeriod, { endDate: '2023-12-01', reasonCeased: 'E13', version: 1 }));

  const elm = await child('Elm', '2014-04-04');
  return { oak, oakPeriod, oakReference, birch, hazel, elm, workers: authority.workers };
}
