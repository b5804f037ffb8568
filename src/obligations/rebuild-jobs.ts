import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ClockContext } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { loadClockContext, recomputeObligations } from './recompute.js';
import { changeNotedOnCommit, noteRecordChange } from '../core/db/record-changes.js';

/**
 * Recomputing every child's obligations, as a job kept in a table (obligation_rebuilds)
 * rather than in a request: a change of local policy records the job in its own
 * transaction and answers at once; a runner in the same process takes the job after the
 * response and works through the children in batches, each batch in its own transaction
 * with the job's progress. The row is the whole state, so a process that dies leaves the
 * job unfinished, and the next runner (at start, every minute, or the rebuild command)
 * resumes it after the last child done.
 *
 * One job runs at a time: a runner takes only the newest unfinished job and marks the
 * older ones superseded (the newest reads the latest policy, so it covers them), and a
 * batch commits only while its job is still running under the same runner.
 */

// Small enough that, on PGlite's single connection, pages wait little between batches.
const BATCH = 200;
/** A running job whose heartbeat is older than this was left by a process that died (batches take a second or so). */
const STALE_AFTER_SECONDS = 30;
/** How often a runner looks for work another process left. */
const LOOK_EVERY_MS = 15_000;

export type RebuildState = 'queued' | 'running' | 'finished' | 'failed' | 'superseded';

export interface RebuildJob {
  id: number;
  reason: string;
  state: RebuildState;
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  childrenTotal: number | null;
  childrenDone: number;
  obligations: number;
  failure: string | null;
}

/**
 * Ask for every child's obligations to be recomputed. Call it in the transaction that made
 * the change, so a change is never saved without the job that applies it.
 */
export async function requestRebuild(
  db: Db,
  request: { reason: string; requestedBy: string | null; settingChangeId?: number },
): Promise<number> {
  const [job] = await rows<{ id: number }>(
    db,
    sql`insert into obligation_rebuilds (reason, requested_by, setting_change_id)
        values (${request.reason}, ${request.requestedBy}, ${request.settingChangeId ?? null}) returning id::int as id`,
  );
  return job!.id;
}

