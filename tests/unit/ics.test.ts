import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { planToIcs } from '../../functions/core/ics.js';
import { committedPlan } from '../support/catalog.js';
import { runCli } from '../support/run-cli.js';

describe('fazhi ics', () => {
  it('emits one parseable all-day VEVENT per occurrence, windows spanning their days', async () => {
    const { code, out } = await runCli('ics', '--calendar', 'suzhou-kjj-2024', '--year', '2024');
    expect(code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(out)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const plan = await committedPlan('suzhou-kjj-2024', 2024);
    expect(events).toHaveLength(plan.occurrences.length);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    const quiz = events.find((e) => e.uid === 'suzhou-kjj/online-quiz/policy/2024@fazhi')!;
    expect(quiz.startDate.isDate).toBe(true);
    expect(quiz.startDate.toString()).toBe('2024-06-01');
    expect(quiz.endDate.toString()).toBe('2024-08-01'); // DTEND is exclusive: the window includes 07-31
    expect(quiz.summary).toContain('线上答题竞赛');

    const constitutionDay = events.find((e) => e.uid === 'suzhou-kjj/constitution-day/policy/2024@fazhi')!;
    expect([constitutionDay.startDate.toString(), constitutionDay.endDate.toString()]).toEqual(['2024-12-04', '2024-12-05']);
  });

  it('keeps UIDs and dates stable across runs', async () => {
    const plan = await committedPlan('gaotai-kjj-2025', 2025);
    const strip = (ics: string) => ics.replace(/^DTSTAMP:.*$/gm, '');
    expect(strip(planToIcs(plan, new Date('2025-01-01T00:00:00Z')))).toBe(strip(planToIcs(plan, new Date('2025-06-01T00:00:00Z'))));
  });
});
