import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      // The pure core: no servers.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Real handlers against DynamoDB Local, the SES and S3 emulators started by the global setup.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/integration/global-setup.ts'] } },
      // CDK assertions and cdk-nag.
      { extends: true, test: { name: 'infra', include: ['tests/infra/**/*.test.ts'] } },
    ],
  },
});
