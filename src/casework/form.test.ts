import { describe, expect, it } from 'vitest';
import { FormView, caption, errorsOf, fieldId, formErrors, formInput, rowCount } from './form.js';

describe('a posted form as the use case’s input', () => {
  it('gathers a repeating list in row order, leaving out rows left blank, and joins dates', () => {
    const input = formInput(
      {
        'heldDate-day': '2',
        'heldDate-month': '3',
        'heldDate-year': '2026',
        'participants-1-agency': 'health',
        'participants-1-role': 'Health visitor',
        'participants-1-name': 'Hal Visitor',
        'participants-0-agency': 'police',
        'participants-0-role': 'Sergeant',
        'participants-0-name': 'Pat Constable',
        'participants-2-agency': '',
        'participants-2-role': ' ',
        'participants-2-name': '',
        'participants-3-evil': 'ignored',
      },
      { dates: ['heldDate'], lists: { participants: ['agency', 'role', 'name'] } },
    );
    expect(input.heldDate).toBe('2026-03-02');
    expect(input.participants).toEqual([
      { agency: 'police', role: 'Sergeant', name: 'Pat Constable' },
      { agency: 'health', role: 'Health visitor', name: 'Hal Visitor' },
    ]);
    expect(Object.keys(input).some((k) => k.startsWith('participants-'))).toBe(false);
  });

  it('keeps a half-filled row, so the schema can say what it lacks', () => {
    const input = formInput(
      { 'attendance-0-agency': 'police', 'attendance-0-name': '' },
      { lists: { attendance: ['agency', 'name', 'attended'] } },
    );
    expect(input.attendance).toEqual([{ agency: 'police', name: '' }]);
  });

  it('reads a list of text boxes as the filled ones only', () => {
    expect(formInput({ outcomes: ['Safe at home', '', '  '] }, { textLists: ['outcomes'] }).outcomes).toEqual(['Safe at home']);
    expect(formInput({ outcomes: 'One' }, { textLists: ['outcomes'] }).outcomes).toEqual(['One']);
  });
});

describe('errors and values as GOV.UK macro parameters', () => {
  it('links each error to its field, naming the row of a repeating list', () => {
    const { errorList, errors } = formErrors(
      [
        { field: 'participants.1.role', message: 'Enter role' },
        { field: 'heldDate', message: 'Enter the date the discussion was held' },
        { field: 'participants', message: 'Who took part must include police' },
      ],
      ['heldDate'],
    );
    expect(errorList).toEqual([
      { text: 'Person 2: enter role', href: '#participants-1-role' },
      { text: 'Enter the date the discussion was held', href: '#heldDate-day' },
      { text: 'Who took part must include police', href: '#participants' },
    ]);
    expect(errors['participants-1-role']).toEqual({ text: 'Person 2: enter role' });
    expect(fieldId('attendance.0.attended')).toBe('attendance-0-attended');
  });

  it('has no errors for a form not yet posted, and the same as formErrors for one that was', () => {
    expect(errorsOf(undefined)).toEqual({ errorList: [], errors: {} });
    expect(errorsOf([], ['endDate'])).toEqual({ errorList: [], errors: {} });
    const posted = [{ field: 'endDate', message: 'Enter the date' }];
    expect(errorsOf(posted, ['endDate'])).toEqual(formErrors(posted, ['endDate']));
    expect(errorsOf(posted, ['endDate']).errorList).toEqual([{ text: 'Enter the date', href: '#endDate-day' }]);
  });

  it('captions a page about a child with their name, linking to their record', () => {
    expect(caption({ id: 'c1', firstName: 'Ada', lastName: 'Example' })).toEqual({ text: 'Ada Example', href: '/children/c1' });
  });

  it('fills a date input from a whole date or from the parts typed, marking the parts in error', () => {
    const whole = new FormView({ endDate: '2026-03-09' }).date('endDate', 'Date completed');
    expect(whole.items.map((i) => i.value)).toEqual(['9', '3', '2026']);
    const typed = new FormView(
      { 'endDate-day': '31', 'endDate-month': '2', 'endDate-year': '2026' },
      { endDate: { text: 'Date completed must be a real date' } },
    ).date('endDate', 'Date completed');
    expect(typed.items.map((i) => i.value)).toEqual(['31', '2', '2026']);
    expect(typed.items[0]!.classes).toContain('govuk-input--error');
    expect(typed.errorMessage).toEqual({ text: 'Date completed must be a real date' });
  });

  it('checks the radios and checkboxes chosen', () => {
    const form = new FormView({ outcome: 'substantiated', decisions: ['s47_enquiry', 'police_investigation'] });
    const radios = form.radios('outcome', 'Outcome', [
      { value: 'substantiated', text: 'Substantiated' },
      { value: 'not_substantiated', text: 'Not substantiated' },
    ]);
    expect(radios.items.map((i) => i.checked)).toEqual([true, false]);
    const boxes = form.checkboxes('decisions', 'Decision', [
      { value: 's47_enquiry', text: 'S47' },
      { value: 'single_assessment', text: 'Assessment' },
      { value: 'police_investigation', text: 'Police' },
    ]);
    expect(boxes.items.map((i) => i.checked)).toEqual([true, false, true]);
  });

  it('shows the rows filled in and a blank one, at least the minimum, or as many as asked for', () => {
    expect(rowCount({}, 'participants', 3)).toBe(3);
    expect(rowCount({ 'participants-3-name': 'x' }, 'participants', 3)).toBe(5);
    expect(rowCount({ participantsRows: '7' }, 'participants', 3)).toBe(7);
    expect(rowCount({ participantsRows: '5000' }, 'participants', 3)).toBe(3);
  });
});
