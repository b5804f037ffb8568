/** Field builders the areas of casework share, beside core's (`core/http/forms.ts`). */
import { z } from 'zod';

const TIME = /^([01]?\d|2[0-3])[:.][0-5]\d$/;

/** A time of day, 24-hour: "09:30", "9.30". */
export function timeField(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: `Enter ${label.toLowerCase()}` }).regex(TIME, `${label} must be a time of day such as 09:30 or 14:05`),
  );
}

export function optionalTimeField(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z.string().regex(TIME, `${label} must be a time of day such as 09:30 or 14:05`).optional(),
  );
}

/** "9.05" as "09:05": how a time is stored. */
export function normalTime(time: string): string {
  const [h, m] = time.split(/[:.]/);
  return `${h!.padStart(2, '0')}:${m}`;
}

/** A list that arrives as an array in JSON; absent means empty. */
export function list<T extends z.ZodType>(item: T, label: string, max = 50) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? [] : v),
    z.array(item, { error: `${label} must be a list` }).max(max, `${label}: at most ${max}`),
  );
}
