/**
 * The two stores of `fazhi simulate` agree: for every seed calendar, the full path (DynamoDB Local,
 * the SES and S3 emulators) gives the same figures as the in-memory default, for the same seed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_CALENDARS } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

const reportDir = mkdtempSync(join(tmpdir(), 'fazhi-sim-report-'));

async function simulateJson(calendar: string, year: number, store: string): Promise<Record<string, unknown>> {
  const { code, out, err } = await runCli('simulate', '--calendar', calendar, '--year', String(year), '--seed', '1', '--store', store, '--json', '--report-dir', reportDir);
  expect(code, err).toBe(0);
  const { elapsedSeconds: _e, report: _r, store: _s, ...figures } = JSON.parse(out) as Record<string, unknown>;
  return figures;
}

describe('fazhi simulate --store dynamodb-local', () => {
  for (const [calendar, year] of SEED_CALENDARS) {
    it(`gives the in-memory figures for ${calendar} ${year}, seed 1`, async () => {
      const memory = await simulateJson(calendar, year, 'memory');
      const local = await simulateJson(calendar, year, 'dynamodb-local');
      expect(local).toEqual(memory);
      expect(memory.remindersSent).toBeGreaterThan(0);
    }, 240_000);
  }
});
