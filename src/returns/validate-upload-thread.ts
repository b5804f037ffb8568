/** validateUpload in a worker thread (started by validate-upload-worker.mjs): progress and the result go back as messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { ReturnReadError } from './findings.js';
import { type UploadedReturn, validateUpload } from './validate-upload.js';

export type WorkerMessage =
  | Parameters<Parameters<typeof validateUpload>[1]>[0]
  | { kind: 'done'; findings: ReturnType<typeof validateUpload> }
  | { kind: 'unreadable'; message: string }
  | { kind: 'failed' };

const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  post({ kind: 'done', findings: validateUpload(workerData as UploadedReturn, post) });
} catch (error) {
  // The message may quote the file: it goes to the uploader's run, never to a log.
  post(error instanceof ReturnReadError ? { kind: 'unreadable', message: error.message } : { kind: 'failed' });
}
