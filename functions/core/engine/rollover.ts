/**
 * Keeps the table in step with the compiled plans as the years go by, without a deploy (run daily by a
 * schedule, by every deploy, and by local mode when its clock enters a new year or December):
 * 1. every calendar gets this year and next materialised, and the years it already has (from last year
 *    on) updated: a plan edited after the year turned still reaches last year's open items;
 * 2. a year withdrawn from a calendar (its `years` narrowed, its plan no longer compiled) has its open
 *    occurrences cancelled; so has every year of a calendar withdrawn altogether (its file deleted).
 *    Submissions and evidence are kept; years before last year are history and left alone.
 * Idempotent: a second run the same day writes nothing new.
 */
import { type CivilDate, currentYear } from '../civil-date.js';
import type { Plan } from '../compile.js';
import type { EnginePolicy } from './assess.js';
import { cancelOpen, type MaterialiseResult, materialise } from './materialise.js';
import type { Store } from './ports.js';
import type { CalendarMeta } from './records.js';

export interface RolloverResult {
  materialised: MaterialiseResult[];
  /** calendar → years whose open occurrences were cancelled now. */
  withdrawn: { calendar: string; year: number; cancelled: number }[];
}

/**
 * `complete`: the plans are every calendar there is (the deploy's plans.json), so a calendar in the
 * table that none of them names was withdrawn. A partial set (`fazhi sync --calendar X`) withdraws nothing.
 */
export async function rollover(store: Store, plans: readonly Plan[], now: Date, policy: EnginePolicy, options: { complete?: boolean } = {}): Promise<RolloverResult> {
  const result: RolloverResult = { materialised: [], withdrawn: [] };
  const byCalendar = new Map<string, Plan[]>();
  for (const plan of plans) byCalendar.set(plan.calendar, [...(byCalendar.get(plan.calendar) ?? []), plan]);

  for (const [calendar, compiled] of byCalendar) {
    const current = currentYear(now, compiled[0]!.timeZone);
    const meta = await store.calendars.get(calendar);
    const wanted = new Set([current, current + 1, ...(meta?.years ?? []).filter((y) => y >= current - 1)]);
    for (const plan of compiled.filter((p) => wanted.has(p.year)).sort((a, b) => a.year - b.year)) {
      result.materialised.push(await materialise(store, plan, now, policy));
    }
    const compiledYears = new Set(compiled.map((p) => p.year));
    const gone = (meta?.years ?? []).filter((y) => y >= current - 1 && !compiledYears.has(y) && !(meta?.withdrawnYears ?? []).includes(y));
    for (const year of gone) result.withdrawn.push({ calendar, year, cancelled: await withdrawYear(store, calendar, year, now) });
    if (gone.length > 0) {
      const fresh = (await store.calendars.get(calendar))!;
      await store.calendars.put({ ...fresh, withdrawnYears: [...new Set([...(fresh.withdrawnYears ?? []), ...gone])].sort() });
    }
  }

  // Calendars in the table that no plan names any more: withdrawn altogether.
  if (options.complete === false) return result;
  for (const meta of await store.calendars.list()) {
    if (byCalendar.has(meta.id) || meta.withdrawn) continue;
    const current = currentYear(now, meta.timeZone);
    for (const year of meta.years.filter((y) => y >= current - 1)) result.withdrawn.push({ calendar: meta.id, year, cancelled: await withdrawYear(store, meta.id, year, now) });
    await store.calendars.put({ ...meta, withdrawn: true } satisfies CalendarMeta);
  }
  return result;
}

/** Cancels the open occurrences of one calendar-year; returns how many. */
async function withdrawYear(store: Store, calendar: string, year: number, now: Date): Promise<number> {
  let cancelled = 0;
  for (const record of await store.occurrences.ofCalendarYear(calendar, year)) if (await cancelOpen(store, record, now)) cancelled += 1;
  return cancelled;
}

/**
 * When a clock that runs the rollover only now and then (local mode, the simulation) must run it again:
 * the days that give the same key change nothing the daily schedule would; a new year or December does.
 */
export function rolloverPeriod(day: CivilDate): string {
  return `${day.slice(0, 4)}-${day.slice(5, 7) === '12' ? 'december' : 'year'}`;
}
