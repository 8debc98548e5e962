/**
 * Writes a compiled plan into the store, idempotently:
 * 1. new occurrences are created (a second run creates nothing); ones already overdue are marked so
 *    quietly; one whose task was renamed (`renamedFrom`) takes over the old one's progress and submissions;
 * 2. occurrences whose planned part changed are updated (compare-and-set), keeping their progress; a
 *    deadline moved past today clears the overdue flag, so the item can go overdue again on its new date;
 * 3. occurrences that left the plan (task or office removed) are cancelled unless done;
 * 4. submissions are never deleted.
 */
import { type CivilDate, civilDateAt } from '../civil-date.js';
import type { Plan } from '../compile.js';
import { type EnginePolicy, nextActionAt, riskDate, statusOf } from './assess.js';
import { inParallel } from './in-parallel.js';
import { ConflictError, type Store } from './ports.js';
import { calendarMeta, initialProgress, type OccurrenceRecord, type PlannedOccurrence, plannedOccurrence } from './records.js';

export interface MaterialiseResult {
  calendar: string;
  year: number;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  /** Occurrences that took over the progress of a renamed task's occurrence. */
  carried: number;
}

const MAX_ATTEMPTS = 3;

export async function materialise(store: Store, plan: Plan, now: Date, policy: EnginePolicy): Promise<MaterialiseResult> {
  // Why the plan's zone: "today" decides which reminders are already past for a new occurrence.
  const today = civilDateAt(now, plan.timeZone);
  const existingMeta = await store.calendars.get(plan.calendar);
  const years = [...new Set([...(existingMeta?.years ?? []), plan.year])].sort();
  await store.calendars.put(calendarMeta(plan, years, existingMeta?.lastDigestAt ?? null, existingMeta));

  const existing = new Map((await store.occurrences.ofCalendarYear(plan.calendar, plan.year)).map((r) => [r.id, r]));
  const result: MaterialiseResult = { calendar: plan.calendar, year: plan.year, created: 0, updated: 0, cancelled: 0, unchanged: 0, carried: 0 };
  const renamedFrom = new Map<string, string[]>();
  for (const { from, to } of plan.renames ?? []) renamedFrom.set(to, [...(renamedFrom.get(to) ?? []), from]);

  const fresh: OccurrenceRecord[] = [];
  const changed: PlannedOccurrence[] = [];
  for (const occurrence of plan.occurrences) {
    const planned = plannedOccurrence(occurrence, plan.year);
    const current = existing.get(planned.id);
    existing.delete(planned.id);
    if (!current) {
      const predecessor = (renamedFrom.get(planned.task) ?? []).map((task) => existing.get(renamedId(planned, task))).find((r) => r !== undefined && r.status !== 'cancelled');
      if (predecessor && (await carryOver(store, planned, predecessor, today, now, policy))) {
        existing.delete(predecessor.id);
        result.carried += 1;
        continue;
      }
      const record: OccurrenceRecord = { ...planned, ...initialProgress(today, now) };
      // Already past due when first written (a plan loaded late, or a past year): it is overdue, but
      // flagging and escalating it now would mail every office its whole history at once. It shows as
      // overdue on the board, in the digest and in the ledger instead.
      if (today > record.overdueAfter) {
        record.overdueOn = today;
        record.escalatedOn = today;
      }
      record.status = statusOf(record, today);
      record.nextActionAt = nextActionAt(record, policy, today);
      fresh.push(record);
      continue;
    }
    if (current.planHash === planned.planHash && current.status !== 'cancelled') {
      result.unchanged += 1;
      continue;
    }
    changed.push(planned);
  }

  // New occurrences in batches (never overwriting one a concurrent run wrote first); changes and
  // cancellations each by compare-and-set, a few at a time.
  const created = await store.occurrences.createMany(fresh);
  result.created += created;
  result.unchanged += fresh.length - created;
  await inParallel(changed, PARALLEL_WRITES, (planned) => withRetry(store, planned.id, (current) => replan(current, planned, today, policy), now));
  result.updated += changed.length;
  await inParallel([...existing.values()], PARALLEL_WRITES, async (leftover) => {
    if (await cancelOpen(store, leftover, now)) result.cancelled += 1;
  });
  return result;
}

