/** Daily at 09:00 Asia/Shanghai: reminders, overdue flags, escalations, and the outbox. */
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { sweep, type SweepResult } from '../core/engine/sweep.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export function makeSweepHandler(runtime: Pick<AppRuntime, 'engine' | 'log'>): (event: unknown) => Promise<SweepResult> {
  return async (event) => {
    const now = clockOf(ScheduledEvent.parse(event ?? {}));
    const result = await sweep(await runtime.engine(), now);
    runtime.log(result.itemErrors.length > 0 || result.delivery.failed.length > 0 ? 'warn' : 'info', 'sweep finished', {
      now: now.toISOString(),
      days: result.days,
      examined: result.examined,
      mailsCommitted: result.mailsCommitted.length,
      mailsSent: result.delivery.sent.length,
      mailsFailed: result.delivery.failed,
      mailsUnconfirmed: result.delivery.unconfirmed,
      itemErrors: result.itemErrors,
    });
    return result;
  };
}