const iso = (column: string) => sql.raw(`to_char(j.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const jobColumns = sql`j.id::int as id, j.reason, j.state, u.display_name as "requestedBy", ${iso('requested_at')} as "requestedAt",
  ${iso('started_at')} as "startedAt", ${iso('finished_at')} as "finishedAt", j.children_total as "childrenTotal",
  j.children_done as "childrenDone", j.obligations, j.failure`;

/** The newest job, for the policy page: running, or how the last one ended. */
export async function latestRebuild(db: Db): Promise<RebuildJob | null> {
  const [job] = await rows<RebuildJob>(
    db,
    sql`select ${jobColumns} from obligation_rebuilds j left join users u on u.id = j.requested_by order by j.id desc limit 1`,
  );
  return job ?? null;
}

export async function rebuildById(db: Db, id: number): Promise<RebuildJob | null> {
  const [job] = await rows<RebuildJob>(
    db,
    sql`select ${jobColumns} from obligation_rebuilds j left join users u on u.id = j.requested_by where j.id = ${id}`,
  );
  return job ?? null;
}

interface Claimed {
  id: number;
}

/**
 * Take the newest unfinished job, unless another live runner has it; older unfinished jobs
 * are superseded. Resuming keeps the children already done.
 */
async function claimNewest(db: Db, runner: string, takeOver: boolean): Promise<Claimed | null> {
  return db.transaction(async (tx) => {
    const [newest] = await rows<{ id: number; state: string; runner: string | null; stale: boolean; last_child_id: string | null }>(
      tx,
      sql`select id::int as id, state, runner, coalesce(heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}), true) as stale, last_child_id
            from obligation_rebuilds where state in ('queued', 'running') order by id desc limit 1 for update`,
    );
    if (!newest) return null;
    if (newest.state === 'running' && newest.runner !== runner && !newest.stale && !takeOver) return null;
    await tx.execute(
      sql`update obligation_rebuilds set state = 'superseded', finished_at = now() where state in ('queued', 'running') and id < ${newest.id}`,
    );
    const [counts] = await rows<{ total: number; done: number }>(
      tx,
      sql`select count(*)::int as total,
                 count(*) filter (where ${newest.last_child_id}::uuid is not null and id <= ${newest.last_child_id}::uuid)::int as done
            from children`,
    );
    await tx.execute(
      sql`update obligation_rebuilds set state = 'running', runner = ${runner}, started_at = coalesce(started_at, now()), heartbeat_at = now(),
                 children_total = ${counts!.total}, children_done = ${counts!.done}
           where id = ${newest.id}`,
    );
    return { id: newest.id };
  });
}

type BatchOutcome = { outcome: 'more'; done: number; total: number } | { outcome: 'finished' | 'stopped' };

/** One batch in one transaction: the job's row is locked first, so nothing else moves it meanwhile. */
async function runBatch(db: Db, jobId: number, runner: string, context: ClockContext, size: number): Promise<BatchOutcome> {
  const outcome = await changeNotedOnCommit(() =>
    db.transaction(async (tx): Promise<BatchOutcome> => {
      const [mine] = await rows<{ last_child_id: string | null; newer: boolean }>(
        tx,
        sql`update obligation_rebuilds set heartbeat_at = now()
           where id = ${jobId} and state = 'running' and runner = ${runner}
           returning last_child_id, exists (select 1 from obligation_rebuilds n where n.id > ${jobId} and n.state in ('queued', 'running')) as newer`,
      );
      // taken over, or a newer change asked for a rebuild that covers this one
      if (!mine || mine.newer) return { outcome: 'stopped' };
      const ids = (
        await rows<{ id: string }>(
          tx,
          mine.last_child_id
            ? sql`select id from children where id > ${mine.last_child_id}::uuid order by id limit ${size}`
            : sql`select id from children order by id limit ${size}`,
        )
      ).map((r) => r.id);
      if (ids.length === 0) {
        await tx.execute(sql`update obligation_rebuilds set state = 'finished', finished_at = now() where id = ${jobId}`);
        return { outcome: 'finished' };
      }
      const stored = await recomputeObligations(tx, ids, context);
      const [progress] = await rows<{ done: number; total: number }>(
        tx,
        sql`update obligation_rebuilds
             set last_child_id = ${ids.at(-1)!}::uuid, children_done = children_done + ${ids.length}, obligations = obligations + ${stored},
                 children_total = greatest(children_total, children_done + ${ids.length})
           where id = ${jobId} returning children_done as done, children_total as total`,
      );
      return { outcome: 'more', done: progress!.done, total: progress!.total };
    }),
  );
  // once committed, so figures computed meanwhile are not kept as current
  if (outcome.outcome === 'more') await noteRecordChange(db);
  return outcome;
}

async function markFailed(db: Db, jobId: number, runner: string, error: unknown): Promise<void> {
  // the error's kind and code only: a database message can quote a child's details
  const e = error as { name?: string; code?: string };
  const failure = [e.name ?? 'Error', e.code].filter(Boolean).join(' ');
  await db.execute(
    sql`update obligation_rebuilds set state = 'failed', finished_at = now(), failure = ${failure}
         where id = ${jobId} and state = 'running' and runner = ${runner}`,
  );
}

export interface RunnerOptions {
  /** Children per batch (and per transaction). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Told of a job that failed: its kind, never a child's details. */
  onFailure?: (jobId: number, error: unknown) => void;
}

/**
 * Runs rebuild jobs in this process, one at a time. `kick` after recording a job returns at
 * once; the work happens after the current request has been answered.
 */
export class RebuildRunner {
  private readonly id = randomUUID();
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private takeOver = false;

  constructor(
    private readonly db: Db,
    private readonly options: RunnerOptions = {},
  ) {}

  /**
   * Resume whatever an earlier process left, and (when other processes share the database)
   * look again every few seconds. `soleProcess`
   * (PGlite, which one process opens at a time): a job left running is an orphan at once,
   * without waiting for its heartbeat to age.
   */
  start(opts: { soleProcess?: boolean } = {}): void {
    this.takeOver = opts.soleProcess ?? false;
    this.kick();
    // with one process there is no other that could leave work behind: saves kick the runner
    if (opts.soleProcess) return;
    this.timer = setInterval(() => this.kick(), LOOK_EVERY_MS);
    this.timer.unref();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
      })
      .finally(() => {
        this.current = null;
      });
  }

  /** Run jobs until none is waiting; resolves when this process has nothing left to do. */
  async runUntilIdle(): Promise<void> {
    this.kick();
    while (this.current) await this.current;
  }

  /** Stop after the batch in hand; an unfinished job stays in the table for the next runner. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.current) await this.current;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      let job: Claimed | null;
      try {
        job = await claimNewest(this.db, this.id, this.takeOver);
        this.takeOver = false;
      } catch (error) {
        this.options.onFailure?.(0, error);
        return;
      }
      if (!job) return;
      try {
        const context = await loadClockContext(this.db);
        for (;;) {
          if (this.stopped) return;
          const batch = await runBatch(this.db, job.id, this.id, context, this.options.batchSize ?? BATCH);
          if (batch.outcome !== 'more') break;
          this.options.onProgress?.(batch.done, batch.total);
          // let queries that queued during the batch go first: PGlite's one connection hands
          // itself to whoever asks next, and the next batch would otherwise always win
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      } catch (error) {
        this.options.onFailure?.(job.id, error);
        await markFailed(this.db, job.id, this.id, error).catch(() => undefined);
        // the next kick (or the next start) tries again; not in a tight loop here
        return;
      }
    }
  }
}

/**
 * The rebuild command: record a job, then run it (and anything older it supersedes) in
 * this process, in the foreground.
 */
export async function rebuildNow(db: Db, options: RunnerOptions = {}): Promise<RebuildJob> {
  const id = await requestRebuild(db, { reason: 'rebuild command', requestedBy: null });
  const runner = new RebuildRunner(db, options);
  await runner.runUntilIdle();
  await runner.stop();
  return (await rebuildById(db, id))!;
}
