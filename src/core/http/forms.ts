import { z } from 'zod';
import { isUuid } from '../ids.js';
import { addCalendarYears } from '../calendar/index.js';

/**
 * Field builders for use-case schemas. Each carries its label so that every error names
 * the field in words ("Date of visit must be a real date"), the same in a page's error
 * summary and in an API response.
 */
export interface FieldError {
  field: string;
  message: string;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * Control characters have no place in what a person types, and PostgreSQL refuses a NUL
 * byte outright (a 500, not an answer). Tab and line breaks are allowed only in multi-line
 * text (a textarea sends CR LF).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const singleLineControl = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- as above
const multiLineControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(value: string, multiline = false): boolean {
  return (multiline ? multiLineControl : singleLineControl).test(value);
}

interface TextOptions {
  max?: number;
  /** A textarea: tab and line breaks are allowed. */
  multiline?: boolean;
}

function textSchema(label: string, opts: TextOptions) {
  return z
    .string({ error: (i) => (i.input === undefined ? `Enter ${lower(label)}` : `${label} must be text`) })
    .max(opts.max ?? 2000, `${label} must be ${opts.max ?? 2000} characters or fewer`)
    .refine((v) => !hasControlCharacters(v, opts.multiline), `${label} must not contain control characters (such as a null character)`);
}

export function text(label: string, opts: TextOptions = {}) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), textSchema(label, opts).min(1, `Enter ${lower(label)}`));
}

export function optionalText(label: string, opts: TextOptions = {}) {
  return z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), textSchema(label, opts).optional());
}

export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Dates outside these are typing mistakes (9999, 1000), whatever the field. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

type DateBound = string | (() => string);

interface DateOptions {
  /** Today, for a date that cannot be in the future. */
  notInFuture?: () => string;
  /** The earliest and latest dates accepted, with how to say it ("in the last 25 years"). */
  range?: { earliest?: DateBound; latest?: DateBound; message: string };
}

const boundOf = (b: DateBound | undefined, otherwise: string) => (b === undefined ? otherwise : typeof b === 'function' ? b() : b);

function dateSchema(label: string, opts: DateOptions) {
  // the field's own rule first, so its message is the one shown ("must be today or in the past" for 9999)
  let schema = z
    .string({ error: (i) => (i.input === undefined ? `Enter ${lower(label)}` : `${label} must be a date`) })
    .refine(isRealDate, `${label} must be a real date`);
  if (opts.notInFuture) {
    const today = opts.notInFuture;
    schema = schema.refine((v) => !isRealDate(v) || v <= today(), `${label} must be today or in the past`);
  }
  if (opts.range) {
    const { earliest, latest, message } = opts.range;
    schema = schema.refine(
      (v) => !isRealDate(v) || (v >= boundOf(earliest, EARLIEST_DATE) && v <= boundOf(latest, LATEST_DATE)),
      `${label} ${message}`,
    );
  }
  return schema.refine((v) => !isRealDate(v) || (v >= EARLIEST_DATE && v <= LATEST_DATE), `${label} must be between 1900 and 2100`);
}

/** A calendar date as YYYY-MM-DD, between 1900 and 2100 unless the field says otherwise. */
export function dateField(label: string, opts: DateOptions = {}) {
  return z.preprocess(blankToUndefined, dateSchema(label, opts));
}

export function optionalDateField(label: string, opts: DateOptions = {}) {
  return z.preprocess(blankToUndefined, dateSchema(label, opts).optional());
}

/** The date a number of whole years before (or after, when negative) a YYYY-MM-DD date. */
export function yearsBefore(date: string, years: number): string {
  return addCalendarYears(date, -years);
}

/** Why a child's record stops at 25: the oldest anyone the service works with can be. */
export const CARE_LEAVERS_TO_25 = 'a care leaver is supported to the age of 25 (Children Act 1989, s23CZB)';

/**
 * A child's date of birth: not in the future, and within maxAgeYears (25 unless the field
 * says otherwise: care leavers are supported to 25, so anyone older is not a child the
 * service records, and a date such as 1890 is a mistake).
 */
export function optionalDateOfBirthField(label: string, today: () => string, opts: { maxAgeYears?: number } = {}) {
  const years = opts.maxAgeYears ?? 25;
  const why = opts.maxAgeYears === undefined ? `: ${CARE_LEAVERS_TO_25}` : '';
  return optionalDateField(label, {
    notInFuture: today,
    range: { earliest: () => yearsBefore(today(), years), message: `must be in the last ${years} years${why}` },
  });
}

