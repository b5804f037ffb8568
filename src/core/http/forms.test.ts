import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  choice,
  dateField,
  errorView,
  joinDateParts,
  optionalDateOfBirthField,
  optionalText,
  parse,
  queryProblems,
  text,
  version,
  yearsBefore,
  yesNo,
} from './forms.js';

const schema = z.object({
  name: text('Name of the worker'),
  visitDate: dateField('Date of the visit', { notInFuture: () => '2026-03-02' }),
  purpose: choice('Purpose', ['assessment', 'other'] as const),
  seen: yesNo('the child was seen'),
});

describe('form validation', () => {
  it('names every missing field in words a worker reads', () => {
    const result = parse(schema, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'name', message: 'Enter name of the worker' },
      { field: 'visitDate', message: 'Enter date of the visit' },
      { field: 'purpose', message: 'Select purpose' },
      { field: 'seen', message: 'Select whether the child was seen' },
    ]);
  });

  it('joins the three parts of a GOV.UK date input, and refuses a date that does not exist', () => {
    const body = joinDateParts({ 'visitDate-day': '29', 'visitDate-month': '2', 'visitDate-year': '2025' }, ['visitDate']);
    expect(body.visitDate).toBe('2025-02-29');
    const result = parse(schema, { ...body, name: 'A', purpose: 'other', seen: 'no' });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'visitDate', message: 'Date of the visit must be a real date' }]);
  });

  it('refuses a visit in the future and an unknown code', () => {
    const result = parse(schema, { name: 'A', visitDate: '2026-03-03', purpose: 'party', seen: 'yes' });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'Date of the visit must be today or in the past',
      'Purpose must be one of: assessment, other',
    ]);
  });

  it('reads yes and no from radios and true and false from JSON', () => {
    for (const [input, expected] of [
      ['yes', true],
      ['no', false],
      [true, true],
      [false, false],
    ] as const) {
      const result = parse(schema, { name: 'A', visitDate: '2026-03-01', purpose: 'other', seen: input });
      expect(result.ok && result.value.seen).toBe(expected);
    }
  });

  it('links a date error to the day field of the date input', () => {
    const view = errorView([{ field: 'visitDate', message: 'x' }], ['visitDate']);
    expect(view.errorList).toEqual([{ text: 'x', href: '#visitDate-day' }]);
    expect(view.errors.visitDate).toEqual({ text: 'x' });
  });

  it('refuses a NUL or other control character in text; tab and line breaks only in multi-line text', () => {
    const s = z.object({ name: text('Name'), notes: optionalText('Notes', { multiline: true }) });
    expect(parse(s, { name: 'A\u0000B' })).toEqual({
      ok: false,
      errors: [{ field: 'name', message: 'Name must not contain control characters (such as a null character)' }],
    });
    expect(parse(s, { name: 'A\tB' }).ok).toBe(false);
    expect(parse(s, { name: 'A', notes: 'one\r\n\ttwo' }).ok).toBe(true);
    expect(parse(s, { name: 'A', notes: 'one\u0000' }).ok).toBe(false);
    expect(parse(s, { name: 'A', notes: 'bell\u0007' }).ok).toBe(false);
  });

  it('reads a version as a whole number that fits the column', () => {
    const s = z.object({ version: version() });
    expect(parse(s, { version: '7' })).toEqual({ ok: true, value: { version: 7 } });
    expect(parse(s, { version: 2 ** 31 - 1 }).ok).toBe(true);
    for (const bad of [String(2 ** 31), '0', '-1', '1.5', 'abc', ['1', '2'], '1e3']) {
      expect(parse(s, { version: bad }), String(bad)).toEqual({
        ok: false,
        errors: [{ field: 'version', message: 'Version is not valid: reload the page' }],
      });
    }
    expect(parse(s, {})).toEqual({ ok: false, errors: [{ field: 'version', message: 'Version is missing: reload the page' }] });
  });

  it('keeps dates between 1900 and 2100, and a date of birth in the last 25 years', () => {
    const s = z.object({ on: dateField('Date'), born: optionalDateOfBirthField('Date of birth', () => '2026-03-02') });
    const messages = (input: Record<string, string>) => {
      const result = parse(s, input);
      return result.ok ? [] : result.errors.map((e) => e.message);
    };
    expect(messages({ on: '1899-12-31' })).toEqual(['Date must be between 1900 and 2100']);
    expect(messages({ on: '2101-01-01' })).toEqual(['Date must be between 1900 and 2100']);
    expect(messages({ on: '2100-12-31', born: '2001-03-02' })).toEqual([]);
    expect(messages({ on: '2026-01-01', born: '2001-03-01' })).toEqual([
      'Date of birth must be in the last 25 years: a care leaver is supported to the age of 25 (Children Act 1989, s23CZB)',
    ]);
    expect(messages({ on: '2026-01-01', born: '2026-03-03' })).toEqual(['Date of birth must be today or in the past']);
    expect(messages({ on: '2026-01-01', born: '9999-12-31' })).toEqual(['Date of birth must be today or in the past']);
  });

  it('counts whole years back, 29 February falling to the 28th', () => {
    expect(yearsBefore('2026-03-02', 25)).toBe('2001-03-02');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2026-03-02', -1)).toBe('2027-03-02');
  });

  it('names a query parameter given twice or holding control characters', () => {
    expect(queryProblems({ name: ['a', 'b'], upn: 'x\u0000', page: '2' })).toEqual([
      { field: 'name', message: 'name is given more than once in the address: give it once' },
      { field: 'upn', message: 'upn must not contain control characters (such as a null character)' },
    ]);
    expect(queryProblems({ name: 'Tia', teamId: '', childId: '0b7c6c1e-7c4d-4f3a-9d55-2f6a1c1f3e10' })).toEqual([]);
    expect(queryProblems({ teamId: 'north' })).toEqual([{ field: 'teamId', message: 'teamId is not a valid reference' }]);
  });
});
