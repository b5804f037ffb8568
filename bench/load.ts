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
const { url, cookie, connections, seconds, thinkMs } = workerData;
const latencies = [];
let failures = 0;
const end = Date.now() + seconds * 1000;
async function user() {
  // people arrive at their own moments, not all in the same millisecond
  if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * Math.random()));
  while (Date.now() < end) {
    const t = performance.now();
    try {
      // a redirect (to sign in) is a failure, not a page
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch { failures++; }
    latencies.push(performance.now() - t);
    // a person reads the page before the next click: uniformly 0.5 to 1.5 times the think time
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
  }
}
Promise.all(Array.from({ length: connections }, user)).then(() => parentPort.postMessage({ latencies, failures }));
`;

/**
 * N simulated users requesting one page for a fixed time, from a separate thread so the load
 * generator does not share the server's event loop: back to back (thinkMs 0, the most the
 * service can take), or pausing about thinkMs between pages as people do. Bounded in time,
 * loopback only.
 */
export function load(url: string, cookie: string, connections: number, seconds: number, thinkMs = 0): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('load runs against the loopback address only');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { url, cookie, connections, seconds, thinkMs } });
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
