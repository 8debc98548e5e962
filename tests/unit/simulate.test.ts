/**
 * `fazhi simulate` in memory, as users run it: every year plan in its year (a plan id plays its bureau), and
 * a bureau across a year end.
 * (That the emulator path gives the same figures is tests/integration/simulate.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_CALENDARS } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

const reportDir = mkdtempSync(join(tmpdir(), 'fazhi-sim-report-'));

interface Figures {
  remindersSent: number;
  duplicateReminders: number;
  remindersOnNonWorkingDays: number;
  submissions: number;
  overdueFlagged: number;
  digestsSent: number;
  occurrences: number;
  years: number[];
  months: { month: string; reminders: number; digests: number }[];
  report: string;
}

async function simulate(...args: string[]): Promise<Figures> {
  const { code, out, err } = await runCli('simulate', ...args, '--seed', '1', '--json', '--report-dir', reportDir);
  expect(code, err).toBe(0);
  return JSON.parse(out) as Figures;
}

describe('fazhi simulate (in memory)', () => {
  for (const [calendar, year] of SEED_CALENDARS) {
    it(`plays ${calendar} ${year}: no duplicate reminder, none on a non-working day, a digest every week`, async () => {
      const result = await simulate('--calendar', calendar, '--year', String(year));
      expect(result.duplicateReminders).toBe(0);
      expect(result.remindersOnNonWorkingDays).toBe(0);
      expect(result.remindersSent).toBeGreaterThan(0);
      expect(result.submissions).toBeGreaterThan(0);
      expect(result.overdueFlagged).toBeGreaterThan(0);
      // One weekly digest per ISO week touching the year (52 or 53).
      expect(result.digestsSent).toBeGreaterThanOrEqual(52);
      expect(result.digestsSent).toBeLessThanOrEqual(54);
      expect(result.occurrences).toBeGreaterThan(20);
      expect(result.months).toHaveLength(12);
      expect(result.months.reduce((n, m) => n + m.reminders, 0)).toBe(result.remindersSent);
      expect(existsSync(result.report)).toBe(true);
      expect(readFileSync(result.report, 'utf8')).toContain('处室 × 月份');
    });
  }

  it('plays a bureau across the year end (--from/--to), with each year it covers and the reports on last year', async () => {
    const result = await simulate('--calendar', 'suzhou-kjj', '--from', '2025-11-01', '--to', '2026-02-28');
    expect(result.months.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(result.years.slice(0, 2)).toEqual([2025, 2026]);
    expect(result.duplicateReminders).toBe(0);
    expect(result.remindersOnNonWorkingDays).toBe(0);
    expect(result.months.find((m) => m.month === '2026-01')!.digests).toBeGreaterThanOrEqual(4);
    // The 政府信息公开 report (01-31) and the 法治政府建设 report (02-28) on 2025 are reminded in 2026.
    expect(result.months.find((m) => m.month === '2026-01')!.reminders).toBeGreaterThan(0);
    expect(result.months.find((m) => m.month === '2026-02')!.reminders).toBeGreaterThan(0);
  });

  it('refuses a span it cannot play, saying why', async () => {
    const both = await runCli('simulate', '--calendar', 'suzhou-kjj-2025', '--year', '2025', '--from', '2025-01-01', '--to', '2025-02-01');
    expect(both.code).toBe(2);
    expect(both.err).toContain('either --year or --from/--to');
    const backwards = await runCli('simulate', '--calendar', 'suzhou-kjj-2025', '--from', '2025-03-01', '--to', '2025-02-01');
    expect(backwards.err).toContain('--to 2025-02-01 is before --from 2025-03-01');
    // The bureau starts with its first plan year; a year plan covers its own year only.
    const before = await runCli('simulate', '--calendar', 'suzhou-kjj', '--from', '2023-01-01', '--to', '2023-02-01');
    expect(before.code).toBe(1);
    expect(before.err).toContain('calendar "suzhou-kjj" has no plan for 2023-01-01…2023-02-01');
    const uncovered = await runCli('simulate', '--calendar', 'suzhou-kjj-2025', '--from', '2030-01-01', '--to', '2030-02-01');
    expect(uncovered.code).toBe(1);
    expect(uncovered.err).toContain('has no plan for 2030-01-01…2030-02-01');
  });
});
