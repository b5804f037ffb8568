/**
 * Meetings the areas of casework record (conferences, core groups, child in need reviews):
 * the agencies invited, and who attended. Attendance is a JSON array on the meeting's row,
 * validated by the use case's schema and guarded by the row's version.
 */
import { z } from 'zod';
import { choice, text, yesNo } from '../core/http/forms.js';
import type { FormView, Option } from './form.js';

/** Agencies that take part in strategy discussions, conferences, core groups and reviews. */
export const agencies = [
  'childrens_social_care',
  'police',
  'health',
  'education',
  'early_years',
  'probation',
  'housing',
  'adult_social_care',
  'other',
] as const;
export type Agency = (typeof agencies)[number];

/** One agency invited to a meeting, and whether it was there. */
export interface Attendee {
  agency: Agency;
  name: string;
  attended: boolean;
}

export const attendee = z.object({
  agency: choice('Agency', agencies),
  name: text('Name', { max: 200 }),
  attended: yesNo('they attended'),
});

export const agencyLabels: Record<Agency, string> = {
  childrens_social_care: 'Children’s social care',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  early_years: 'Early years',
  probation: 'Probation',
  housing: 'Housing',
  adult_social_care: 'Adult social care',
  other: 'Other',
};

export const agencyOptions: Option[] = agencies.map((a) => ({ value: a, text: agencyLabels[a] }));

/** The attendance rows of a meeting's form: `count` rows of agency, name and whether they attended. */
export function attendanceRows(form: FormView, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    legend: `Attendee ${i + 1}`,
    agency: form.select(`attendance-${i}-agency`, 'Agency', agencyOptions, { blank: 'Select the agency' }),
    name: form.input(`attendance-${i}-name`, 'Name and role', { labelClasses: 'govuk-label' }),
    attended: form.radios(
      `attendance-${i}-attended`,
      'Attended?',
      [
        { value: 'yes', text: 'Attended' },
        { value: 'no', text: 'Did not attend' },
      ],
      { inline: true },
    ),
  }));
}

/** A recorded attendance as a form's values, to change it. */
export function attendanceValues(list: readonly Attendee[]): Record<string, string> {
  const values: Record<string, string> = {};
  list.forEach((a, i) => {
    values[`attendance-${i}-agency`] = a.agency;
    values[`attendance-${i}-name`] = a.name;
    values[`attendance-${i}-attended`] = a.attended ? 'yes' : 'no';
  });
  return values;
}

/** Who attended, as text: "Pat Constable (Police), Hal Visitor (Health)". */
export function attendedText(list: readonly Attendee[]): string {
  return list
    .filter((a) => a.attended)
    .map((a) => `${a.name} (${agencyLabels[a.agency] ?? a.agency})`)
    .join(', ');
}
