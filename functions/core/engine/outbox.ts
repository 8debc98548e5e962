/**
 * Delivers mails recorded in the outbox. A mail is committed (with the state changes it reports)
 * before it is sent, and claimed with a lease while sending, so a doubled or retried sweep never sends
 * it twice and a crash never loses it: an unsent mail is picked up by the next run.
 *
 * The one case that can send twice: the transport accepted the mail but its reply was lost (SES has no
 * idempotency key). The mail stays `sending` under its lease and is sent again once the lease expires.
 * Once the transport has answered with a message id the mail is never given back: marking it sent is
 * retried, and if that still fails it is left under its lease rather than released to be sent again
 * (reported as `unconfirmed`: after the lease it may be sent once more, as after a lost reply).
 */
import { type Clock, type Mailer, MailTransportError, type Store } from './ports.js';
import type { MailRecord } from './records.js';

export interface DeliveryResult {
  sent: string[];
  failed: { id: string; error: string; permanent: boolean }[];
  /** Held by another sender right now, or not to be sent today (a non-working day of its calendar). */
  skipped: string[];
  /** Sent, but the store did not take the "sent" mark: left under its lease (see above). */
  unconfirmed: string[];
}

/** Long enough to outlive a Lambda invocation, so an expired lease means its sender died. */
export const MAIL_LEASE_SECONDS = 15 * 60;
/** After this many transient failures a mail is marked failed (and shows up in the alarms/logs). */
export const MAX_MAIL_ATTEMPTS = 5;
/** A failed write is retried with backoff (20 ms doubling, about 0.6 s in all) before the mail is left unconfirmed. */
const MARK_SENT_ATTEMPTS = 6;

export interface OutboxDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  mailFrom?: string;
}

export function emptyDelivery(): DeliveryResult {
  return { sent: [], failed: [], skipped: [], unconfirmed: [] };
}

/** Sends every unsent mail for which `sendable` holds (the sweep keeps offices' mails to their working days). */
/** Sends the calendar's unsent mails that `sendable` lets through, one at a time. */
export async function deliverPending(deps: OutboxDeps, calendar: string, sendable: (mail: MailRecord) => boolean = () => true): Promise<DeliveryResult> {
  const result = emptyDelivery();
  for (const mail of await deps.store.outbox.unsent(calendar)) {
    if (!sendable(mail)) result.skipped.push(mail.id);
    else await deliverOne(deps, mail, result);
  }
  return result;
}

export async function deliverMail(deps: OutboxDeps, id: string): Promise<DeliveryResult> {
  const result = emptyDelivery();
  const mail = await deps.store.outbox.get(id);
  if (mail && mail.status !== 'sent' && mail.status !== 'failed') await deliverOne(deps, mail, result);
  return result;
}

async function deliverOne(deps: OutboxDeps, mail: MailRecord, result: DeliveryResult): Promise<void> {
  // Why the wall clock, not the run's scheduled time: a lease measures how long a sender may take now.
  const now = deps.clock();
  const leaseUntil = new Date(now.getTime() + MAIL_LEASE_SECONDS * 1000).toISOString();
  if (!(await deps.store.outbox.claim(mail.id, leaseUntil, now.toISOString()))) {
    result.skipped.push(mail.id);
    return;
  }
  let messageId: string;
  try {
    messageId = await deps.mailer.send({ id: mail.id, ...(deps.mailFrom ? { from: deps.mailFrom } : {}), to: mail.to, cc: mail.cc, subject: mail.subject, html: mail.html, text: mail.text });
  } catch (error) {
    const permanent = (error instanceof MailTransportError && error.permanent) || mail.attempts + 1 >= MAX_MAIL_ATTEMPTS;
    const message = (error as Error).message;
    result.failed.push({ id: mail.id, error: message, permanent });
    try {
      await deps.store.outbox.release(mail.id, message, permanent);
    } catch {
      // Not released: the lease expires and the next run tries again. The rest of the run goes on.
    }
    return;
  }
  for (let attempt = 1; attempt <= MARK_SENT_ATTEMPTS; attempt += 1) {
    try {
      await deps.store.outbox.markSent(mail.id, messageId, deps.clock().toISOString());
      result.sent.push(mail.id);
      return;
    } catch {
      // retried: a lost reply finds its own write the next time
      if (attempt < MARK_SENT_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
  result.unconfirmed.push(mail.id);
}
