/**
 * The committed calendars: each bureau is one standing calendar (offices, recurring duties, extends
 * cn-national) with its year plans layered on it (planOf). Key occurrences of each plan, the national
 * duties, targets versus quotas, prepare notices and the fixes each calendar needed.
 */
import { describe, expect, it } from 'vitest';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import { addDays } from '../../functions/core/civil-date.js';
import { compile, type Occurrence, type Plan } from '../../functions/core/compile.js';
import { committedCatalog, committedPlan, SEED_CALENDARS } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

const only = (occurrences: Occurrence[], task: string) => occurrences.filter((o) => o.task === task);
const BUREAUS = ['suzhou-kjj', 'gaotai-kjj', 'zhangjiagang-kjj', 'zhangdian-kjj'] as const;
const bureauOf = (plan: string) => plan.replace(/-\d{4}$/, '');

/**
 * 春节 (lunar 01-01) and 中秋 (lunar 08-15) in the Gregorian calendar, 2024–2035 (as published by the
 * Purple Mountain Observatory; chinese-days gives the same but only under a host time zone east of UTC−x,
 * so the facts are written here instead of computed).
 */
const LUNAR: Record<string, { springFestival: string; midAutumn: string }> = Object.fromEntries(
  Object.entries({
    2024: ['2024-02-10', '2024-09-17'],
    2025: ['2025-01-29', '2025-10-06'],
    2026: ['2026-02-17', '2026-09-25'],
    2027: ['2027-02-06', '2027-09-15'],
    2028: ['2028-01-26', '2028-10-03'],
    2029: ['2029-02-13', '2029-09-22'],
    2030: ['2030-02-03', '2030-09-12'],
    2031: ['2031-01-23', '2031-10-01'],
    2032: ['2032-02-11', '2032-09-19'],
    2033: ['2033-01-31', '2033-09-08'],
    2034: ['2034-02-19', '2034-09-27'],
    2035: ['2035-02-08', '2035-09-16'],
  }).map(([year, [springFestival, midAutumn]]) => [year, { springFestival: springFestival!, midAutumn: midAutumn! }]),
);

describe('bureaus: a standing calendar each, with year plans layered on it', () => {
  it('every bureau is one standing calendar from its first plan year; every plan names its bureau and year and declares no offices', async () => {
    const { registry } = await committedCatalog();
    for (const bureau of BUREAUS) {
      const standing = registry.get(bureau)!.calendar;
      const plans = [...registry.values()].map((e) => e.calendar).filter((c) => c.planOf?.calendar === bureau);
      expect(plans.length, bureau).toBeGreaterThan(0);
      expect(standing).toMatchObject({ extends: ['cn-national'], years: { from: Math.min(...plans.map((p) => p.planOf!.year)) } });
      expect(standing.years!.to).toBeUndefined();
      expect(standing.offices.length).toBeGreaterThan(0);
      for (const plan of plans) {
        expect(plan.id).toBe(`${bureau}-${plan.planOf!.year}`);
        expect(plan.offices).toEqual([]);
        expect(plan.extends).toEqual([]);
        expect(plan.document?.title, plan.id).toBeTruthy();
      }
    }
    expect(SEED_CALENDARS.map(([plan, _year]) => registry.get(plan)!.calendar.planOf)).toEqual(SEED_CALENDARS.map(([plan, year]) => ({ calendar: bureauOf(plan), year })));
  });

  it('a plan id compiles its bureau in its year: the same occurrences, ids under the bureau', async () => {
    for (const [plan, year] of SEED_CALENDARS) {
      const viaPlan = await runCli('preview', '--calendar', plan, '--year', String(year), '--json');
      const viaBureau = await runCli('preview', '--calendar', bureauOf(plan), '--year', String(year), '--json');
      expect(viaPlan.code, viaPlan.err).toBe(0);
      expect(viaPlan.out).toBe(viaBureau.out);
      const occurrences = JSON.parse(viaPlan.out) as Occurrence[];
      expect(occurrences.every((o) => o.calendar === bureauOf(plan) && o.id.startsWith(`${bureauOf(plan)}/`))).toBe(true);
    }
  });

  it('a year without a plan (suzhou-kjj 2027) has the national and standing duties, with the report on 2026 due by 2027-02-28', async () => {
    const { code, out } = await runCli('preview', '--calendar', 'suzhou-kjj', '--year', '2027', '--json');
    expect(code).toBe(0);
    const occurrences = JSON.parse(out) as Occurrence[];
    const report = only(occurrences, 'rule-of-law-report');
    expect(report).toMatchObject([{ id: 'suzhou-kjj/rule-of-law-report/policy/2026', period: '2026', office: 'policy' }]);
    expect(report[0]!.due <= '2027-02-28').toBe(true);
    expect(only(occurrences, 'rule-of-law-report-publish')).toMatchObject([{ period: '2026', due: '2027-03-31' }]);
    expect(only(occurrences, 'gov-info-disclosure-report')).toMatchObject([{ period: '2026', due: '2027-01-31' }]);
    expect(only(occurrences, 'pufa-summary')).toMatchObject([{ period: '2026', due: '2027-01-31' }]);
    // Standing duties, national observances; nothing of the 2024 or 2025 plans.
    for (const task of ['leader-shufa', 'random-inspection-work-permit', 'safety-inspection-spring-festival', 'constitution-day', 'national-security-education-day', 'pufa-plan']) {
      expect(only(occurrences, task).length, task).toBeGreaterThan(0);
    }
    for (const task of ['xi-rule-of-law-study', 'online-quiz', 'leadership-study', 'monthly-article']) expect(only(occurrences, task), task).toEqual([]);
    // No holiday data for 2027 yet: every date is provisional, and says why.
    expect(occurrences.every((o) => o.provisionalReasons.includes('no holiday data for 2027: Monday–Friday assumed'))).toBe(true);
  });
});

