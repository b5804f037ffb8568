import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { Worker } from 'node:worker_threads';
import type { Finding } from './findings.js';
import { returnRuns } from './schema.js';
import type { ReturnKind, UploadedReturn } from './validate-upload.js';
import type { WorkerMessage } from './validate-upload-thread.js';
import { isUuid } from '../core/ids.js';

export type { ReturnKind, UploadedReturn } from './validate-upload.js';

export async function createRun(db: Db, upload: UploadedReturn, userId: string): Promise<string> {
  const [row] = await db
    .insert(returnRuns)
    .values({
      kind: upload.kind,
      files: [
        ...upload.current.map((f) => f.name),
        ...upload.previous.map((f) => `${f.name} (last year)`),
        ...(upload.postcodes ? [`${upload.postcodes.name} (postcode directory)`] : []),
        ...(upload.providers ? [`${upload.providers.name} (providers)`] : []),
      ],
      createdBy: userId,
    })
    .returning({ id: returnRuns.id });
  return row!.id;
}

const FAULT = 'The return could not be validated because of a fault in the service. Try again, or report it.';

/**
 * Read and validate an uploaded return in a worker thread, saving its progress and then
 * its findings to the run, in the order the worker reports them. Never throws: a return
 * that cannot be read is saved as unreadable with the reason.
 */
export async function processRun(db: Db, runId: string, upload: UploadedReturn): Promise<void> {
  const save = (values: Partial<typeof returnRuns.$inferInsert>) => db.update(returnRuns).set(values).where(eq(returnRuns.id, runId));
  await save({ status: 'running' });
  let saved: Promise<unknown> = Promise.resolve();
  const then = (values: Partial<typeof returnRuns.$inferInsert>) => (saved = saved.then(() => save(values)));
  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = (values: Partial<typeof returnRuns.$inferInsert>) => {
      if (finished) return;
      finished = true;
      void then({ ...values, finishedAt: new Date() }).finally(() => resolve());
    };
    const worker = new Worker(new URL('./validate-upload-worker.mjs', import.meta.url), { workerData: upload });
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'started') void then({ collectionYear: m.collectionYear, rulesTotal: m.rulesTotal, messages: m.messages });
      else if (m.kind === 'progress') void then({ rulesDone: m.rulesDone });
      else if (m.kind === 'done') finish({ status: 'done', findings: m.findings });
      else if (m.kind === 'unreadable') finish({ status: 'unreadable', messages: [m.message] });
      else finish({ status: 'failed', messages: [FAULT] });
    });
    worker.on('error', () => finish({ status: 'failed', messages: [FAULT] }));
    worker.on('exit', () => finish({ status: 'failed', messages: [FAULT] }));
  });
}

export interface RunView {
  id: string;
  kind: ReturnKind;
  status: 'queued' | 'running' | 'done' | 'unreadable' | 'failed';
  files: string[];
  collectionYear: number | null;
  rulesDone: number;
  rulesTotal: number;
  messages: string[];
  findingCount: number | null;
  createdAt: string;
  finishedAt: string | null;
}

const runColumns = sql`id, kind, status, files, collection_year as "collectionYear", rules_done as "rulesDone", rules_total as "rulesTotal",
  messages, jsonb_array_length(findings) as "findingCount", created_at::text as "createdAt", finished_at::text as "finishedAt"`;

export async function runOf(db: Db, runId: string, userId: string): Promise<RunView | null> {
  if (!isUuid(runId)) return null;
  const [run] = await rows<RunView>(db, sql`select ${runColumns} from return_runs where id = ${runId} and created_by = ${userId}`);
  return run ?? null;
}

export function recentRuns(db: Db, userId: string): Promise<RunView[]> {
  return rows<RunView>(db, sql`select ${runColumns} from return_runs where created_by = ${userId} order by created_at desc limit 10`);
}

export async function findingsOf(db: Db, runId: string, userId: string): Promise<Finding[]> {
  const [row] = await rows<{ findings: Finding[] | null }>(
    db,
    sql`select findings from return_runs where id = ${runId} and created_by = ${userId}`,
  );
  return row?.findings ?? [];
}
