/** Daily at 09:30 Asia/Shanghai (after the sweep): the policy office's weekly digest, on the week's first working day. */

import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { type DigestResult, sendDigests } from '../core/engine/digest.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export function makeDigestHandler(runtime: Pick<AppRuntime, 'digest' | 'log' | 'metrics'>): (event: unknown) => Promise<DigestResult[]> {
  return async (event) => {
    const input = ScheduledEvent.parse(event ?? {});
    const now = clockOf(input);
    const results = await sendDigests(runtime.digest(), now, { ...(input.calendar ? { calendar: input.calendar } : {}), ...(input.onDemand ? { onDemand: true } : {}) });
    const run = { now: now.toISOString(), ...(input.runId ? { runId: input.runId } : {}) };
    const failed = results.flatMap((r) => r.delivery.failed);
    runtime.log(failed.length > 0 ? 'warn' : 'info', 'digest finished', {
      ...run,
      digests: results.map((r) => ({ calendar: r.calendar, mailId: r.mailId, skipped: r.skipped, sent: r.delivery.sent.length, failed: r.delivery.failed })),
    });
    runtime.metrics(
      {
        [METRIC.mailsSent]: results.reduce((n, r) => n + r.delivery.sent.length, 0),
        [METRIC.mailsFailed]: failed.length,
        [METRIC.mailsUnconfirmed]: results.reduce((n, r) => n + r.delivery.unconfirmed.length, 0),
        [METRIC.digestCompleted]: 1,
      },
      { function: 'digest', ...run },
    );
    return results;
  };
}
