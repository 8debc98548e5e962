import { describe, expect, it } from 'vitest';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { compile, forOffice } from '../../functions/core/compile.js';
import { CalendarYearError, UnknownOfficeError } from '../../functions/core/errors.js';
import { HolidayYearSchema } from '../../functions/core/holiday-schema.js';
import { holiday2027Fixture } from '../fixtures/holiday-2027.js';
import { compileTasks, registryOf, testCalendar } from '../support/calendars.js';

type TaskInput = CalendarInput['tasks'] extends (infer T)[] | undefined ? T : never;
const task = (id: string, schedule: TaskInput['schedule'], extra: Partial<TaskInput> = {}): TaskInput => ({
  id,
  title: `任务${id}`,
  schedule,
  owners: ['policy'],
  source: '计划原文。',
  ...extra,
});

describe('compile', () => {
  it('gives each kind its period, opens and due', () => {
    const plan = compileTasks(
      [
        task('fixed', { kind: 'fixed', date: '12-04' }),
        task('window', { kind: 'window', opens: '06-01', closes: '07-31' }),
        task('deadline', { kind: 'deadline', due: '11-30', opens: '09-01' }),
        task('annual', { kind: 'annual', opens: '03-01' }),
      ],
      2024,
    );
    const byTask = Object.fromEntries(plan.occurrences.map((o) => [o.task, o]));
    expect(byTask.fixed).toMatchObject({ id: 'test-bureau/fixed/policy/2024', period: '2024', opens: '2024-12-04', due: '2024-12-04', quota: null });
    expect(byTask.window).toMatchObject({ opens: '2024-06-01', due: '2024-07-31', kind: 'window' });
    expect(byTask.deadline).toMatchObject({ opens: '2024-09-01', due: '2024-11-30' });
    expect(byTask.annual).toMatchObject({ opens: '2024-03-01', due: '2024-12-31' });
  });

  it('expands quotas into one occurrence per period with its minimum', () => {
    const plan = compileTasks(
      [
        task('monthly', { kind: 'quota', per: 'month', min: 1 }),
        task('quarterly', { kind: 'quota', per: 'quarter', min: 1 }),
        task('half', { kind: 'quota', per: 'half-year', min: 3 }),
        task('yearly', { kind: 'quota', per: 'year', min: 2, years: { '2025': { min: 4 } } }),
      ],
      2024,
    );
    const of = (id: string) => plan.occurrences.filter((o) => o.task === id);
    expect(of('monthly').map((o) => o.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    expect(of('monthly').find((o) => o.period === '2024-02')).toMatchObject({ opens: '2024-02-01', due: '2024-02-29', quota: 1 });
    expect(of('quarterly').map((o) => [o.period, o.due])).toEqual([
      ['2024-Q1', '2024-03-31'],
      ['2024-Q2', '2024-06-30'],
      ['2024-Q3', '2024-09-30'],
      ['2024-Q4', '2024-12-31'],
    ]);
    expect(of('half').map((o) => o.period)).toEqual(['2024-H1', '2024-H2']);
    expect(of('yearly')).toMatchObject([{ period: '2024', quota: 2, opens: '2024-01-01', due: '2024-12-31' }]);
    expect(compileTasks([task('yearly', { kind: 'quota', per: 'year', min: 2, years: { '2025': { min: 4 } } })], 2025).occurrences[0]!.quota).toBe(4);
  });

  it('gives "all" owners one occurrence each and "policy" the policy office', () => {
    const plan = compileTasks([task('all', { kind: 'fixed', date: '05-30' }, { owners: 'all' }), task('p', { kind: 'fixed', date: '05-30' }, { owners: 'policy' })], 2025);
    expect(
      plan.occurrences
        .filter((o) => o.task === 'all')
        .map((o) => o.office)
        .sort(),
    ).toEqual(['office', 'policy', 'science']);
    expect(plan.occurrences.filter((o) => o.task === 'p').map((o) => o.officeName)).toEqual(['政策法规处']);
  });

  it('moves reminders off weekends and holidays to the previous working day', () => {
    // Due Monday 2026-02-23, the last day of the nine-day Spring Festival; lead 0 and 1 both land in it.
    const plan = compileTasks([task('t', { kind: 'deadline', due: '02-23' }, { reminders: [10, 8, 1, 0] })], 2026);
    expect(plan.occurrences[0]!.reminders).toEqual(['2026-02-13', '2026-02-14']);
  });

  it('shifts the due date itself only when the task says so', () => {
    const none = compileTasks([task('t', { kind: 'deadline', due: '02-22' })], 2026).occurrences[0]!;
    const previous = compileTasks([task('t', { kind: 'deadline', due: '02-22' }, { shiftDue: 'previous-working-day' })], 2026).occurrences[0]!;
    const next = compileTasks([task('t', { kind: 'deadline', due: '02-22' }, { shiftDue: 'next-working-day' })], 2026).occurrences[0]!;
    expect([none.due, previous.due, next.due]).toEqual(['2026-02-22', '2026-02-14', '2026-02-24']);
  });

  it('clamps "02-29" to the last day of February and computes overdueAfter from grace days', () => {
    const plan = compileTasks([task('t', { kind: 'deadline', due: '02-29' }, { graceDays: 3 })], 2025);
    expect(plan.occurrences[0]).toMatchObject({ due: '2025-02-28', graceDays: 3, overdueAfter: '2025-03-03' });
    expect(compileTasks([task('t', { kind: 'deadline', due: '02-29' })], 2024).occurrences[0]!.due).toBe('2024-02-29');
  });

  it('expands RRULE tasks within the year, whatever the host time zone', () => {
    const plan = compileTasks([task('r', { kind: 'rrule', rule: 'FREQ=MONTHLY;BYMONTHDAY=-1', leadDays: 5 })], 2025);
    expect(plan.occurrences.map((o) => o.due)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
    ]);
    expect(plan.occurrences[0]).toMatchObject({ period: '2025-01-31', opens: '2025-01-26' });
  });

  it('follows another task with "after"', () => {
    const plan = compileTasks([task('guide', { kind: 'fixed', date: '03-10' }), task('training', { kind: 'after', task: 'guide', withinDays: 30 }, { owners: ['science'] })], 2025);
    expect(plan.occurrences.find((o) => o.task === 'training')).toMatchObject({ opens: '2025-03-10', due: '2025-04-09', office: 'science', period: '2025' });
  });

  it('marks announced windows provisional until the year is entered', () => {
    const schedule = { kind: 'window', opens: '12-01', closes: '12-07', announced: true, years: { '2022': { opens: '2022-12-04', closes: '2022-12-10' } } } as const;
    const known = compileTasks([task('w', schedule)], 2022).occurrences[0]!;
    const unknown = compileTasks([task('w', schedule)], 2025).occurrences[0]!;
    expect(known).toMatchObject({ opens: '2022-12-04', due: '2022-12-10', provisional: false });
    expect(unknown).toMatchObject({ opens: '2025-12-01', due: '2025-12-07', provisional: true });
    expect(unknown.provisionalReasons[0]).toMatch(/not announced/);
  });

  it('marks every occurrence of a year without holiday data provisional, until a notice covers it', () => {
    const tasks = [task('t', { kind: 'deadline', due: '03-15' })];
    const uncovered = compileTasks(tasks, 2027).occurrences[0]!;
    expect(uncovered.provisional).toBe(true);
    expect(uncovered.provisionalReasons).toContain('no holiday data for 2027: Monday–Friday assumed');
    const covered = compileTasks(tasks, 2027, {}, bundledWorkingDays([HolidayYearSchema.parse(holiday2027Fixture)])).occurrences[0]!;
    expect(covered.provisional).toBe(false);
  });

  it('merges inherited tasks: a same-id task replaces the parent one, exclude drops one', () => {
    const base: CalendarInput = {
      id: 'base',
      title: '基础',
      abstract: true,
      organisation: { name: '国家' },
      tasks: [
        task('day', { kind: 'fixed', date: '12-04' }, { owners: 'policy' }),
        task('week', { kind: 'window', opens: '12-01', closes: '12-07' }, { owners: 'all' }),
        task('drop', { kind: 'fixed', date: '01-01' }, { owners: 'all' }),
      ],
    };
    const child = testCalendar([task('day', { kind: 'fixed', date: '12-04' }, { owners: ['office'] })], { extends: ['base'], exclude: ['drop'] });
    const plan = compile(resolveCalendar('test-bureau', registryOf(base, child)), 2025, bundledWorkingDays());
    expect(plan.occurrences.filter((o) => o.task === 'day').map((o) => o.office)).toEqual(['office']);
    expect(plan.occurrences.filter((o) => o.task === 'week')).toHaveLength(3);
    expect(plan.occurrences.some((o) => o.task === 'drop')).toBe(false);
  });

  it('refuses a year outside the plan and an unknown office', () => {
    expect(() => compileTasks([task('t', { kind: 'fixed', date: '12-04' })], 2025, { years: { from: 2024, to: 2024 } })).toThrow(CalendarYearError);
    const plan = compileTasks([task('t', { kind: 'fixed', date: '12-04' })], 2025);
    expect(() => forOffice(plan, 'nobody')).toThrow(UnknownOfficeError);
    expect(forOffice(plan, 'policy').occurrences).toHaveLength(1);
  });

  it('sorts occurrences by due date, then id', () => {
    const plan = compileTasks([task('b', { kind: 'fixed', date: '12-04' }), task('a', { kind: 'fixed', date: '12-04' }), task('c', { kind: 'fixed', date: '01-05' })], 2025);
    expect(plan.occurrences.map((o) => o.task)).toEqual(['c', 'a', 'b']);
  });
});
