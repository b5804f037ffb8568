import { configDefaults, defineConfig } from 'vitest/config';

// Building the whole demo authority takes minutes: it is tested with the integration tests, not
// among the unit tests beside the code.
const demoBuild = 'src/demo/build.test.ts';

/**
 * Three parts, each run on its own by `npm run test:unit`, `test:integration` and `test:browser`
 * (`npm test` runs the type check and all three). Timeouts leave room for a busy 2-core machine.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: [...configDefaults.exclude, demoBuild] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/*.test.ts', demoBuild] },
      },
      {
        extends: true,
        // a journey is a few seconds alone, and many times that when the machine is busy
        test: { name: 'browser', include: ['test/browser/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000 },
      },
    ],
  },
});
