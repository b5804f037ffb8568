/**
 * Validating a large 903 return on two threads. The rules are pure functions of the
 * return, so this thread and a worker can each read the files and run half of them; reading
 * is done twice, at the same time, because handing the parsed tables between threads costs
 * more than parsing them. On a machine with one core, or for a small return, everything
 * runs here. The findings are the same as validate903's, in the same order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../findings.js';
import { type ReferenceSources, reference903From } from '../reference-data.js';
import type { ReadNotice, Return903 } from './model.js';
import { type File903, parse903 } from './read.js';
import { rulesForYear, sortFindings, validate903 } from './validate.js';

export interface Validate903Input {
  current: File903[];
  previous: File903[];
  year?: number | undefined;
  /** The reference data as files, so that the worker can build its own lookups. */
  reference: ReferenceSources;
  rules?: readonly string[] | undefined;
  /** What loading the files noticed (files skipped in a folder), kept on the return. */
  notices?: ReadNotice[] | undefined;
}

/** Below this many bytes of files a second thread costs more than it saves. */
const WORTH_A_THREAD = 4 * 1024 * 1024;

/** The second half of the year's list goes to the worker: rules next to each other in it share cached structures. */
export function workerShare(codes: readonly string[]): { here: string[]; there: string[] } {
  const half = Math.ceil(codes.length / 2);
  return { here: codes.slice(0, half), there: codes.slice(half) };
}

export async function validate903InTwo(
  input: Validate903Input,
  options: { minBytes?: number } = {},
): Promise<{ ret: Return903; findings: Finding[] }> {
  const bytes = [...input.current, ...input.previous].reduce((n, f) => n + (typeof f.content === 'string' ? f.content.length : f.content.byteLength), 0);
  if (availableParallelism() < 2 || bytes < (options.minBytes ?? WORTH_A_THREAD)) {
    const ret = parse903({ current: input.current, previous: input.previous, year: input.year, reference: reference903From(input.reference) }, input.notices ?? []);
    return { ret, findings: validate903(ret, input.rules ? { rules: input.rules } : {}) };
  }
  const worker = startWorker(input);
  let ret: Return903;
  try {
    ret = parse903({ current: input.current, previous: input.previous, year: input.year, reference: reference903From(input.reference) }, input.notices ?? []);
  } catch (e) {
    // This thread's read error is the one to report; the worker's half is not wanted.
    worker.findings.catch(() => undefined);
    void worker.stop();
    throw e;
  }
  const wanted = input.rules ? new Set(input.rules) : undefined;
  const codes = rulesForYear(ret.collectionYear).map((r) => r.code).filter((c) => !wanted || wanted.has(c));
  const here = validate903(ret, { rules: workerShare(codes).here });
  const there = await worker.findings;
  return { ret, findings: sortFindings([...here, ...there]) };
}

function startWorker(input: Validate903Input): { findings: Promise<Finding[]>; stop(): Promise<number> } {
  // The worker runs the TypeScript sources as this process does (see the .mjs).
  const worker = new Worker(new URL('./validate-in-two-worker.mjs', import.meta.url), {
    workerData: { ...input, notices: [] },
  });
  const findings = new Promise<Finding[]>((resolve, reject) => {
    worker.once('message', (m: { findings?: Finding[]; error?: string }) => (m.findings ? resolve(m.findings) : reject(new Error(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the validation worker stopped (exit ${code})`)));
  });
  return { findings, stop: () => worker.terminate() };
}
