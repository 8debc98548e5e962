/** Key occurrences of each committed plan's calendar (each cites its plan document: title, issuer, date). */
import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../functions/core/compile.js';
import { committedPlan } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

const only = (occurrences: Occurrence[], task: string) => occurrences.filter((o) => o.task === task);

describe('suzhou-kjj-2024 (seed 000)', () => {
  it('preview --json shows the plan the acceptance criteria name', async () => {
    const { code, out } = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024', '--json');
    expect(code).toBe(0);
    const occurrences = JSON.parse(out) as Occurrence[];
    for (const o of occurrences) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['calendar', 'task', 'title', 'kind', 'office', 'period', 'opens', 'due', 'quota', 'reminders', 'provisional']));
      expect(o.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    expect(only(occurrences, 'online-quiz')).toMatchObject([{ kind: 'window', opens: '2024-06-01', due: '2024-07-31', quota: null }]);

    const articles = only(occurrences, 'monthly-article');
    expect(articles).toHaveLength(12);
    expect(articles.map((o) => o.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    expect(articles.every((o) => o.quota === 1 && o.kind === 'quota')).toBe(true);

    const column = only(occurrences, 'column-update');
    expect(column.map((o) => o.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);

    expect(only(occurrences, 'leadership-study')).toMatchObject([{ kind: 'quota', period: '2024', quota: 2, due: '2024-12-31' }]);

    const evidence = only(occurrences, 'evidence-materials');
    expect(evidence.length).toBe(7);
    expect(evidence.every((o) => o.due === '2024-11-30' && o.kind === 'deadline')).toBe(true);
    // 2024-11-30 is a Saturday: the last reminder is on Friday the 29th.
    expect(evidence[0]!.reminders.at(-1)).toBe('2024-11-29');

    const constitutionDay = only(occurrences, 'constitution-day');
    expect(constitutionDay).toMatchObject([{ kind: 'fixed', opens: '2024-12-04', due: '2024-12-04', office: 'policy', provisional: false }]);
    expect(only(occurrences, 'constitution-week')[0]).toMatchObject({ opens: '2024-12-01', due: '2024-12-07', provisional: false });
  });
});

describe('seed calendars 001–004', () => {
  it('suzhou-kjj-2025 (seed 002) inherits the statutory report deadlines and has its own duties', async () => {
    const plan = await committedPlan('suzhou-kjj-2025', 2025);
    expect(only(plan.occurrences, 'rule-of-law-report')).toMatchObject([{ office: 'policy', due: '2025-02-28' }]);
    expect(only(plan.occurrences, 'rule-of-law-report-publish')).toMatchObject([{ office: 'policy', due: '2025-03-31' }]);
    expect(only(plan.occurrences, 'xi-rule-of-law-study')[0]).toMatchObject({ kind: 'quota', quota: 4 });
    expect(only(plan.occurrences, 'science-popularisation')[0]).toMatchObject({ opens: '2025-09-01', due: '2025-09-30', provisional: false });
  });

  it('gaotai-kjj-2025 (seed 001) gives the county office the policy role', async () => {
    const plan = await committedPlan('gaotai-kjj-2025', 2025);
    expect(plan.policyOffice).toBe('office');
    expect(only(plan.occurrences, 'rule-of-law-report')).toMatchObject([{ office: 'office' }]);
    expect(only(plan.occurrences, 'staff-law-study')[0]!.quota).toBeGreaterThanOrEqual(2);
    expect(only(plan.occurrences, 'sci-tech-week')).toMatchObject([{ office: 'popularisation', opens: '2025-05-24', due: '2025-05-31' }]);
  });

  it('zhangjiagang-kjj-2023 (seed 003) uses the 2023 announced windows', async () => {
    const plan = await committedPlan('zhangjiagang-kjj-2023', 2023);
    expect(only(plan.occurrences, 'central-group-law-study')[0]).toMatchObject({ kind: 'quota', quota: 2 });
    expect(only(plan.occurrences, 'sci-tech-week')[0]).toMatchObject({ opens: '2023-05-20', due: '2023-05-31', provisional: false });
    expect(only(plan.occurrences, 'science-popularisation')[0]).toMatchObject({ opens: '2023-09-17', due: '2023-09-23' });
  });

  it('zhangdian-kjj-2025 (seed 004) has its study and publicity quotas', async () => {
    const plan = await committedPlan('zhangdian-kjj-2025', 2025);
    expect(only(plan.occurrences, 'xi-thought-study')[0]).toMatchObject({ kind: 'quota', quota: 2 });
    expect(only(plan.occurrences, 'constitution-day')).toMatchObject([{ office: 'office', due: '2025-12-04' }]);
  });

  it('every task of every seed calendar quotes its source and has owners', async () => {
    for (const [calendar, year] of [['suzhou-kjj-2024', 2024], ['suzhou-kjj-2025', 2025], ['gaotai-kjj-2025', 2025], ['zhangjiagang-kjj-2023', 2023], ['zhangdian-kjj-2025', 2025]] as const) {
      const plan = await committedPlan(calendar, year);
      expect(plan.occurrences.length).toBeGreaterThan(20);
      for (const o of plan.occurrences) expect(o.source.length, o.id).toBeGreaterThan(3);
    }
  });
});
