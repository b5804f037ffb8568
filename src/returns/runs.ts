import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { readCin } from './cin/read.js';
import { cinRulesFor, validateCin } from './cin/validate.js';
import { type Finding, ReturnReadError } from './findings.js';
import { reference903From } from './reference-data.js';
import { returnRuns } from './schema.js';
import { type File903, parse903 } from './ssda903/read.js';
import { rulesForYear, validate903 } from './ssda903/validate.js';

export type ReturnKind = 'ssda903' | 'cin';

export interface UploadedReturn {
  kind: ReturnKind;
  current: File903[];
  previous: File903[];
  year?: number | undefined;
  localAuthority?: string | undefined;
  /** Reference data for the SSDA903 rules that need it (see reference-data.ts). */
  postcodes?: File903 | undefined;
  providers?: File903 | undefined;
}

/** What a 903 run could not check for want of reference data, said on the run's page. */
function missingReference(upload: UploadedReturn): string[] {
  const out: string[] = [];
  if (!upload.localAuthority) out.push('No local authority code was given: the rules on placements inside or outside the authority were not run.');
  if (!upload.postcodes) out.push('No postcode directory was given: the rules on placement distance and location were not run.');
  if (!upload.providers) out.push('No register of Ofsted providers was given: the rules checking URNs (219 to 229, 1008) were not run.');
  return out;
}

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

/** Rules are run in groups, the run's progress saved after each, so a long run shows how far it has got. */
const GROUP = 25;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Read and validate an uploaded return, saving progress and then the findings to its run.
 * Never throws: a return that cannot be read is saved as unreadable with the reason.
 */
export async function processRun(db: Db, runId: string, upload: UploadedReturn): Promise<void> {
  const save = (values: Partial<typeof returnRuns.$inferInsert>) => db.update(returnRuns).set(values).where(eq(returnRuns.id, runId));
  try {
    await save({ status: 'running' });
    let findings: Finding[] = [];
    if (upload.kind === 'ssda903') {
      const ret = parse903({
        current: upload.current,
        previous: upload.previous,
        ...(upload.year ? { year: upload.year } : {}),
        reference: reference903From({
          localAuthority: upload.localAuthority,
          postcodes: upload.postcodes && { name: upload.postcodes.name, content: upload.postcodes.content },
          providers: upload.providers && { name: upload.providers.name, content: upload.providers.content },
        }),
      });
      const codes = rulesForYear(ret.collectionYear).map((r) => r.code);
      await save({
        collectionYear: ret.collectionYear,
        rulesTotal: codes.length,
        messages: [
          ...(ret.notices ?? []).map((n) => `${n.file}${n.line ? `, line ${n.line}` : ''}: ${n.message}`),
          ...missingReference(upload),
        ],
      });
      let done = 0;
      for (const group of chunks(codes, GROUP)) {
        findings = findings.concat(validate903(ret, { rules: group }));
        done += group.length;
        await save({ rulesDone: done });
      }
    } else {
      const file = upload.current[0]!;
      const ret = readCin(Buffer.from(file.content), { file: file.name, ...(upload.year ? { year: upload.year } : {}) });
      const codes = cinRulesFor(ret.year).map((r) => r.code);
      await save({ collectionYear: ret.year, rulesTotal: codes.length });
      let done = 0;
      for (const group of chunks(codes, GROUP)) {
        findings = findings.concat(validateCin(ret, { rules: group }));
        done += group.length;
        await save({ rulesDone: done });
      }
    }
    findings.sort((a, b) => (a.table === b.table ? (a.row ?? 0) - (b.row ?? 0) || a.rule.localeCompare(b.rule) : a.table.localeCompare(b.table)));
    await save({ status: 'done', findings, finishedAt: new Date() });
  } catch (error) {
    if (error instanceof ReturnReadError) {
      await save({ status: 'unreadable', messages: [error.message], finishedAt: new Date() });
    } else {
      // the message may quote the file: keep it for the uploader, log nothing of it
      await save({ status: 'failed', messages: ['The return could not be validated because of a fault in the service. Try again, or report it.'], finishedAt: new Date() });
    }
  }
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
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const [run] = await rows<RunView>(db, sql`select ${runColumns} from return_runs where id = ${runId} and created_by = ${userId}`);
  return run ?? null;
}

export function recentRuns(db: Db, userId: string): Promise<RunView[]> {
  return rows<RunView>(db, sql`select ${runColumns} from return_runs where created_by = ${userId} order by created_at desc limit 10`);
}

export async function findingsOf(db: Db, runId: string, userId: string): Promise<Finding[]> {
  const [row] = await rows<{ findings: Finding[] | null }>(db, sql`select findings from return_runs where id = ${runId} and created_by = ${userId}`);
  return row?.findings ?? [];
}
