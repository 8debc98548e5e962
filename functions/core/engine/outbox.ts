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
import { type Clock, type Mailer, MailTransportError, type RobotChannel, RobotLockedError, type Store } from './ports.js';
import type { MailRecord } from './records.js';
import { ROBOT_SEND_RATE, robotChannel } from './send-rate.js';

export interface DeliveryResult {
  sent: string[];
  failed: { id: string; error: string; permanent: boolean }[];
  /** Held by another sender right now, or not to be sent today (a non-working day of its calendar). */
  skipped: string[];
  /** Sent, but the store did not take the "sent" mark: left under its lease (see above). */
  unconfirmed: string[];
  /** Robot messages beyond their robot's rate that this run could not wait for: still pending, for the next run. */
  waiting: string[];
}

/** Long enough to outlive a Lambda invocation, so an expired lease means its sender died. */
export const MAIL_LEASE_SECONDS = 15 * 60;
/** After this many transient failures a mail is marked failed (and shows up in the alarms/logs). */
export const MAX_MAIL_ATTEMPTS = 5;
/** A failed write is retried with backoff (20 ms doubling, about 0.6 s in all) before the mail is left unconfirmed. */
const MARK_SENT_ATTEMPTS = 6;

/**
 * How long one run waits, in all, for robots' rates to free a slot (a robot takes 20 messages a minute);
 * what is still waiting then stays pending for the next run, never dropped.
 */
export const RATE_WAIT_BUDGET_MS = 2 * 60_000;

export interface OutboxDeps {
  store: Store;
  mailer: Mailer;
  robots?: RobotChannel;
  clock: Clock;
  mailFrom?: string;
  sleep?: (ms: number) => Promise<void>;
}

export function emptyDelivery(): DeliveryResult {
  return { sent: [], failed: [], skipped: [], unconfirmed: [], waiting: [] };
}

/**
 * Sends the calendar's unsent mails that `sendable` lets through (the sweep keeps offices' mails to their
 * working days), one at a time. A robot message beyond its robot's rate waits for a free slot (within
 * RATE_WAIT_BUDGET_MS), then goes.
 */
export async function deliverPending(deps: OutboxDeps, calendar: string, sendable: (mail: MailRecord) => boolean = () => true): Promise<DeliveryResult> {
  const result = emptyDelivery();
  let queue: MailRecord[] = [];
  for (const mail of await deps.store.outbox.unsent(calendar)) {
    if (!sendable(mail)) result.skipped.push(mail.id);
    else queue.push(mail);
  }
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let waited = 0; queue.length > 0; ) {
    const later: { mail: MailRecord; retryAt: number }[] = [];
    for (const mail of queue) {
      const retryAt = await rateSlot(deps, mail);
      if (retryAt === null) await deliverOne(deps, mail, result);
      else if (retryAt === 'unknown') result.skipped.push(mail.id);
      else later.push({ mail, retryAt });
    }
    if (later.length === 0) break;
    const pause = Math.max(0, Math.min(...later.map((l) => l.retryAt)) - deps.clock().getTime());
    if (waited + pause > RATE_WAIT_BUDGET_MS) {
      result.waiting.push(...later.map((l) => l.mail.id));
      break;
    }
    await sleep(pause);
    waited += pause;
    queue = later.map((l) => l.mail);
  }
  return result;
}

/** null: go ahead (a mail, or a robot slot taken); else when the robot's rate has room again. */
async function rateSlot(deps: OutboxDeps, mail: MailRecord): Promise<number | 'unknown' | null> {
  if (!mail.robot) return null;
  try {
    const retryAt = await deps.store.outbox.takeSendSlot(robotChannel(mail.robot), deps.clock().toISOString(), ROBOT_SEND_RATE);
    return retryAt === null ? null : Date.parse(retryAt);
  } catch {
    // The rate could not be read: not sent now, still pending for the next run.
    return 'unknown';
  }
}

function transmit(deps: OutboxDeps, mail: MailRecord): Promise<string> {
  if (!mail.robot) return deps.mailer.send({ id: mail.id, ...(deps.mailFrom ? { from: deps.mailFrom } : {}), to: mail.to, cc: mail.cc, subject: mail.subject, html: mail.html, text: mail.text });
  if (!deps.robots) return Promise.reject(new MailTransportError('this function has no robot channel configured', false));
  return deps.robots.send({ id: mail.id, robot: mail.robot, title: mail.subject, markdown: mail.text });
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
    messageId = await transmit(deps, mail);
  } catch (error) {
    if (error instanceof RobotLockedError && mail.robot) {
      // The vendor locked the robot: no sender tries it again before the lock ends.
      await deps.store.outbox.holdChannel(robotChannel(mail.robot), new Date(deps.clock().getTime() + error.lockMs).toISOString()).catch(() => undefined);
    }
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