/** One of a list of codes, with the list's labels for the message. */
export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, {
      error: (i) => (i.input === undefined ? `Select ${lower(label)}` : `${label} must be one of: ${values.join(', ')}`),
    }),
  );
}

export function optionalChoice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` }).optional());
}

/** Checkbox lists arrive as nothing, one string or many. */
export function choices<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `${label} must each be one of: ${values.join(', ')}` })),
  );
}

/** "yes"/"no" radios, or true/false in JSON. */
export function yesNo(label: string) {
  return z.preprocess(
    (v) => (v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' ? false : blankToUndefined(v)),
    z.boolean({ error: (i) => (i.input === undefined ? `Select whether ${lowerFirst(label)}` : `${label} must be yes or no`) }),
  );
}

const MAX_VERSION = 2 ** 31 - 1; // an integer column

export function version() {
  const invalid = 'Version is not valid: reload the page';
  return z.preprocess(
    (v) => (v === '' ? undefined : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: (i) => (i.input === undefined ? 'Version is missing: reload the page' : invalid) })
      .int(invalid)
      .min(1, invalid)
      .max(MAX_VERSION, invalid),
  );
}

export function uuidField(label: string) {
  return z.preprocess(
    blankToUndefined,
    z.uuid({ error: (i) => (i.input === undefined ? `Select ${lower(label)}` : `${label} is not valid`) }),
  );
}

/** A select whose first option ("No team") posts an empty value. */
export function optionalUuidField(label: string) {
  return z.preprocess(blankToUndefined, z.uuid({ error: `${label} is not valid` }).optional());
}

/**
 * For cross-field checks: run them even when a field has already failed, so a page lists
 * every problem at once. Such a check must read the values defensively.
 */
export const evenWithOtherErrors = { when: () => true };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parse<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'form';
    if (seen.has(field)) continue; // one message per field, the first
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}

/**
 * GOV.UK date inputs post three fields (visitDate-day, -month, -year); join them into the
 * YYYY-MM-DD the schema reads. Something unreadable stays as typed, and fails as not a real date.
 */
export function joinDateParts(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const f of fields) {
    const d = String(body[`${f}-day`] ?? '').trim();
    const m = String(body[`${f}-month`] ?? '').trim();
    const y = String(body[`${f}-year`] ?? '').trim();
    if (!d && !m && !y) {
      if (!(f in body)) out[f] = undefined;
      continue;
    }
    if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) {
      out[f] = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    } else {
      out[f] = `${y}-${m}-${d}`;
    }
  }
  return out;
}

/** Split a YYYY-MM-DD into the three values a GOV.UK date input shows. */
export function dateParts(value: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
}

/** For GOV.UK macros: the error summary list and a per-field lookup. */
export function errorView(errors: FieldError[], dateFields: string[] = []) {
  const byField: Record<string, { text: string }> = {};
  for (const e of errors) byField[e.field] = { text: e.message };
  return {
    errorList: errors.map((e) => ({
      text: e.message,
      href: `#${dateFields.includes(e.field) ? `${e.field}-day` : e.field}`,
    })),
    errors: byField,
  };
}

function lower(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function lowerFirst(label: string): string {
  return lower(label);
}

/**
 * Problems with a query string as a whole, checked for every request before any route reads
 * it: a parameter given twice (?q=a&q=b arrives as a list, which no route expects), holding
 * control characters, or an id (teamId, childId) that is not a UUID. Each names the parameter.
 */

export function queryProblems(query: unknown): FieldError[] {
  if (!query || typeof query !== 'object') return [];
  const problems: FieldError[] = [];
  for (const [field, value] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(value)) problems.push({ field, message: `${field} is given more than once in the address: give it once` });
    else if (typeof value === 'string' && hasControlCharacters(value)) {
      problems.push({ field, message: `${field} must not contain control characters (such as a null character)` });
    } else if (typeof value === 'string' && /Id$/.test(field) && value !== '' && !isUuid(value)) {
      // every record's id is a UUID: anything else names no record, and the database would refuse it
      problems.push({ field, message: `${field} is not a valid reference` });
    }
  }
  return problems;
}