/** The planned part replaced, the progress kept, and what the new dates undo undone. */
function replan(fresh: OccurrenceRecord, planned: PlannedOccurrence, today: CivilDate, policy: EnginePolicy): Partial<OccurrenceRecord> {
  const next: OccurrenceRecord = { ...fresh, ...planned, status: fresh.status === 'cancelled' ? 'open' : fresh.status };
  // A deadline moved past today: the item is no longer overdue, so it must be able to go overdue again.
  if (next.overdueOn !== null && today <= next.overdueAfter) {
    next.overdueOn = null;
    next.escalatedOn = null;
  }
  const risk = riskDate(next);
  if (next.atRiskOn !== null && (risk === null || today < risk)) next.atRiskOn = null;
  next.status = statusOf(next, today);
  return { ...planned, status: next.status, overdueOn: next.overdueOn, escalatedOn: next.escalatedOn, atRiskOn: next.atRiskOn, nextActionAt: nextActionAt(next, policy, today) };
}

/** The id the occurrence had under an old task id: calendar/task/office/period. */
function renamedId(planned: PlannedOccurrence, oldTask: string): string {
  return [planned.calendar, oldTask, planned.office, planned.period].join('/');
}

/** The renamed task's occurrence takes over the old one's progress and (copies of) its submissions. */
async function carryOver(store: Store, planned: PlannedOccurrence, old: OccurrenceRecord, today: CivilDate, now: Date, policy: EnginePolicy): Promise<boolean> {
  const submissions = (await store.submissions.ofOccurrence(old.id)).map((s) => ({ ...s, occurrenceId: planned.id, task: planned.task, title: planned.title, carriedFrom: old.id }));
  const record: OccurrenceRecord = { ...old, ...planned, version: 0, renamedTo: null, updatedAt: now.toISOString() };
  Object.assign(record, replan(record, planned, today, policy));
  const retire = { id: old.id, expectedVersion: old.version, set: { status: 'cancelled' as const, nextActionAt: null, renamedTo: planned.id, updatedAt: now.toISOString() } };
  return store.occurrences.carryOver(record, submissions, retire);
}

/** Writes at most this many items at a time. */
const PARALLEL_WRITES = 8;

/** Still open: not done, not cancelled (a task or office that left the plan cancels these). */
const OPEN = new Set<OccurrenceRecord['status']>(['open', 'overdue', 'submitted']);

/**
 * Cancels an occurrence that is still open (compare-and-set, retried on a race); false when it is not
 * open (any more). `record` is the copy already read: the first attempt starts from it.
 */
export async function cancelOpen(store: Store, record: OccurrenceRecord, now: Date): Promise<boolean> {
  let cancelled = false;
  await withRetry(
    store,
    record.id,
    (fresh) => {
      cancelled = OPEN.has(fresh.status);
      return cancelled ? { status: 'cancelled', nextActionAt: null } : null;
    },
    now,
    record,
  );
  return cancelled;
}

/** Applies `change` to the occurrence as it is now (null: nothing to change), re-reading it after a lost race. */
async function withRetry(store: Store, id: string, change: (fresh: OccurrenceRecord) => Partial<OccurrenceRecord> | null, now: Date, first?: OccurrenceRecord): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const fresh = attempt === 1 && first ? first : await store.occurrences.get(id);
    if (!fresh) return;
    const set = change(fresh);
    if (set === null) return;
    try {
      await store.occurrences.update({ id, expectedVersion: fresh.version, set: { ...set, updatedAt: now.toISOString() } });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
