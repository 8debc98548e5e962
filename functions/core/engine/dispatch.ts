/**
 * The scheduled sweep in AWS: one order per calendar onto the queue, so calendars are swept by workers
 * in parallel, each within its own time limit, and a calendar that keeps failing is set aside (the
 * dead-letter queue) without holding up the others. Withdrawn calendars are not swept.
 */
import type { Store, SweepOrder, SweepQueue } from './ports.js';

export interface DispatchResult {
  queued: number;
}

export async function dispatchSweep(store: Store, queue: SweepQueue, run: { scheduledTime: string; runId?: string | undefined; calendar?: string | undefined }): Promise<DispatchResult> {
  const calendars = run.calendar ? [run.calendar] : (await store.calendars.list()).filter((c) => !c.withdrawn).map((c) => c.id);
  const orders: SweepOrder[] = calendars.map((calendar) => ({ calendar, scheduledTime: run.scheduledTime, ...(run.runId ? { runId: run.runId } : {}) }));
  await queue.enqueue(orders);
  return { queued: orders.length };
}