describe('suzhou-kjj 2024 (苏州市科技局2024年普法工作计划)', () => {
  it('preview --json shows the plan', async () => {
    const { code, out } = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024', '--json');
    expect(code).toBe(0);
    const occurrences = JSON.parse(out) as Occurrence[];
    for (const o of occurrences) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['calendar', 'task', 'title', 'kind', 'office', 'period', 'opens', 'due', 'quota', 'reminders', 'provisional']));
      expect(o.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    expect(only(occurrences, 'online-quiz')).toMatchObject([{ id: 'suzhou-kjj/online-quiz/policy/2024', kind: 'window', opens: '2024-06-01', due: '2024-07-31', quota: null }]);

    const articles = only(occurrences, 'monthly-article');
    expect(articles).toHaveLength(12);
    expect(articles.map((o) => o.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    expect(articles.every((o) => o.quota === 1 && o.kind === 'quota')).toBe(true);

    const column = only(occurrences, 'column-update');
    expect(column.map((o) => o.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);

    expect(only(occurrences, 'leadership-study')).toMatchObject([{ kind: 'quota', period: '2024', quota: 2, due: '2024-12-31' }]);

    // The 考核 material deadline, for each of the bureau's nine offices.
    const evidence = only(occurrences, 'evidence-materials');
    expect(evidence.length).toBe(9);
    expect(evidence.every((o) => o.due === '2024-11-30' && o.kind === 'deadline')).toBe(true);
    // 2024-11-30 is a Saturday: the last reminder is on Friday the 29th.
    expect(evidence[0]!.reminders.at(-1)).toBe('2024-11-29');

    const constitutionDay = only(occurrences, 'constitution-day');
    expect(constitutionDay).toMatchObject([{ kind: 'fixed', opens: '2024-12-04', due: '2024-12-04', office: 'policy', provisional: false }]);
    expect(only(occurrences, 'constitution-week')[0]).toMatchObject({ opens: '2024-12-01', due: '2024-12-07', provisional: false });
    // The bureau's recurring duties were written down in 2025; the 2024 year keeps to its plan.
    expect(only(occurrences, 'leader-shufa')).toEqual([]);
  });

  it('the oath and quiz of Constitution Week span the whole week, so 国家宪法日 (12-04) falls inside it in every year', async () => {
    const { registry, workingDays } = await committedCatalog();
    const resolved = resolveCalendar('suzhou-kjj-2024', registry);
    // The rule, outside the plan's own year too: 2021 and 2022 had announced weeks of other dates.
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
      const plan = compile({ ...resolved, years: undefined }, year, workingDays);
      const [week] = only(plan.occurrences, 'constitution-week');
      const [quiz] = only(plan.occurrences, 'constitution-oath-quiz');
      expect({ opens: quiz!.opens, due: quiz!.due }, String(year)).toEqual({ opens: week!.opens, due: week!.due });
      expect(quiz!.opens <= `${year}-12-04` && `${year}-12-04` <= quiz!.due, String(year)).toBe(true);
    }
    const plan = await committedPlan('suzhou-kjj-2024', 2024);
    expect(only(plan.occurrences, 'constitution-oath-quiz')).toMatchObject([{ opens: '2024-12-01', due: '2024-12-07' }]);
  });

  it('the 三下乡 legal publicity follows the (estimated, provisional) 三下乡 window and says so', async () => {
    const { registry } = await committedCatalog();
    const plan = await committedPlan('suzhou-kjj-2024', 2024);
    expect(only(plan.occurrences, 'countryside-law-publicity')).toMatchObject([
      { due: '2024-02-28', provisional: true, provisionalReasons: ['dates for 2024 not announced yet: default rule used', 'follows "three-to-countryside", which is not confirmed'] },
    ]);
    const task = registry.get('suzhou-kjj-2024')!.calendar.tasks.find((t) => t.id === 'countryside-law-publicity')!;
    expect(task.description).toContain('估计');
  });
});

describe('suzhou-kjj 2025 (苏州市科技局2024年度法治政府建设情况报告 · 2025年工作打算)', () => {
  it('has the cross-year reports, its own duties and the standing ones', async () => {
    const plan = await committedPlan('suzhou-kjj-2025', 2025);
    expect(plan.calendar).toBe('suzhou-kjj');
    expect(plan.layer).toEqual({ id: 'suzhou-kjj-2025', title: '苏州市科技局2025年法治政府建设工作打算' });
    expect(only(plan.occurrences, 'rule-of-law-report')).toMatchObject([{ office: 'policy', period: '2024', due: '2025-02-28' }]);
    expect(only(plan.occurrences, 'rule-of-law-report-publish')).toMatchObject([{ office: 'policy', period: '2024', due: '2025-03-31' }]);
    expect(only(plan.occurrences, 'xi-rule-of-law-study')[0]).toMatchObject({ kind: 'target', quota: 4, reminders: [] });
    expect(only(plan.occurrences, 'science-popularisation')[0]).toMatchObject({ opens: '2025-09-01', due: '2025-09-30', provisional: false });
    expect(only(plan.occurrences, 'training-org-safety-inspection')).toMatchObject([{ office: 'social-dev', kind: 'target' }]);
  });

  it("no window or deadline of the bureau in a plan's year closes before that plan was published", async () => {
    const { registry } = await committedCatalog();
    for (const [planId, year] of SEED_CALENDARS) {
      const published = registry.get(planId)!.calendar.document?.date;
      if (!published) continue;
      const origin = resolveCalendar(planId, registry).taskOrigin;
      const plan = await committedPlan(planId, year);
      // National duties are the law's, and a report on last year is last year's duty: neither waits for the plan.
      const own = plan.occurrences.filter((o) => origin.get(o.task) !== 'cn-national' && o.period.startsWith(String(year)));
      expect(own.length).toBeGreaterThan(0);
      for (const o of own) expect(o.due >= published, `${o.id} due ${o.due}, before ${planId} of ${published}`).toBe(true);
    }
  });

  it("the pre-Spring-Festival inspection closes the day before New Year's Eve (lunar calendar), from 2026", async () => {
    const { registry, workingDays } = await committedCatalog();
    const task = registry.get('suzhou-kjj')!.calendar.tasks.find((t) => t.id === 'safety-inspection-spring-festival')!;
    const years = task.schedule.kind === 'window' ? (task.schedule.years ?? {}) : {};
    expect(Object.keys(years).length).toBeGreaterThanOrEqual(10);
    for (const [year, window] of Object.entries(years)) {
      const eve = addDays(LUNAR[year]!.springFestival, -1);
      expect(window.closes, year).toBe(addDays(eve, -1));
      expect(window.opens, year).toBe([addDays(eve, -22), `${year}-01-01`].sort().at(-1));
    }
    // 2026: 除夕 is 02-16 and the holiday starts on Sunday 02-15; the due date moves to the working Saturday 02-14.
    const plan2026: Plan = compile(resolveCalendar('suzhou-kjj', registry, 2026), 2026, workingDays);
    expect(only(plan2026.occurrences, 'safety-inspection-spring-festival')).toMatchObject([{ opens: '2026-01-25', due: '2026-02-14', office: 'office' }]);
    expect(only((await committedPlan('suzhou-kjj-2025', 2025)).occurrences, 'safety-inspection-spring-festival')).toEqual([]);
  });

  it('the Mid-Autumn and National Day inspection closes before the earlier of the two', async () => {
    const { registry } = await committedCatalog();
    const task = registry.get('suzhou-kjj')!.calendar.tasks.find((t) => t.id === 'safety-inspection-national-day')!;
    const years = task.schedule.kind === 'window' ? (task.schedule.years ?? {}) : {};
    for (const [year, window] of Object.entries(years)) {
      const midAutumn = LUNAR[year]!.midAutumn;
      const first = [midAutumn, `${year}-10-01`].sort()[0]!;
      expect(window, year).toEqual({ opens: addDays(first, -16), closes: addDays(first, -1) });
    }
    expect(years['2025']).toEqual({ opens: '2025-09-15', closes: '2025-09-30' });
  });
});

describe('gaotai-kjj, zhangjiagang-kjj, zhangdian-kjj', () => {
  it('gaotai-kjj 2025 gives the county office the policy role and keeps the national dates for its 科普股', async () => {
    const plan = await committedPlan('gaotai-kjj-2025', 2025);
    expect(plan.policyOffice).toBe('office');
    expect(only(plan.occurrences, 'rule-of-law-report')).toMatchObject([{ office: 'office', period: '2024' }]);
    expect(only(plan.occurrences, 'staff-law-study')[0]).toMatchObject({ kind: 'target', quota: 24, reminders: [] });
    expect(only(plan.occurrences, 'sci-tech-week')).toMatchObject([{ office: 'popularisation', opens: '2025-05-24', due: '2025-05-31' }]);
    // The overrides take cn-national's dates: the announced 2024 science week is the national one.
    const { registry, workingDays } = await committedCatalog();
    const in2024 = compile({ ...resolveCalendar('gaotai-kjj', registry), years: undefined }, 2024, workingDays);
    expect(only(in2024.occurrences, 'sci-tech-week')).toMatchObject([{ office: 'popularisation', opens: '2024-05-25', due: '2024-06-01', provisional: false }]);
  });

  it('zhangjiagang-kjj 2023 uses the 2023 announced windows and follows the 重大行政决策 procedure every year', async () => {
    const plan = await committedPlan('zhangjiagang-kjj-2023', 2023);
    expect(only(plan.occurrences, 'central-group-law-study')[0]).toMatchObject({ kind: 'quota', quota: 2 });
    expect(only(plan.occurrences, 'sci-tech-week')[0]).toMatchObject({ opens: '2023-05-20', due: '2023-05-31', provisional: false });
    expect(only(plan.occurrences, 'science-popularisation')[0]).toMatchObject({ opens: '2023-09-17', due: '2023-09-23' });
    expect(only(plan.occurrences, 'major-decision-procedure')).toMatchObject([{ office: 'office', due: '2023-12-31', legalBasis: expect.arrayContaining(['《张家港市重大行政决策程序规定》']) }]);
    expect(only((await committedPlan('zhangjiagang-kjj', 2026)).occurrences, 'major-decision-procedure')).toMatchObject([{ due: '2026-12-31' }]);
  });

  it('zhangdian-kjj 2025 has its study target, its special-inspection quota and the yearly 权责清单 review', async () => {
    const plan = await committedPlan('zhangdian-kjj-2025', 2025);
    expect(only(plan.occurrences, 'xi-thought-study')[0]).toMatchObject({ kind: 'target', quota: 2 });
    expect(only(plan.occurrences, 'enforcement-special-inspection')[0]).toMatchObject({ kind: 'quota', quota: 1 });
    expect(only(plan.occurrences, 'constitution-day')).toMatchObject([{ office: 'office', due: '2025-12-04' }]);
    expect(only(plan.occurrences, 'power-list-standardisation')).toMatchObject([{ office: 'office', due: '2025-12-31' }]);
    expect(only(plan.occurrences, 'power-list-standardisation')[0]!.source).toContain('权责清单');
  });
});

describe('national duties (cn-national)', () => {
  it('2026: the 政府信息公开 report on 2025 by 01-31, 全民国家安全教育日 04-15, 全民国防教育日 on the third Saturday of September', async () => {
    const { code, out } = await runCli('preview', '--calendar', 'cn-national', '--year', '2026', '--json');
    expect(code).toBe(0);
    const occurrences = JSON.parse(out) as Occurrence[];
    expect(only(occurrences, 'gov-info-disclosure-report')).toMatchObject([{ kind: 'deadline', period: '2025', due: '2026-01-31' }]);
    expect(only(occurrences, 'gov-info-disclosure-report')[0]!.legalBasis.join()).toContain('第四十九条、第五十条');
    expect(only(occurrences, 'national-security-education-day')).toMatchObject([{ kind: 'fixed', opens: '2026-04-15', due: '2026-04-15' }]);
    expect(only(occurrences, 'national-security-education-day')[0]!.legalBasis).toEqual(['《中华人民共和国国家安全法》第十四条']);
    expect(only(occurrences, 'national-defence-education-day')).toMatchObject([{ kind: 'rrule', period: '2026-09-19', due: '2026-09-19' }]);
    expect(only(occurrences, 'rule-of-law-report')).toMatchObject([{ period: '2025', due: '2026-02-28' }]);
  });

  it('every bureau issues its 普法工作计划 and 普法责任清单 by 03-31 of the year, an assumption marked provisional', async () => {
    const { registry } = await committedCatalog();
    for (const [planId, year] of SEED_CALENDARS) {
      const plan = await committedPlan(planId, year);
      for (const task of ['pufa-plan', 'pufa-responsibility-list']) {
        expect(only(plan.occurrences, task), `${planId} ${task}`).toMatchObject([{ office: plan.policyOffice, period: String(year), due: `${year}-03-31`, provisional: true }]);
      }
      expect(only(plan.occurrences, 'responsibility-list')).toEqual([]);
    }
    for (const task of ['pufa-plan', 'pufa-responsibility-list']) {
      const national = registry.get('cn-national')!.calendar.tasks.find((t) => t.id === task)!;
      expect(national.description).toContain('假定');
    }
  });
});

describe('targets and quotas, prepare notices', () => {
  it('every quota and target says in its description which it is; a target is never reminded', async () => {
    const { registry } = await committedCatalog();
    let targets = 0;
    for (const { calendar } of registry.values()) {
      for (const task of calendar.tasks) {
        if (task.schedule.kind === 'quota') expect(task.description, `${calendar.id}/${task.id}`).toContain('要求（quota）');
        if (task.schedule.kind === 'target') {
          targets += 1;
          expect(task.description, `${calendar.id}/${task.id}`).toContain('目标（target）');
        }
      }
    }
    expect(targets).toBeGreaterThanOrEqual(15);
    for (const [planId, year] of SEED_CALENDARS) {
      for (const o of (await committedPlan(planId, year)).occurrences.filter((x) => x.kind === 'target')) {
        expect(o.reminders, o.id).toEqual([]);
        expect(o.quota, o.id).toBeGreaterThan(0);
      }
    }
  });

  it('the observances and campaigns are windows or fixed dates with a prepare notice 10 working days ahead (20 for the commissioned quiz)', async () => {
    const { workingDays } = await committedCatalog();
    const plan = await committedPlan('suzhou-kjj-2025', 2025);
    const tenWorkingDaysBefore = (date: string, count = 10) => {
      let day = date;
      for (let left = count; left > 0; left -= 1) day = workingDays.onOrBefore(addDays(day, -1));
      return day;
    };
    for (const task of ['sci-tech-week', 'civil-code-month', 'safety-month', 'science-popularisation', 'constitution-week', 'constitution-day', 'national-security-education-day']) {
      const occurrences = only(plan.occurrences, task);
      expect(occurrences.length, task).toBeGreaterThan(0);
      for (const o of occurrences) {
        expect(['window', 'fixed']).toContain(o.kind);
        expect(o.prepareOn, o.id).toBe(tenWorkingDaysBefore(o.opens));
      }
    }
    // 2025-05-24 (Saturday) opens the science week: ten working days before is Monday 05-12.
    expect(only(plan.occurrences, 'sci-tech-week')[0]!.prepareOn).toBe('2025-05-12');
    const quiz = only((await committedPlan('suzhou-kjj-2024', 2024)).occurrences, 'online-quiz')[0]!;
    expect(quiz.prepareOn).toBe(tenWorkingDaysBefore('2024-06-01', 20));
    // Deadlines and quotas have none.
    expect(only(plan.occurrences, 'rule-of-law-report')[0]!.prepareOn).toBeNull();
  });

  it('every task of every plan quotes its source and has owners', async () => {
    for (const [calendar, year] of SEED_CALENDARS) {
      const plan = await committedPlan(calendar, year);
      expect(plan.occurrences.length).toBeGreaterThan(20);
      for (const o of plan.occurrences) expect(o.source.length, o.id).toBeGreaterThan(3);
    }
  });
});
