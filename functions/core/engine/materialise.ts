/**
 * Writes a compiled plan into the store, idempotently:
 * 1. new occurrences are created (a second run creates nothing); ones already overdue are marked so quietly;
 * 2. occurrences whose planned part changed are updated (compare-and-set), keeping their progress;
 * 3. open occurrences that left the plan (task or office removed) are cancelled;
 * 4. submissions are never touched.
 */
import { civilDateAt } from '../civil-date.js';
import type { Plan } from '../compile.js';
import type { HolidayYear } from '../holiday-schema.js';
import { nextActionAt, statusOf, type EnginePolicy } from './assess.js';
import { ConflictError, type Store } from './ports.js';
import { calendarMeta, initialProgress, plannedOccurrence, type OccurrenceRecord } from './records.js';

export interface MaterialiseResult {
  calendar: string;
  year: number;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
}

const MAX_ATTEMPTS = 3;

export async function materialise(store: Store, plan: Plan, now: Date, policy: EnginePolicy, holidayNotices: HolidayYear[] = []): Promise<MaterialiseResult> {
  // Why the plan's zone: "today" decides which reminders are already past for a new occurrence.
  const today = civilDateAt(now, plan.timeZone);
  const existingMeta = await store.getCalendar(plan.calendar);
  const years = [...new Set([...(existingMeta?.years ?? []), plan.year])].sort();
  await store.putCalendar(calendarMeta(plan, years, existingMeta?.lastDigestAt ?? null, holidayNotices));

  const existing = new Map((await store.occurrencesOf(plan.calendar, plan.year)).map((r) => [r.id, r]));
  const result: MaterialiseResult = { calendar: plan.calendar, year: plan.year, created: 0, updated: 0, cancelled: 0, unchanged: 0 };

  for (const occurrence of plan.occurrences) {
    const planned = plannedOccurrence(occurrence, plan.year);
    const current = existing.get(planned.id);
    existing.delete(planned.id);
    if (!current) {
      const record: OccurrenceRecord = { ...planned, ...initialProgress(today, now) };
      // Already past due when first written (a plan loaded late, or a past year): it is overdue, but
      // flagging and escalating it now would mail every office its whole history at once. It shows as
      // overdue on the board, in the digest and in the ledger instead.
      if (today > record.overdueAfter) {
        record.overdueOn = today;
        record.escalatedOn = today;
      }
      record.status = statusOf(record, today);
      record.nextActionAt = nextActionAt(record, policy);
      if (await store.createOccurrence(record)) result.created += 1;
      else result.unchanged += 1;
      continue;
    }
    if (current.planHash === planned.planHash && current.status !== 'cancelled') {
      result.unchanged += 1;
      continue;
    }
    await withRetry(store, planned.id, (fresh) => {
      const next: OccurrenceRecord = { ...fresh, ...planned, status: fresh.status === 'cancelled' ? 'open' : fresh.status };
      next.status = statusOf(next, today);
      return { ...planned, status: next.status, nextActionAt: nextActionAt(next, policy) };
    }, now);
    result.updated += 1;
  }

  for (const leftover of existing.values()) {
    if (leftover.status !== 'open' && leftover.status !== 'overdue') continue;
    await withRetry(store, leftover.id, () => ({ status: 'cancelled', nextActionAt: null }), now);
    result.cancelled += 1;
  }
  return result;
}

async function withRetry(store: Store, id: string, change: (fresh: OccurrenceRecord) => Partial<OccurrenceRecord>, now: Date): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const fresh = await store.getOccurrence(id);
    if (!fresh) return;
    try {
      await store.updateOccurrence({ id, expectedVersion: fresh.version, set: { ...change(fresh), updatedAt: now.toISOString() } });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
