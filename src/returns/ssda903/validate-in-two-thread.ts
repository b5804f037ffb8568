/** The worker's half of validate903InTwo (started by validate-in-two-worker.mjs): read the same files, run the second half of the rules. */
import { parentPort, workerData } from 'node:worker_threads';
import { reference903From } from '../reference-data.js';
import { parse903 } from './read.js';
import { rulesForYear, validate903 } from './validate.js';
import { type Validate903Input, workerShare } from './validate-in-two.js';

const input = workerData as Validate903Input;
try {
  const ret = parse903({ current: input.current, previous: input.previous, year: input.year, reference: reference903From(input.reference) }, []);
  const wanted = input.rules ? new Set(input.rules) : undefined;
  const codes = rulesForYear(ret.collectionYear).map((r) => r.code).filter((c) => !wanted || wanted.has(c));
  parentPort!.postMessage({ findings: validate903(ret, { rules: workerShare(codes).there }) });
} catch (e) {
  // The main thread reads the same files and reports a read error itself.
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
