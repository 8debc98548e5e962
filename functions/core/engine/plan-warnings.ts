/**
 * Which year plans a bureau still lacks: this year's, and from 1 December next year's. The digest and
 * the board say so ("2027年普法工作计划尚未录入"): the standing duties go on regardless, but a year
 * without its plan is a year whose own tasks nobody is reminded of.
 */
import type { CivilDate } from '../civil-date.js';
import type { CalendarMeta } from './records.js';

export function missingPlans(calendar: Pick<CalendarMeta, 'planYears' | 'withdrawn'>, today: CivilDate): number[] {
  if (calendar.withdrawn) return [];
  const year = Number(today.slice(0, 4));
  const entered = new Set(calendar.planYears ?? []);
  const due = [year, ...(today.slice(5) >= '12-01' ? [year + 1] : [])];
  return due.filter((y) => !entered.has(y));
}

export function missingPlanText(year: number): string {
  return `${year}年普法工作计划尚未录入`;
}
