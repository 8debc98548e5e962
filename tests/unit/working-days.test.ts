import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { eachDay } from '../../functions/core/civil-date.js';
import { DEFAULT_POLICY } from '../../functions/core/engine/assess.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { HolidayYearSchema } from '../../functions/core/holiday-schema.js';
import { WorkingDays } from '../../functions/core/working-days.js';
import { holiday2027Fixture } from '../fixtures/holiday-2027.js';
import { compileTasks } from '../support/calendars.js';

const days = bundledWorkingDays();

describe('working days from the bundled State Council data', () => {
  it('knows the nine-day 2026 Spring Festival and its make-up Saturday', () => {
    expect(days.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(days.info('2026-02-14').name).toBe('春节');
    for (const date of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']) {
      expect(days.isWorkingDay(date), date).toBe(false);
    }
    expect(days.isWorkingDay('2026-02-24')).toBe(true);
    expect(days.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休上班
  });

  it('moves to the previous working day across a holiday', () => {
    expect(days.onOrBefore('2026-02-23')).toBe('2026-02-14');
    expect(days.onOrAfter('2026-02-15')).toBe('2026-02-24');
    expect(days.onOrBefore('2026-02-24')).toBe('2026-02-24');
  });

  it('treats 2024 调休 weekend days as working days and holidays on weekdays as not', () => {
    expect(days.isWorkingDay('2024-02-04')).toBe(true); // Sunday
    expect(days.isWorkingDay('2024-05-11')).toBe(true); // Saturday
    expect(days.isWorkingDay('2024-10-01')).toBe(false); // Tuesday, National Day
    expect(days.isWorkingDay('2024-10-12')).toBe(true); // Saturday
    expect(days.isWorkingDay('2024-10-13')).toBe(false); // Sunday
  });

  it('knows which years it covers and marks the rest provisional', () => {
    expect(days.covers(2026)).toBe(true);
    expect(days.covers(2027)).toBe(false);
    expect(days.coveredYears()).toContain(2004);
    expect(days.info('2027-03-01')).toEqual({ date: '2027-03-01', working: true, provisional: true });
    expect(days.info('2027-03-06').working).toBe(false);
  });

  it('takes a year from an administrator-added notice, overriding the bundled data', () => {
    const notice = HolidayYearSchema.parse(holiday2027Fixture);
    const withNotice = bundledWorkingDays([notice]);
    expect(withNotice.covers(2027)).toBe(true);
    expect(withNotice.sourceOf(2027)).toBe(notice.notice.url);
    expect(withNotice.isWorkingDay('2027-02-06')).toBe(true); // fixture's make-up Saturday
    expect(withNotice.isWorkingDay('2027-02-08')).toBe(false);
    expect(withNotice.info('2027-03-01').provisional).toBe(false);
  });

  it('rejects a make-up working day on a weekday and dates outside the year', () => {
    const result = HolidayYearSchema.safeParse({
      ...holiday2027Fixture,
      holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }],
      workdays: [{ date: '2027-02-08', for: '春节' }],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('holidays.0.from: 2026-12-31 is not in 2027');
    expect(messages).toContain('workdays.0.date: 2027-02-08 is a weekday; a make-up working day (调休) is a Saturday or Sunday');
  });
});

describe('working days stored with a calendar (what the sweep and the digest read)', () => {
  it('a year stored as a table answers every day of it as the bundled data does, names included', () => {
    const stored = WorkingDays.fromTable([days.yearTable(2026)!]);
    for (const date of eachDay('2026-01-01', '2026-12-31')) expect(stored.info(date), date).toEqual(days.info(date));
  });

  it('a notice committed for a year travels in the table, and a year not stored is Monday–Friday, provisional', () => {
    const withNotice = bundledWorkingDays([HolidayYearSchema.parse(holiday2027Fixture)]);
    const stored = WorkingDays.fromTable([withNotice.yearTable(2027)!]);
    expect(stored.sourceOf(2027)).toBe(withNotice.sourceOf(2027));
    for (const date of eachDay('2027-01-01', '2027-12-31')) expect(stored.isWorkingDay(date), date).toBe(withNotice.isWorkingDay(date));
    expect(stored.info('2028-01-03')).toEqual({ date: '2028-01-03', working: true, provisional: true });
    expect(days.yearTable(1999)).toBeNull();
  });

  it("a plan carries its year and the next, and materialise keeps the calendar record's other years", async () => {
    const plan2025 = compileTasks([{ id: 't', title: '任务', schedule: { kind: 'deadline', due: '06-30' }, owners: 'all', reminders: [3], source: '测试' }], 2025);
    expect(plan2025.workingDays?.map((y) => y.year)).toEqual([2025, 2026]);
    const store = memoryStore();
    await materialise(store, plan2025, new Date('2025-03-01T00:00:00Z'), DEFAULT_POLICY);
    const plan2024 = compileTasks([{ id: 't', title: '任务', schedule: { kind: 'deadline', due: '06-30' }, owners: 'all', reminders: [3], source: '测试' }], 2024);
    await materialise(store, plan2024, new Date('2025-03-01T00:00:00Z'), DEFAULT_POLICY);
    const meta = await store.calendars.get(plan2025.calendar);
    expect(meta?.workingDays?.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(meta?.workingDays?.find((y) => y.year === 2026)?.holidays['2026-02-17']).toBe('春节');
  });
});
