import { clockBench } from './clock.js';
import { demoBench } from './demo.js';

export const suites = {
  demo: demoBench,
  clock: clockBench,
};
