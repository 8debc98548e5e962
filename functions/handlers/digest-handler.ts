/** Daily at 09:30 Asia/Shanghai (after the sweep): the policy office's weekly digest, on the week's first working day. */
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { sendDigests, type DigestResult } from '../core/engine/digest.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export function makeDigestHandler(runtime: Pick<AppRuntime, 'digest' | 'log'>): (event: unknown) => Promise<DigestResult[]> {
  return async (event) => {
    const input = ScheduledEvent.parse(event ?? {});
    const now = clockOf(input);
    const results = await sendDigests(runtime.digest(), now, input.calendar ? { calendar: input.calendar } : {});
    runtime.log('info', 'digest finished', { now: now.toISOString(), digests: results.map((r) => ({ calendar: r.calendar, mailId: r.mailId, skipped: r.skipped, sent: r.delivery.sent.length })) });
    return results;
  };
}
