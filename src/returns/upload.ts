/**
 * Receiving the returns page's files. Each file is streamed to a private folder on disk as it
 * arrives (a national CIN census is about 450 MB), never held whole in memory, and refused
 * past the configured size. The folder goes when the run ends or the upload is refused, and
 * leftovers from a process that stopped mid-run are removed at start-up.
 */
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ConfigError } from '../core/config.js';
import type { FieldError } from '../core/http/forms.js';

/** The file fields of the upload form, as the error messages name them. */
export const FILE_FIELDS = {
  current: 'Each of this year’s files',
  previous: 'Each of last year’s SSDA903 files',
  postcodes: 'The postcode directory',
  providers: 'The Ofsted providers file',
} as const;
export type FileField = keyof typeof FILE_FIELDS;

/** An uploaded file as the validation worker gets it: its name as uploaded, and where it is on disk. */
export interface UploadedFile {
  name: string;
  path: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: Record<FileField, UploadedFile[]>;
  errors: FieldError[];
  /** Removes the upload's folder and everything in it; safe to call more than once. */
  discard(): Promise<void>;
}

/** Where uploads wait while a run reads them: one folder per upload, named after the process that received it. */
export const uploadsFolder = (dataDir: string) => path.join(dataDir, 'uploads');

/**
 * Creates the uploads folder, readable by this service's user only, and removes what a
 * process no longer running left there. Another process's uploads (a second instance on
 * the same data folder, say) are left alone.
 */
export async function prepareUploadsFolder(dataDir: string): Promise<void> {
  const root = uploadsFolder(dataDir);
  try {
    await mkdir(root, { recursive: true, mode: 0o700 });
    await chmod(root, 0o700);
  } catch (e) {
    throw new ConfigError([
      `DATA_DIR: the service cannot keep uploads in ${root} (${(e as NodeJS.ErrnoException).code ?? 'error'}); make the folder writable by the service's user`,
    ]);
  }
  for (const name of await readdir(root)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid === process.pid || (pid && running(pid))) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, run by another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The multipart parts of a request, after its first, which the form sends as its CSRF
 * token. The token is read before any file arrives, so a forged upload is refused before a
 * byte of it is written; the rest of the parts are kept here for the handler.
 */
const remainingParts = new WeakMap<FastifyRequest, AsyncIterableIterator<Multipart>>();

export async function readCsrfField(req: FastifyRequest, limitMb: number): Promise<void> {
  const parts = req.parts({
    // A file over the limit is cut short and marked truncated (throwFileSizeLimit is off, in
    // routes.ts); receiveUpload names it.
    limits: { fileSize: limitMb * 1024 * 1024, files: 40, fields: 10, fieldSize: 1000 },
  });
  remainingParts.set(req, parts);
  const first = await parts.next();
  if (!first.done && first.value.type === 'field' && first.value.fieldname === '_csrf' && typeof first.value.value === 'string') {
    // Where the CSRF check (session.ts) looks for a form's token.
    req.body = { _csrf: first.value.value };
  }
}

const isFileField = (name: string): name is FileField => Object.hasOwn(FILE_FIELDS, name);

/** Streams each file of the form to disk, collecting its fields; a file over the limit is an error naming its field. */
export async function receiveUpload(req: FastifyRequest, dataDir: string, limitMb: number): Promise<ReceivedUpload> {
  const parts = remainingParts.get(req);
  if (!parts) throw new Error('the upload was not opened by readCsrfField');
  const root = uploadsFolder(dataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const folder = await mkdtemp(path.join(root, `${process.pid}-`));
  const discard = () => rm(folder, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  const files: Record<FileField, UploadedFile[]> = { current: [], previous: [], postcodes: [], providers: [] };
  const errors: FieldError[] = [];
  try {
    let n = 0;
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      // Once one file is refused no more are kept: the rest of the request is read and dropped.
      if (!part.filename || !isFileField(part.fieldname) || errors.length > 0) {
        await drain(part.file);
        continue;
      }
      const target = path.join(folder, `${++n}`);
      await pipeline(part.file, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) {
        await rm(target, { force: true });
        errors.push({
          field: part.fieldname,
          message: `${FILE_FIELDS[part.fieldname]} must be smaller than ${limitMb} MB: ${part.filename} is larger`,
        });
        continue;
      }
      const one = { name: part.filename, path: target };
      if (part.fieldname === 'current' || part.fieldname === 'previous') files[part.fieldname].push(one);
      else files[part.fieldname] = [one];
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { fields, files, errors, discard };
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream);
}
