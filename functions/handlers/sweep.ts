/** Daily at 09:00 Asia/Shanghai: reminders, overdue flags, escalations, and the outbox. */
import { sweep, type SweepResult } from '../core/engine/sweep.js';
import { log, runtime } from './runtime-instance.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export async function handler(event: unknown): Promise<SweepResult> {
  const now = clockOf(ScheduledEvent.parse(event ?? {}));
  const result = await sweep(await runtime.engine(), now);
  log(result.itemErrors.length > 0 || result.delivery.failed.length > 0 ? 'warn' : 'info', 'sweep finished', {
    now: now.toISOString(),
    days: result.days,
    examined: result.examined,
    mailsCommitted: result.mailsCommitted.length,
    mailsSent: result.delivery.sent.length,
    mailsFailed: result.delivery.failed,
    itemErrors: result.itemErrors,
  });
  return result;
}
