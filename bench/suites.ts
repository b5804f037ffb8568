import { clockBench } from './clock.js';
import { demoBench } from './demo.js';
import { returnsBench } from './returns.js';

export const suites = {
  demo: demoBench,
  clock: clockBench,
  returns: returnsBench,
};
