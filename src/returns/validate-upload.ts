/**
 * Reading and validating an uploaded return, reporting how far it has got as it goes. The
 * upload page runs this in a worker thread (validate-upload-thread.ts): a national-size
 * file then never holds up the pages other users are asking for, and the worker does not
 * load the web stack, whose template engine slows string handling in its process.
 */
import { readFileSync } from 'node:fs';
import { readCin, schemaIssueNotes } from './cin/read.js';
import { rulesCinFor } from './cin/rules/index.js';
import { validateCin } from './cin/validate.js';
import type { Finding } from './findings.js';
import { reference903From } from './reference-data.js';
import { type File903, parse903 } from './ssda903/read.js';
import { rules903For } from './ssda903/rules/index.js';
import { validate903 } from './ssda903/validate.js';
import type { UploadedFile } from './upload.js';

export type ReturnKind = 'ssda903' | 'cin';

export interface UploadedReturn {
  kind: ReturnKind;
  /** Files on disk, read here (in the worker) rather than passed in memory. */
  current: UploadedFile[];
  previous: UploadedFile[];
  year?: number | undefined;
  localAuthority?: string | undefined;
  /** Reference data for the SSDA903 rules that need it (see reference-data.ts). */
  postcodes?: UploadedFile | undefined;
  providers?: UploadedFile | undefined;
}

const read = (file: UploadedFile): File903 => ({ name: file.name, content: readFileSync(file.path) });

export type Progress =
  { kind: 'started'; collectionYear: number; rulesTotal: number; messages: string[] } | { kind: 'progress'; rulesDone: number };

/** Rules are run in groups, progress reported after each, so a long run shows how far it has got. */
const GROUP = 25;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** What a 903 run could not check for want of reference data, said on the run's page. */
function missingReference(upload: UploadedReturn): string[] {
  const out: string[] = [];
  if (!upload.localAuthority)
    out.push('No local authority code was given: the rules on placements inside or outside the authority were not run.');
  if (!upload.postcodes) out.push('No postcode directory was given: the rules on placement distance and location were not run.');
  if (!upload.providers) out.push('No register of Ofsted providers was given: the rules checking URNs (219 to 229, 1008) were not run.');
  return out;
}

/** The findings, in table and row order. Throws ReturnReadError when the return cannot be read. */
export function validateUpload(upload: UploadedReturn, report: (p: Progress) => void): Finding[] {
  let findings: Finding[] = [];
  if (upload.kind === 'ssda903') {
    const ret = parse903({
      current: upload.current.map(read),
      previous: upload.previous.map(read),
      ...(upload.year ? { year: upload.year } : {}),
      reference: reference903From({
        localAuthority: upload.localAuthority,
        postcodes: upload.postcodes && read(upload.postcodes),
        providers: upload.providers && read(upload.providers),
      }),
    });
    const codes = rules903For(ret.collectionYear).map((r) => r.code);
    report({
      kind: 'started',
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
      report({ kind: 'progress', rulesDone: done });
    }
  } else {
    const file = upload.current[0]!;
    const ret = readCin(readFileSync(file.path), { file: file.name, ...(upload.year ? { year: upload.year } : {}) });
    const codes = rulesCinFor(ret.year).map((r) => r.code);
    report({ kind: 'started', collectionYear: ret.year, rulesTotal: codes.length, messages: schemaIssueNotes(ret.source) });
    let done = 0;
    for (const group of chunks(codes, GROUP)) {
      findings = findings.concat(validateCin(ret, { rules: group }));
      done += group.length;
      report({ kind: 'progress', rulesDone: done });
    }
  }
  return findings.sort((a, b) =>
    a.table === b.table ? (a.row ?? 0) - (b.row ?? 0) || a.rule.localeCompare(b.rule) : a.table.localeCompare(b.table),
  );
}
