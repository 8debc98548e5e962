/** The committed calendars, loaded once per test file. */
import { type Catalog, loadCatalog } from '../../functions/adapters/calendar-files.js';
import type { Plan } from '../../functions/core/compile.js';
import { planFor } from '../../functions/core/plan-for.js';

let catalog: Promise<Catalog> | undefined;

export function committedCatalog(): Promise<Catalog> {
  catalog ??= loadCatalog();
  return catalog;
}

export async function committedPlan(calendar: string, year: number): Promise<Plan> {
  const { registry, workingDays } = await committedCatalog();
  return planFor(registry, workingDays, { calendar, year });
}

/**
 * Every (calendar, year) pair from 2024 to 2026 that the committed calendars apply to: each bureau's
 * standing calendar (with its plan layered on in a year that has one), each year plan in its own year,
 * and the abstract national calendar.
 */
export async function schedulableCalendarYears(): Promise<{ calendar: string; year: number }[]> {
  const { registry } = await committedCatalog();
  return [...registry.values()].flatMap(({ calendar }) =>
    [2024, 2025, 2026]
      .filter((year) => (calendar.planOf ? year === calendar.planOf.year : !calendar.years || (year >= calendar.years.from && year <= (calendar.years.to ?? 9999))))
      .map((year) => ({ calendar: calendar.id, year })),
  );
}

/** The committed year plans, each with its year (a plan id compiles its bureau in that year). */
export const SEED_CALENDARS: readonly [string, number][] = [
  ['suzhou-kjj-2024', 2024],
  ['suzhou-kjj-2025', 2025],
  ['gaotai-kjj-2025', 2025],
  ['zhangjiagang-kjj-2023', 2023],
  ['zhangdian-kjj-2025', 2025],
];
