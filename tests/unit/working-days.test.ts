import { describe, expect, it } from 'vitest';
import { HolidayYearSchema } from '../../functions/core/holiday-schema.js';
import { WorkingDays } from '../../functions/core/working-days.js';
import { holiday2027Fixture } from '../fixtures/holiday-2027.js';

const days = WorkingDays.create();

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
    const withNotice = WorkingDays.create([notice]);
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
