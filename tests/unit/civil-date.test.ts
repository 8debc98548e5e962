/** The integer date arithmetic against JavaScript's own Date (UTC), for every day of three centuries. */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromUtcMs, parts, toUtcMs, weekday } from '../../functions/core/civil-date.js';

const DAY_MS = 86_400_000;

describe('civil dates', () => {
  it('agree with Date.UTC on every day from 1900 to 2199: ms, next day, weekday, parts', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2199, 11, 31); ms += DAY_MS) {
      const expected = new Date(ms).toISOString().slice(0, 10);
      const date = fromUtcMs(ms);
      if (date !== expected) expect(date).toBe(expected);
      if (toUtcMs(date) !== ms) expect(toUtcMs(date)).toBe(ms);
      const next = new Date(ms + DAY_MS).toISOString().slice(0, 10);
      if (addDays(date, 1) !== next) expect(addDays(date, 1)).toBe(next);
      if (weekday(date) !== new Date(ms).getUTCDay()) expect(weekday(date)).toBe(new Date(ms).getUTCDay());
    }
    expect(parts('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('steps across month, leap-day and year ends, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(weekday('2026-11-30')).toBe(1); // a Monday
  });
});
