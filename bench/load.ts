import { Worker } from 'node:worker_threads';
import { percentile } from './postgres.js';

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  median: number;
  p95: number;
  p99: number;
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookie, connections, seconds } = workerData;
const latencies = [];
let failures = 0;
const end = Date.now() + seconds * 1000;
async function user() {
  while (Date.now() < end) {
    const t = performance.now();
    try {
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch { failures++; }
    latencies.push(performance.now() - t);
  }
}
Promise.all(Array.from({ length: connections }, user)).then(() => parentPort.postMessage({ latencies, failures }));
`;

/**
 * N simulated users requesting one page back to back for a fixed time, from a separate
 * thread so the load generator does not share the server's event loop. Bounded in time,
 * loopback only.
 */
export function load(url: string, cookie: string, connections: number, seconds: number): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('load runs against the loopback address only');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { url, cookie, connections, seconds } });
    worker.once('message', ({ latencies, failures }: { latencies: number[]; failures: number }) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      resolve({
        requests: sorted.length,
        failures,
        seconds,
        median: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
