/** Words for dates and times on casework pages. */
import { formatDate } from '../core/calendar/index.js';

/** "9:30am", "2pm" from a time of day "09:30", "14:00" (already in England's time). */
export function timeOfDay(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const suffix = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}

/** "2 March 2026 at 9:30am", or "2 March 2026" when no time is known. */
export function dateWithTime(date: string, time: string | null): string {
  return time ? `${formatDate(date)} at ${timeOfDay(time)}` : formatDate(date);
}
