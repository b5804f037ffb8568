// Each suite is loaded only when run: the page benchmarks load the web stack, whose
// template engine slows string handling in the whole process, which the returns
// benchmark (as `opencsc validate` runs) must not pay for.
export const suites = {
  demo: async () => (await import('./demo.js')).demoBench(),
  clock: async () => (await import('./clock.js')).clockBench(),
  returns: async () => (await import('./returns.js')).returnsBench(),
  'returns-process': async () => (await import('./returns-process.js')).returnsProcessBench(),
};
