import { demoBench } from './demo.js';

export const suites = {
  demo: demoBench,
};
