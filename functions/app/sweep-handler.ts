/**
 * Daily at 09:00 Asia/Shanghai: reminders, overdue flags, escalations, and the outbox. A failed mail or
 * item does not fail the run (it is recorded on the mail or the item, and retried by the next run); it
 * is counted in the run's metrics (MailsFailed, ItemErrors), which the stack alarms on. SweepCompleted
 * is the heartbeat: no sweep completed by 10:00 is an alarm of its own.
 *
 * This handler sweeps every calendar in one process (local mode, the tests). In AWS the schedule runs
 * sweep-dispatch-handler.ts, which queues one order per calendar for sweep-calendar-handler.ts.
 */

import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { type SweepResult, sweep } from '../core/engine/sweep.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export function makeSweepHandler(runtime: Pick<AppRuntime, 'engine' | 'log' | 'metrics'>): (event: unknown) => Promise<SweepResult> {
  return async (event) => {
    const input = ScheduledEvent.parse(event ?? {});
    const now = clockOf(input);
    const result = await sweep(await runtime.engine(), now);
    reportSweep(runtime, result, { now: now.toISOString(), ...(input.runId ? { runId: input.runId } : {}) });
    return result;
  };
}

/** The run's log line and metrics, the same for the whole sweep and for one calendar's. */
export function reportSweep(runtime: Pick<AppRuntime, 'log' | 'metrics'>, result: SweepResult, run: Record<string, string>): void {
  runtime.log(result.itemErrors.length > 0 || result.delivery.failed.length > 0 ? 'warn' : 'info', 'sweep finished', {
    ...run,
    days: result.days,
    examined: result.examined,
    mailsCommitted: result.mailsCommitted.length,
    mailsSent: result.delivery.sent.length,
    mailsFailed: result.delivery.failed,
    mailsUnconfirmed: result.delivery.unconfirmed,
    itemErrors: result.itemErrors,
  });
  runtime.metrics(
    {
      [METRIC.mailsSent]: result.delivery.sent.length,
      [METRIC.mailsFailed]: result.delivery.failed.length,
      [METRIC.mailsUnconfirmed]: result.delivery.unconfirmed.length,
      [METRIC.itemErrors]: result.itemErrors.length,
      [METRIC.sweepCompleted]: 1,
    },
    { function: 'sweep', ...run },
  );
}
