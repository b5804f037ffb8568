/**
 * Times the CIN census validator on generated returns:
 *   npx tsx src/returns/cin/bench.ts [children ...]     (default 15000 400000)
 * Prints generation, writing, reading and validation times; validation is the median of
 * three runs after one warm-up.
 */
import { generateCin } from './generate.js';
import { readCin } from './read.js';
import { validateCin } from './validate.js';
import { writeCin } from './write.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const children of sizes.length ? sizes : [15_000, 400_000]) {
  const t0 = performance.now();
  const { ret } = generateCin({ children, year: 2026, seed: 1, errors: [{ rule: '8600', count: 10 }, { rule: '4180', count: 10 }] });
  const t1 = performance.now();
  validateCin(ret);
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    findings = validateCin(ret).length;
    runs.push(performance.now() - s);
  }
  runs.sort((a, b) => a - b);
  let io = '';
  if (children <= 100_000) {
    const w0 = performance.now();
    const xml = writeCin(ret);
    const w1 = performance.now();
    readCin(xml, { file: 'bench.xml' });
    const r1 = performance.now();
    io = `, write ${(w1 - w0).toFixed(0)} ms, read ${(r1 - w1).toFixed(0)} ms (${(xml.length / 1e6).toFixed(1)} MB)`;
  }
  console.log(
    `${children} children: generate ${(t1 - t0).toFixed(0)} ms, validate ${runs[1]!.toFixed(0)} ms ` +
      `(${((runs[1]! / children) * 1000).toFixed(1)} µs a child; ${findings} findings)${io}`,
  );
}
