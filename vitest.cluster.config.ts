import { defineConfig } from 'vitest/config';

/** The Redis store's tests, against a Redis Cluster that global-setup.ts starts: `npm run test:cluster`. */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The files share one cluster and flush it before each test.
    fileParallelism: false,
  },
});
