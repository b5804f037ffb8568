/**
 * Benchmarks, run by `npm run bench [-- <suite> ...]`. Each suite prints its own figures.
 * Never part of `npm test`: speed is measured here, not asserted in unit tests.
 */
import { suites } from './suites.js';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in suites));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Choose from: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`\n== ${name} ==`);
  await suites[name as keyof typeof suites]();
}
process.exit(0);
