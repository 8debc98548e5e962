/**
 * SES bounce and complaint notifications (the configuration set's SNS event destination): each bounced
 * or complaining address is marked on the calendars whose offices use it, and the board warns the
 * policy office. Transient bounces (a full mailbox) are SES's to retry, not a wrong address: not marked.
 * A notification that is not one of SES's is logged and dropped (retrying cannot fix it); a store
 * failure is thrown, for Lambda to retry and then the dead-letter queue.
 */
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { markBounces } from '../core/engine/bounces.js';

const Recipient = z.object({ emailAddress: z.string() });
/** SES event publishing (`eventType`) and identity notifications (`notificationType`) share these fields. */
const SesNotification = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(Recipient), timestamp: z.iso.datetime({ offset: true }) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(Recipient), timestamp: z.iso.datetime({ offset: true }) })),
});

export interface BounceResult {
  marked: number;
  /** Notifications that mark nothing: transient bounces, other event types, messages that are not SES's. */
  ignored: number;
  /** Addresses no office uses. */
  unknown: string[];
}

export type BounceHandler = (event: SNSEvent) => Promise<BounceResult>;

export function makeBounceHandler(runtime: Pick<AppRuntime, 'store' | 'log' | 'metrics'>): BounceHandler {
  return async (event) => {
    const result: BounceResult = { marked: 0, ignored: 0, unknown: [] };
    const counts = { bounce: 0, complaint: 0 };
    for (const record of event.Records ?? []) {
      const report = reportOf(record.Sns?.Message);
      if (typeof report === 'string') {
        result.ignored += 1;
        runtime.log('info', 'notification ignored', { messageId: record.Sns?.MessageId, reason: report });
        continue;
      }
      const marks = await markBounces(runtime.store, report);
      result.marked += marks.marked.length;
      result.unknown.push(...marks.unknown);
      counts[report.type] += marks.marked.length;
      runtime.log('warn', report.type === 'bounce' ? 'mail bounced' : 'mail complaint', { addresses: report.addresses, at: report.at, marked: marks.marked, unknown: marks.unknown });
    }
    runtime.metrics({ [METRIC.mailBounces]: counts.bounce, [METRIC.mailComplaints]: counts.complaint }, { function: 'bounces' });
    return result;
  };
}

/** The addresses to mark, or why the message marks none. */
function reportOf(message: string | undefined): { addresses: string[]; type: 'bounce' | 'complaint'; at: string } | string {
  let raw: unknown;
  try {
    raw = JSON.parse(message ?? '');
  } catch {
    return 'not JSON';
  }
  const parsed = SesNotification.safeParse(raw);
  if (!parsed.success) return `not an SES notification: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.code}`).join('; ')}`;
  const notification = parsed.data;
  const kind = notification.eventType ?? notification.notificationType;
  if (kind === 'Bounce' && notification.bounce) {
    if (notification.bounce.bounceType === 'Transient') return 'transient bounce';
    return { type: 'bounce', at: new Date(notification.bounce.timestamp).toISOString(), addresses: notification.bounce.bouncedRecipients.map((r) => r.emailAddress) };
  }
  if (kind === 'Complaint' && notification.complaint) {
    return { type: 'complaint', at: new Date(notification.complaint.timestamp).toISOString(), addresses: notification.complaint.complainedRecipients.map((r) => r.emailAddress) };
  }
  return `event type ${kind ?? 'missing'}`;
}
