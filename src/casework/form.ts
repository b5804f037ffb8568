/**
 * A page's form, both ways: the posted fields become the use case's input (dates joined,
 * repeating rows gathered into lists), and values and errors become GOV.UK macro parameters,
 * so templates only place components. Field ids are the input's field paths with dashes
 * (`participants.1.role` is `participants-1-role`), so an error summary links to its field.
 */
import { childPaths } from '../children/paths.js';
import type { FieldError } from '../core/http/forms.js';
import { dateParts, joinDateParts } from '../core/http/forms.js';

export type FormValues = Record<string, unknown>;
type Message = { text: string };

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

/** `participants.1.role` → `participants-1-role`: the id of the field an error names. */
export const fieldId = (path: string) => path.replace(/\./g, '-');

/** Row names for repeating lists' messages ("Person 2: enter role"). */
const rowNouns: Record<string, string> = { participants: 'Person', attendance: 'Attendee', outcomes: 'Outcome' };

function rowMessage(path: string, message: string): string {
  const m = /^(\w+)\.(\d+)(?:\.\w+)?$/.exec(path);
  if (!m) return message;
  const noun = rowNouns[m[1]!] ?? 'Row';
  return `${noun} ${Number(m[2]) + 1}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** The error summary's list and each field's message, for a form whose date fields are named. */
export function formErrors(errors: readonly FieldError[], dateFields: readonly string[] = []) {
  const byField: Record<string, Message> = {};
  const errorList = errors.map((e) => {
    const id = fieldId(e.field);
    const text = rowMessage(e.field, e.message);
    byField[id] ??= { text };
    return { text, href: `#${dateFields.includes(e.field) ? `${id}-day` : id}` };
  });
  return { errorList, errors: byField };
}

/** A form's error summary and each field's message: none on a form shown before it is posted. */
export function errorsOf(errors: readonly FieldError[] | undefined, dateFields: readonly string[] = []): ReturnType<typeof formErrors> {
  return errors?.length ? formErrors(errors, dateFields) : { errorList: [], errors: {} };
}

/** The child a page about them is headed with. */
export interface ChildHeading {
  id: string;
  firstName: string;
  lastName: string;
}

/** The caption over the heading of a page about a child: their name, linking to their record. */
export const caption = (child: ChildHeading) => ({ text: `${child.firstName} ${child.lastName}`, href: childPaths.record(child.id) });

/**
 * The posted form as the use case's input: GOV.UK date inputs joined into YYYY-MM-DD, and
 * rows of a repeating list (`participants-0-agency`, `participants-0-role`, ...) gathered in
 * order into `participants: [{ agency, role }]`, leaving out rows left wholly blank.
 */
export function formInput(
  body: FormValues,
  opts: { dates?: string[]; lists?: Record<string, readonly string[]>; textLists?: string[] } = {},
): FormValues {
  const out = joinDateParts(body, opts.dates ?? []);
  for (const [list, fields] of Object.entries(opts.lists ?? {})) {
    const rows = new Map<number, Record<string, string>>();
    for (const [key, value] of Object.entries(body)) {
      const m = new RegExp(`^${list}-(\\d+)-(\\w+)$`).exec(key);
      if (!m) continue;
      delete out[key];
      if (!fields.includes(m[2]!)) continue;
      const index = Number(m[1]);
      const row = rows.get(index) ?? {};
      row[m[2]!] = typeof value === 'string' ? value : String([value].flat()[0] ?? '');
      rows.set(index, row);
    }
    out[list] = [...rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, row]) => row)
      .filter((row) => Object.values(row).some((v) => v.trim() !== ''));
  }
  for (const list of opts.textLists ?? []) {
    const items = [body[list] ?? []].flat().map(String);
    out[list] = items.filter((v) => v.trim() !== '');
  }
  return out;
}

