/**
 * The acceptance run of `fazhi simulate` for every seed calendar, as users run it: a child process per
 * calendar (each plays its year on its own embedded stack) with --json.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const reportDir = mkdtempSync(join(tmpdir(), 'fazhi-sim-report-'));

const SEED_CALENDARS: [string, number][] = [
  ['suzhou-kjj-2024', 2024],
  ['suzhou-kjj-2025', 2025],
  ['gaotai-kjj-2025', 2025],
  ['zhangjiagang-kjj-2023', 2023],
  ['zhangdian-kjj-2025', 2025],
];

describe('fazhi simulate', () => {
  for (const [calendar, year] of SEED_CALENDARS) {
    it(`plays ${calendar} ${year}: no duplicate reminder, none on a non-working day`, async () => {
      const { stdout } = await run('node', ['functions/cli/bin.mjs', 'simulate', '--calendar', calendar, '--year', String(year), '--seed', '1', '--submit-rate', '0.8', '--json', '--report-dir', reportDir], { maxBuffer: 16 * 1024 * 1024 });
      const result = JSON.parse(stdout) as Record<string, number> & { report: string; months: { reminders: number }[] };
      expect(result.duplicateReminders).toBe(0);
      expect(result.remindersOnNonWorkingDays).toBe(0);
      expect(result.remindersSent).toBeGreaterThan(0);
      expect(result.submissions).toBeGreaterThan(0);
      expect(result.overdueFlagged).toBeGreaterThan(0);
      expect(result.digestsSent).toBeGreaterThanOrEqual(52);
      expect(result.occurrences).toBeGreaterThan(20);
      expect(result.months.reduce((n, m) => n + m.reminders, 0)).toBe(result.remindersSent);
      expect(existsSync(result.report)).toBe(true);
      const report = readFileSync(result.report, 'utf8');
      expect(report).toContain('<svg');
      expect(report).toContain('处室 × 月份');
    }, 240_000);
  }
});
