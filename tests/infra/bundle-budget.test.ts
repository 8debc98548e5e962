/**
 * Each handler's bundle stays within 10% of its committed budget (tests/bench/bundle-budget.json), and
 * carries only the SDK clients its job uses. Sizes are deterministic for a lockfile, so this is
 * asserted; times are not (they are `npm run bench` figures). A deliberate growth updates the budget
 * file in the same commit: `npm run bench -- --write-budget`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/fazhi-stack.js';
import { BUNDLE_BUDGET_FILE, bundleLikeLambda, handlerEntry } from '../support/lambda-bundle.js';
import { removeTempDirs, tempDir } from './support.js';

const BUDGET_FILE = BUNDLE_BUDGET_FILE;
const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as Record<FunctionName, number>;
const out = tempDir('fazhi-budget-');
afterAll(removeTempDirs);

/** The SDK clients each function's job needs; any other client in its bundle is dead weight. */
const CLIENTS: Record<FunctionName, string[]> = {
  sweep: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs'],
  sweepCalendar: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sesv2'],
  digest: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sesv2'],
  api: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-lambda', '@aws-sdk/client-s3', '@aws-sdk/client-sesv2'],
  s3Event: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3'],
  materialise: ['@aws-sdk/client-dynamodb'],
  bounces: ['@aws-sdk/client-dynamodb'],
  reconcile: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3'],
};

describe('handler bundles', () => {
  for (const name of FUNCTION_NAMES) {
    it(`${name}: within 10% of its budget, with only the SDK clients its job uses`, async () => {
      const { bytes, packages } = await bundleLikeLambda(handlerEntry(name), join(out, `${name}.mjs`));
      expect(budget[name], `${name} has no budget in ${BUDGET_FILE}`).toBeGreaterThan(0);
      expect(bytes, `${name}: ${bytes} bytes, budget ${budget[name]} (+10%)`).toBeLessThanOrEqual(Math.round(budget[name] * 1.1));
      expect([...packages].filter((p) => p.startsWith('@aws-sdk/client-')).sort(), name).toEqual(CLIENTS[name]);
      expect(packages.has('chinese-days'), `${name} bundles the holiday data`).toBe(false);
    }, 60_000);
  }
});
