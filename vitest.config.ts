import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // Every project (extends: true) first rebuilds the pages' browser bundles the api handler imports.
    globalSetup: ['tests/support/web-assets-setup.ts'],
    projects: [
      // The pure core: no servers.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Real handlers against DynamoDB Local, the SES and S3 emulators started by the global setup.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/integration/global-setup.ts'] } },
      // CDK assertions and cdk-nag.
      { extends: true, test: { name: 'infra', include: ['tests/infra/**/*.test.ts'] } },
      // Real browser (Debian's Chromium via playwright-core) on local mode; one startDev per file, files one at a time.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000, hookTimeout: 180_000 } },
    ],
  },
});
