/**
 * Invariants of the compiler, checked on generated calendars (fast-check) and on every committed one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { compileTasks } from '../support/calendars.js';
import { committedPlan, schedulableCalendarYears } from '../support/catalog.js';

type TaskInput = NonNullable<CalendarInput['tasks']>[number];
const workingDays = bundledWorkingDays();

const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const orderedMonthDays = fc.tuple(monthDay, monthDay).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);

const schedule: fc.Arbitrary<TaskInput['schedule']> = fc.oneof(
  monthDay.map((date) => ({ kind: 'fixed' as const, date })),
  orderedMonthDays.map(([opens, closes]) => ({ kind: 'window' as const, opens, closes })),
  orderedMonthDays.map(([opens, due]) => ({ kind: 'deadline' as const, opens, due })),
  fc.record({ per: fc.constantFrom('year', 'half-year', 'quarter', 'month' as const), min: fc.integer({ min: 1, max: 5 }) }).map((q) => ({ kind: 'quota' as const, ...q })),
  orderedMonthDays.map(([opens, due]) => ({ kind: 'annual' as const, opens, due })),
  fc.constantFrom('FREQ=MONTHLY;BYMONTHDAY=-1', 'FREQ=WEEKLY;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=1FR', 'FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15').map((rule) => ({ kind: 'rrule' as const, rule })),
);

const task: fc.Arbitrary<TaskInput> = fc
  .record({
    schedule,
    owners: fc.constantFrom<TaskInput['owners']>('all', 'policy', ['office'], ['science', 'policy']),
    reminders: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
    shiftDue: fc.constantFrom('none', 'previous-working-day', 'next-working-day' as const),
    graceDays: fc.integer({ min: 0, max: 10 }),
  })
  .map((t) => ({ ...t, id: 'generated', title: '生成的任务', source: '生成。' }));

const tasks = fc.array(task, { minLength: 1, maxLength: 6 }).map((list) => list.map((t, i) => ({ ...t, id: `task-${i}` })));
const year = fc.integer({ min: 2024, max: 2026 });

describe('compiler invariants on generated calendars', () => {
  it('puts every reminder on a working day, never after due', () => {
    fc.assert(
      fc.property(tasks, year, (generated, y) => {
        for (const o of compileTasks(generated, y).occurrences) {
          for (const reminder of o.reminders) {
            expect(workingDays.isWorkingDay(reminder), `${o.id} ${reminder}`).toBe(true);
            expect(reminder <= o.due, `${o.id} ${reminder} > ${o.due}`).toBe(true);
          }
          expect(o.reminders).toEqual([...new Set(o.reminders)].sort());
          expect(o.opens <= o.due).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: same ids and content on every run, ids unique', () => {
    fc.assert(
      fc.property(tasks, year, (generated, y) => {
        const first = compileTasks(generated, y);
        const second = compileTasks(structuredClone(generated), y);
        expect(second).toEqual(first);
        expect(new Set(first.occurrences.map((o) => o.id)).size).toBe(first.occurrences.length);
        for (const o of first.occurrences) expect(o.id).toBe(`test-bureau/${o.task}/${o.office}/${o.period}`);
      }),
      { numRuns: 100 },
    );
  });

  it('gives identical output whatever the host time zone', () => {
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(tasks, year, (generated, y) => {
          const outputs = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati'].map((zone) => {
            process.env.TZ = zone;
            return JSON.stringify(compileTasks(generated, y));
          });
          expect(new Set(outputs).size).toBe(1);
        }),
        { numRuns: 40 },
      );
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('committed calendars, 2024–2026', () => {
  it('put every reminder on an official working day, never after due', async () => {
    const pairs = await schedulableCalendarYears();
    expect(pairs.length).toBeGreaterThanOrEqual(6);
    let reminders = 0;
    for (const { calendar, year: y } of pairs) {
      for (const o of (await committedPlan(calendar, y)).occurrences) {
        for (const reminder of o.reminders) {
          reminders += 1;
          expect(workingDays.info(reminder), `${o.id} ${reminder}`).toMatchObject({ working: true, provisional: false });
          expect(reminder <= o.due).toBe(true);
        }
      }
    }
    expect(reminders).toBeGreaterThan(500);
  });

  it('compile identically under UTC, Asia/Shanghai and America/New_York', async () => {
    const original = process.env.TZ;
    try {
      const pairs = await schedulableCalendarYears();
      const render = async () => JSON.stringify(await Promise.all(pairs.map(({ calendar, year: y }) => committedPlan(calendar, y))));
      const outputs: string[] = [];
      for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
        process.env.TZ = zone;
        outputs.push(await render());
      }
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
