import type { IsoDate } from '../core/calendar/index.js';
import type { Days } from './days.js';
import type { Random } from './random.js';

/**
 * What a part of the demo drawn after the rest is given: the calendar, the demo's day, its
 * size, and random streams of its own (`rng` for what happens, `ids` for identifiers), so
 * adding it changes nothing else the demo holds.
 */
export interface DemoStreams {
  cal: Days;
  today: IsoDate;
  nowMs: number;
  scale: number;
  rng: Random;
  ids: Random;
}
