import { z } from 'zod';

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

export function text(label: string, opts: { max?: number } = {}) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: (i) => (i.input === undefined ? `Enter ${lower(label)}` : `${label} must be text`) })
      .min(1, `Enter ${lower(label)}`)
      .max(opts.max ?? 2000, `${label} must be ${opts.max ?? 2000} characters or fewer`),
  );
}

export function optionalText(label: string, opts: { max?: number } = {}) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z
      .string({ error: `${label} must be text` })
      .max(opts.max ?? 2000, `${label} must be ${opts.max ?? 2000} characters or fewer`)
      .optional(),
  );
}

export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date as YYYY-MM-DD. */
export function dateField(label: string, opts: { notInFuture?: () => string } = {}) {
  let schema = z
    .string({ error: (i) => (i.input === undefined ? `Enter ${lower(label)}` : `${label} must be a date`) })
    .refine(isRealDate, `${label} must be a real date`);
  if (opts.notInFuture) {
    const today = opts.notInFuture;
    schema = schema.refine((v) => !isRealDate(v) || v <= today(), `${label} must be today or in the past`);
  }
  return z.preprocess(blankToUndefined, schema);
}

export function optionalDateField(label: string) {
  return z.preprocess(
    blankToUndefined,
    z.string({ error: `${label} must be a date` }).refine(isRealDate, `${label} must be a real date`).optional(),
  );
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
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` }).optional(),
  );
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

export function version() {
  return z.coerce.number({ error: 'Version is missing: reload the page' }).int().min(1);
}

export function uuidField(label: string) {
  return z.preprocess(blankToUndefined, z.uuid({ error: (i) => (i.input === undefined ? `Select ${lower(label)}` : `${label} is not valid`) }));
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
