/**
 * The scheduled sweep in AWS (daily at 09:00 Asia/Shanghai, and "sweep now"): one order per calendar
 * onto the sweep queue. The workers (sweep-calendar-handler.ts) do the sweeping.
 */
import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { type DispatchResult, dispatchSweep } from '../core/engine/dispatch.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export function makeSweepDispatchHandler(runtime: Pick<AppRuntime, 'store' | 'sweepQueue' | 'log' | 'metrics'>): (event: unknown) => Promise<DispatchResult> {
  return async (event) => {
    const input = ScheduledEvent.parse(event ?? {});
    const scheduledTime = clockOf(input).toISOString();
    const result = await dispatchSweep(runtime.store, runtime.sweepQueue(), { scheduledTime, runId: input.runId, calendar: input.calendar });
    const run = { now: scheduledTime, ...(input.runId ? { runId: input.runId } : {}) };
    runtime.log('info', 'sweep queued', { ...run, calendars: result.queued });
    runtime.metrics({ [METRIC.sweepsQueued]: result.queued }, { function: 'sweep-dispatch', ...run });
    return result;
  };
}
