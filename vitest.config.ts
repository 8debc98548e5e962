import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The integration suites share one set of local AWS emulators started by the global setup.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
