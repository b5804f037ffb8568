import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { choice, dateField, errorView, joinDateParts, parse, text, yesNo } from './forms.js';

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
    for (const [input, expected] of [['yes', true], ['no', false], [true, true], [false, false]] as const) {
      const result = parse(schema, { name: 'A', visitDate: '2026-03-01', purpose: 'other', seen: input });
      expect(result.ok && result.value.seen).toBe(expected);
    }
  });

  it('links a date error to the day field of the date input', () => {
    const view = errorView([{ field: 'visitDate', message: 'x' }], ['visitDate']);
    expect(view.errorList).toEqual([{ text: 'x', href: '#visitDate-day' }]);
    expect(view.errors.visitDate).toEqual({ text: 'x' });
  });
});
