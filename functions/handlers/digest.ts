/** Weekly (Monday 09:00 Asia/Shanghai) and on demand: the policy office's digest. */
import { sendDigests, type DigestResult } from '../core/engine/digest.js';
import { log, runtime } from './runtime-instance.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

export async function handler(event: unknown): Promise<DigestResult[]> {
  const input = ScheduledEvent.parse(event ?? {});
  const now = clockOf(input);
  const results = await sendDigests(await runtime.digest(), now, input.calendar ? { calendar: input.calendar } : {});
  log('info', 'digest finished', { now: now.toISOString(), digests: results.map((r) => ({ calendar: r.calendar, mailId: r.mailId, sent: r.delivery.sent.length })) });
  return results;
}
