/**
 * Calendars that run for years: the rollover writes this year and next from the plans compiled at
 * deploy, withdraws what left them (keeping submissions), and the digest and board say which year's
 * plan is still missing. In memory, through the real use cases.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { eachDay } from '../../functions/core/civil-date.js';
import { compile, type Plan } from '../../functions/core/compile.js';
import type { DigestResult } from '../../functions/core/engine/digest.js';
import { missingPlans } from '../../functions/core/engine/plan-warnings.js';
import { rollover } from '../../functions/core/engine/rollover.js';
import { boardView } from '../../functions/core/engine/views.js';
import { registryOf, TEST_OFFICES } from '../support/calendars.js';
import { committedCatalog } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

const reportDir = mkdtempSync(join(tmpdir(), 'fazhi-rollover-report-'));

import { engineWorld, shanghai } from '../support/engine-world.js';

const STANDING: CalendarInput = {
  id: 'bureau',
  title: '测试局法治工作日历',
  organisation: { name: '测试局' },
  years: { from: 2026 },
  offices: TEST_OFFICES,
  policyOffice: 'policy',
  tasks: [
    { id: 'study', title: '集体学法', schedule: { kind: 'quota', per: 'year', min: 2 }, owners: ['science'], reminders: [30], source: '全年集体学法不少于2次。' },
    {
      id: 'disclosure-report',
      title: '政府信息公开工作年度报告',
      schedule: { kind: 'deadline', due: '01-31', reportingYear: 'previous' },
      owners: 'policy',
      reminders: [7],
      source: '每年1月31日前公布上一年度报告。',
    },
  ],
};
const PLAN_2026: CalendarInput = {
  id: 'bureau-2026',
  planOf: { calendar: 'bureau', year: 2026 },
  title: '测试局2026年普法工作计划',
  organisation: { name: '测试局' },
  tasks: [{ id: 'lecture', title: '法治讲座', schedule: { kind: 'deadline', due: '06-30' }, owners: ['office'], source: '举办法治讲座。' }],
};
const registry = registryOf(STANDING, PLAN_2026);
const compiled = (years: number[], calendar = 'bureau', reg = registry): Plan[] => years.map((year) => compile(resolveCalendar(calendar, reg, year), year, bundledWorkingDays()));
const ids = async (w: ReturnType<typeof engineWorld>, year: number) => (await w.occurrences('bureau', year)).map((o) => `${o.task}/${o.office}/${o.period}:${o.status}`).sort();

describe('rollover', () => {
  it('writes this year and next from the deployed plans, and the next year on 1 January, with no deploy', async () => {
    const w = engineWorld();
    // Deployed in November 2026: the plans reach years ahead.
    const plans = compiled([2026, 2027, 2028]);
    const first = await rollover(w.truth, plans, shanghai('2026-11-29', '08:00'), w.runtime.policy);
    expect(first.materialised.map((r) => r.year)).toEqual([2026, 2027]);
    expect(await ids(w, 2027)).toEqual(['disclosure-report/policy/2026:open', 'study/science/2027:open']);
    // The plan layer of 2026 is there; 2027 has none yet.
    expect(await ids(w, 2026)).toContain('lecture/office/2026:overdue');
    // The same day again: nothing new.
    const again = await rollover(w.truth, plans, shanghai('2026-11-29', '08:00'), w.runtime.policy);
    expect(again.materialised.every((r) => r.created === 0 && r.updated === 0)).toBe(true);
    // New year's morning: 2028 appears, 2026 and 2027 stay.
    const newYear = await rollover(w.truth, plans, shanghai('2027-01-01', '08:00'), w.runtime.policy);
    expect(newYear.materialised.map((r) => r.year)).toEqual([2026, 2027, 2028]);
    expect((await w.truth.calendars.get('bureau'))!.years).toEqual([2026, 2027, 2028]);
    // The report on 2026 is reminded in January 2027 (01-31 is a Sunday in 2027… its reminder is a working day before).
    await w.sweep('2027-01-22');
    await w.sweep('2027-01-25');
    const mails = w.inbox.sent.filter((m) => m.to.includes('policy@test.example'));
    expect(mails.some((m) => m.text.includes('政府信息公开工作年度报告'))).toBe(true);
  });

  it('withdraws a year no longer compiled: its open occurrences are cancelled, its submissions kept', async () => {
    const w = engineWorld();
    await rollover(w.truth, compiled([2026, 2027]), shanghai('2026-12-01', '08:00'), w.runtime.policy);
    const study = (await w.occurrences('bureau', 2027)).find((o) => o.task === 'study')!;
    // Uploaded early for 2027 (an activity on 2027-01-02… the item opens on 1 January): 1 of 2.
    const upload = await w.upload(study, '2027-01-04');
    expect(upload).not.toBe(false);
    // The bureau's calendar is narrowed to 2026 only, and deployed on 2027-01-05.
    const narrowed = registryOf({ ...STANDING, years: { from: 2026, to: 2026 } }, PLAN_2026);
    const result = await rollover(w.truth, compiled([2026], 'bureau', narrowed), shanghai('2027-01-05', '08:00'), w.runtime.policy);
    expect(result.withdrawn).toEqual([{ calendar: 'bureau', year: 2027, cancelled: 2 }]);
    expect(await ids(w, 2027)).toEqual(['disclosure-report/policy/2026:cancelled', 'study/science/2027:cancelled']);
    expect(await w.truth.submissions.ofOccurrence(study.id)).toHaveLength(1);
    expect((await w.truth.calendars.get('bureau'))!.withdrawnYears).toEqual([2027]);
    expect(await w.truth.occurrences.attention('bureau')).not.toContainEqual(expect.objectContaining({ year: 2027 }));
  });

  it('withdraws a calendar whose file was deleted, but only when the plans are the complete set', async () => {
    const w = engineWorld();
    const other = registryOf({ ...STANDING, id: 'other', years: { from: 2026 } });
    await rollover(w.truth, [...compiled([2026, 2027]), ...compiled([2026, 2027], 'other', other)], shanghai('2026-06-01', '08:00'), w.runtime.policy);
    // A partial set (fazhi sync --calendar bureau) withdraws nothing.
    const partial = await rollover(w.truth, compiled([2026, 2027]), shanghai('2026-06-02', '08:00'), w.runtime.policy, { complete: false });
    expect(partial.withdrawn).toEqual([]);
    // The deploy's complete set without "other": it is withdrawn, every open item cancelled.
    const complete = await rollover(w.truth, compiled([2026, 2027]), shanghai('2026-06-03', '08:00'), w.runtime.policy);
    expect(complete.withdrawn.map((x) => `${x.calendar}/${x.year}`)).toEqual(['other/2026', 'other/2027']);
    expect((await w.occurrences('other', 2026)).every((o) => o.status === 'cancelled')).toBe(true);
    expect((await w.truth.calendars.get('other'))!.withdrawn).toBe(true);
  });
});

describe('a committed bureau across the year end, with no deploy', () => {
  it('suzhou-kjj from 2026-11-01 to 2027-03-31: the 2027 duties (the 01-31 disclosure report on 2026 among them) are reminded', async () => {
    const result = await runCli('simulate', '--calendar', 'suzhou-kjj', '--from', '2026-11-01', '--to', '2027-03-31', '--seed', '1', '--json', '--report-dir', reportDir);
    expect(result.code, result.err).toBe(0);
    const figures = JSON.parse(result.out) as {
      years: number[];
      duplicateReminders: number;
      remindersOnNonWorkingDays: number;
      missingPlans: { year: number; firstReported: string }[];
      months: { month: string; reminders: number }[];
    };
    expect(figures.years).toEqual([2026, 2027, 2028]);
    expect(figures.duplicateReminders).toBe(0);
    expect(figures.remindersOnNonWorkingDays).toBe(0);
    expect(figures.months.filter((m) => m.month >= '2027-01').every((m) => m.reminders > 0)).toBe(true);
    // The digest says from December that 2027 has no plan yet.
    const warning = figures.missingPlans.find((m) => m.year === 2027)!;
    expect(warning.firstReported >= '2026-12-01' && warning.firstReported <= '2026-12-31').toBe(true);

    // The same span in memory, reading the mails: the disclosure report on 2026 is reminded in January 2027.
    const { registry, workingDays } = await committedCatalog();
    const plans = [2026, 2027, 2028].map((year) => compile(resolveCalendar('suzhou-kjj', registry, year), year, workingDays));
    const w = engineWorld();
    await rollover(w.truth, plans, shanghai('2026-11-01', '08:00'), w.runtime.policy);
    for (const day of eachDay('2026-11-02', '2027-01-31')) {
      if (day.endsWith('-01')) await rollover(w.truth, plans, shanghai(day, '08:00'), w.runtime.policy);
      await w.sweep(day);
    }
    const disclosure = w.inbox.sent.filter((m) => m.text.includes('政府信息公开工作年度报告') && m.sentAt >= '2027-01');
    expect(disclosure.length).toBeGreaterThan(0);
  });
});

describe('a missing year plan', () => {
  it('is flagged for this year, and for next year from 1 December', () => {
    const meta = { planYears: [2026], withdrawn: false };
    expect(missingPlans(meta, '2026-11-30')).toEqual([]);
    expect(missingPlans(meta, '2026-12-01')).toEqual([2027]);
    expect(missingPlans(meta, '2027-01-04')).toEqual([2027]);
    expect(missingPlans({ planYears: [2026, 2027], withdrawn: false }, '2026-12-01')).toEqual([]);
    expect(missingPlans({ planYears: [], withdrawn: true }, '2026-12-01')).toEqual([]);
  });

  it("is said in the policy office's digest and on the board from 1 December", async () => {
    const w = engineWorld();
    await rollover(w.truth, compiled([2026, 2027]), shanghai('2026-11-20', '08:00'), w.runtime.policy);
    const [november] = (await w.digest('2026-11-30')) as DigestResult[];
    expect(november!.content!.missingPlans).toEqual([]);
    const [december] = (await w.digest('2026-12-07')) as DigestResult[];
    expect(december!.content!.missingPlans).toEqual([2027]);
    const mail = w.inbox.sent.find((m) => m.id === december!.mailId)!;
    expect(mail.text).toContain('【提示】2027年普法工作计划尚未录入');
    const board = await boardView(w.truth, 'bureau', 2026, shanghai('2026-12-07'));
    expect(board.warnings).toEqual(['2027年普法工作计划尚未录入']);
  });
});