/** How many rows a repeating list shows: those filled in, one or more blank ones, and at least `min`. */
export function rowCount(values: FormValues, list: string, min: number, blank = 1): number {
  let filled = 0;
  const arr = values[list];
  if (Array.isArray(arr)) filled = arr.length;
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${list}-(\\d+)-`).exec(key);
    if (m) filled = Math.max(filled, Number(m[1]) + 1);
  }
  const asked = Number(values[`${list}Rows`]);
  return Math.max(min, filled + blank, Number.isInteger(asked) && asked > 0 && asked <= 50 ? asked : 0);
}

/** Values and errors of one form, as GOV.UK macro parameters. */
export class FormView {
  constructor(
    readonly values: FormValues,
    readonly errors: Record<string, Message> = {},
  ) {}

  value(name: string): string {
    const v = this.values[name];
    return v === undefined || v === null ? '' : String(v);
  }

  error(name: string): Message | undefined {
    return this.errors[fieldId(name)];
  }

  private many(name: string): string[] {
    const v = this.values[name];
    return v === undefined || v === null || v === '' ? [] : [v].flat().map(String);
  }

  date(name: string, legend: string, opts: { hint?: string } = {}) {
    const id = fieldId(name);
    const whole = dateParts(typeof this.values[name] === 'string' ? (this.values[name] as string) : null);
    const part = (p: 'day' | 'month' | 'year') => (this.values[`${name}-${p}`] !== undefined ? this.value(`${name}-${p}`) : whole[p]);
    const error = this.error(name);
    const cls = (width: string) => `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`;
    return {
      id,
      namePrefix: name,
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      ...(opts.hint ? { hint: { text: opts.hint } } : {}),
      ...(error ? { errorMessage: error } : {}),
      items: [
        { name: 'day', classes: cls('2'), value: part('day') },
        { name: 'month', classes: cls('2'), value: part('month') },
        { name: 'year', classes: cls('4'), value: part('year') },
      ],
    };
  }

  input(name: string, label: string, opts: { hint?: string; classes?: string; labelClasses?: string } = {}) {
    const error = this.error(name);
    return {
      id: fieldId(name),
      name,
      label: { text: label, ...(opts.labelClasses ? { classes: opts.labelClasses } : { classes: 'govuk-label--s' }) },
      value: this.value(name),
      ...(opts.hint ? { hint: { text: opts.hint } } : {}),
      ...(opts.classes ? { classes: opts.classes } : {}),
      ...(error ? { errorMessage: error } : {}),
    };
  }

  time(name: string, label: string) {
    return this.input(name, label, { hint: '24-hour clock, for example 14:05', classes: 'govuk-input--width-5' });
  }

  textarea(name: string, label: string, opts: { hint?: string; rows?: number } = {}) {
    const error = this.error(name);
    return {
      id: fieldId(name),
      name,
      label: { text: label, classes: 'govuk-label--s' },
      value: this.value(name),
      rows: opts.rows ?? 5,
      ...(opts.hint ? { hint: { text: opts.hint } } : {}),
      ...(error ? { errorMessage: error } : {}),
    };
  }

  radios(name: string, legend: string, options: readonly Option[], opts: { hint?: string; inline?: boolean } = {}) {
    const error = this.error(name);
    const chosen = this.value(name);
    return {
      name,
      idPrefix: fieldId(name),
      ...(opts.inline ? { classes: 'govuk-radios--inline' } : {}),
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      ...(opts.hint ? { hint: { text: opts.hint } } : {}),
      ...(error ? { errorMessage: error } : {}),
      items: options.map((o) => ({
        value: o.value,
        text: o.text,
        ...(o.hint ? { hint: { text: o.hint } } : {}),
        checked: chosen === o.value,
      })),
    };
  }

  yesNo(name: string, legend: string, opts: { hint?: string } = {}) {
    return this.radios(
      name,
      legend,
      [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
      { ...opts, inline: true },
    );
  }

  checkboxes(name: string, legend: string, options: readonly Option[], opts: { hint?: string } = {}) {
    const error = this.error(name);
    const chosen = new Set(this.many(name));
    return {
      name,
      idPrefix: fieldId(name),
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      ...(opts.hint ? { hint: { text: opts.hint } } : {}),
      ...(error ? { errorMessage: error } : {}),
      items: options.map((o) => ({
        value: o.value,
        text: o.text,
        ...(o.hint ? { hint: { text: o.hint } } : {}),
        checked: chosen.has(o.value),
      })),
    };
  }

  select(name: string, label: string, options: readonly Option[], opts: { blank?: string } = {}) {
    const error = this.error(name);
    const chosen = this.value(name);
    return {
      id: fieldId(name),
      name,
      label: { text: label },
      ...(error ? { errorMessage: error } : {}),
      items: [
        ...(opts.blank !== undefined ? [{ value: '', text: opts.blank }] : []),
        ...options.map((o) => ({ value: o.value, text: o.text, selected: chosen === o.value })),
      ],
    };
  }
}

/** A form whose only gathering is its date fields (day, month and year inputs), named. */
export function withDates(...names: string[]): (body: FormValues) => FormValues {
  return (body) => formInput(body, { dates: names });
}
