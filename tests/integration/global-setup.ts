/**
 * Starts the shared emulators once for the integration suites: DynamoDB Local (Java, ~3 s) and the
 * SES emulator, on 127.0.0.1. Each test file creates its own table and its own s3rver (see
 * tests/support/test-env.ts), so files never see each other's data. Stopped in teardown.
 */
import type { TestProject } from 'vitest/node';
import { type Running, startDynamo, startSes } from '../../functions/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

const running: Running[] = [];

export async function setup(project: TestProject): Promise<void> {
  const dynamo = await startDynamo();
  running.push(dynamo);
  const ses = await startSes();
  running.push(ses);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
}

export async function teardown(): Promise<void> {
  for (const r of running.reverse()) await r.stop();
}
